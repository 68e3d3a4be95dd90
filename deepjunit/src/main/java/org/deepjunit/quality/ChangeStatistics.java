package org.deepjunit.quality;

import java.util.Locale;
import org.deepjunit.quality.metrics.Metric;
import org.deepjunit.quality.metrics.Predictions;
import org.deepjunit.quality.stats.BootstrapResult;
import org.deepjunit.quality.stats.McNemar;
import org.deepjunit.quality.stats.McNemarResult;
import org.deepjunit.quality.stats.PairedBootstrap;

/**
 * The change of a metric from baseline to candidate on the same samples, with its confidence interval: McNemar's
 * test for metrics that are means of per-sample correctness, a paired bootstrap for every other.
 */
final class ChangeStatistics {

    /** The change, candidate − baseline, its interval and the test that gave them. */
    record Change(double difference, double lower, double upper, double pValue, String test) {}

    private ChangeStatistics() {}

    static Change of(
            Metric metric, Evaluation candidate, Evaluation baseline, int[] indices, double confidence, long seed) {
        Predictions c = candidate.predictions().subset(indices);
        Predictions b = baseline.predictions().subset(indices);
        if (metric.perSampleCorrectness()) {
            McNemarResult r = McNemar.test(metric.correct(b), metric.correct(c), confidence);
            return new Change(
                    r.difference(),
                    r.lower(),
                    r.upper(),
                    r.pValue(),
                    String.format(Locale.ROOT, "McNemar p = %.3g, b = %d, c = %d", r.pValue(), r.b(), r.c()));
        }
        BootstrapResult r =
                PairedBootstrap.withSeed(seed).confidence(confidence).compare(metric, b, c);
        return new Change(
                r.observed(),
                r.lower(),
                r.upper(),
                r.pValue(),
                String.format(Locale.ROOT, "paired bootstrap p = %.3g, %d resamples", r.pValue(), r.resamples()));
    }
}
