package org.deepjunit.quality.stats;

import org.deepjunit.quality.metrics.Predictions;

/** Checks that a baseline's and a candidate's predictions are on the same samples, and the confidence level. */
final class Paired {

    private Paired() {}

    static void sameSamples(String test, Predictions baseline, Predictions candidate) {
        if (baseline.size() != candidate.size()) {
            throw new IllegalArgumentException(test + ": the baseline has " + baseline.size()
                    + " samples, but the candidate " + candidate.size() + "; compare both on the same samples");
        }
        int[] a = baseline.labels();
        int[] b = candidate.labels();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                throw new IllegalArgumentException(test + ": the labels differ at sample " + i + " (baseline " + a[i]
                        + ", candidate " + b[i] + "); compare both on the same samples in the same order");
            }
        }
    }

    static void confidence(String test, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException(
                    test + ": the confidence level must be between 0 and 1 (e.g. 0.95), was " + confidence);
        }
    }
}
