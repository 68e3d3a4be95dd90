package org.deepjunit.quality.metrics;

import java.util.Arrays;

/**
 * The area under the ROC curve of one class against the rest, exactly, from the Mann–Whitney rank statistic:
 * rank all scores together (1 = lowest, tied scores share their average rank), {@code U = R₊ − n₊(n₊ + 1)/2} with
 * {@code R₊} the positives' rank sum, and {@code AUC = U / (n₊ · n₋)}: the chance that a random positive scores
 * above a random negative, a tie counting one half. Ranks are kept doubled, as integers, so the only rounding is
 * the final division.
 */
final class RankAuc {

    private RankAuc() {}

    /** The one-vs-rest AUC of {@code positiveClass}, whose scores are column {@code positiveClass}. */
    static double auc(String metric, int[] labels, double[][] scores, int positiveClass) {
        int positives = 0;
        for (int label : labels) {
            if (label == positiveClass) {
                positives++;
            }
        }
        int negatives = labels.length - positives;
        if (positives == 0) {
            throw new IllegalArgumentException(metric + ": class " + positiveClass + " never occurs in the labels,"
                    + " so its one-vs-rest AUC is undefined; evaluate on samples that include every class");
        }
        if (negatives == 0) {
            throw new IllegalArgumentException(metric + ": every sample has class " + positiveClass + ", so its"
                    + " one-vs-rest AUC is undefined (no negatives); evaluate on samples of more than one class");
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        int p = 0;
        int q = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == positiveClass) {
                pos[p++] = scores[i][positiveClass];
            } else {
                neg[q++] = scores[i][positiveClass];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        long twiceRankSum = 0; // Σ over positives of 2 · (average rank)
        long ranked = 0; // how many scores have lower ranks than the current group
        p = 0;
        q = 0;
        while (p < pos.length || q < neg.length) {
            double value = q == neg.length || (p < pos.length && pos[p] < neg[q]) ? pos[p] : neg[q];
            int groupPositives = 0;
            int groupNegatives = 0;
            while (p < pos.length && pos[p] == value) {
                p++;
                groupPositives++;
            }
            while (q < neg.length && neg[q] == value) {
                q++;
                groupNegatives++;
            }
            // the group holds ranks ranked + 1 … ranked + size; each member's average rank doubled is
            // (ranked + 1) + (ranked + size) = 2·ranked + size + 1
            long size = groupPositives + groupNegatives;
            twiceRankSum += groupPositives * (2 * ranked + size + 1);
            ranked += size;
        }
        long twiceU = twiceRankSum - (long) positives * (positives + 1);
        return twiceU / (2.0 * positives * negatives);
    }
}
