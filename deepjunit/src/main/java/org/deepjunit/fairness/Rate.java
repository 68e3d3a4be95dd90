package org.deepjunit.fairness;

/**
 * A per-group rate that fairness figures compare, computed from the group's confusion counts {@code [true][predicted]}
 * for a positive class, and the samples it is computed on (what the minimum group size applies to).
 */
enum Rate {
    SELECTION("selection rate", false) {
        @Override
        double value(long[][] m, int c) {
            return BinaryCounts.of(m, c).selectionRate();
        }

        @Override
        long denominator(long[][] m, int c) {
            return BinaryCounts.of(m, c).n();
        }
    },
    TRUE_POSITIVE("true positive rate", false) {
        @Override
        double value(long[][] m, int c) {
            return BinaryCounts.of(m, c).truePositiveRate();
        }

        @Override
        long denominator(long[][] m, int c) {
            return BinaryCounts.of(m, c).positives();
        }
    },
    FALSE_POSITIVE("false positive rate", false) {
        @Override
        double value(long[][] m, int c) {
            return BinaryCounts.of(m, c).falsePositiveRate();
        }

        @Override
        long denominator(long[][] m, int c) {
            return BinaryCounts.of(m, c).negatives();
        }
    },
    /** The group's multiclass accuracy: the same for every positive class. */
    ACCURACY("accuracy", true) {
        @Override
        double value(long[][] m, int c) {
            long correct = 0;
            for (int t = 0; t < m.length; t++) {
                correct += m[t][t];
            }
            long n = denominator(m, c);
            return n == 0 ? Double.NaN : (double) correct / n;
        }

        @Override
        long denominator(long[][] m, int c) {
            long n = 0;
            for (long[] row : m) {
                for (long count : row) {
                    n += count;
                }
            }
            return n;
        }
    };

    private final String label;
    private final boolean classIndependent;

    Rate(String label, boolean classIndependent) {
        this.label = label;
        this.classIndependent = classIndependent;
    }

    /** The rate of counts {@code m} for positive class {@code c}; NaN when its denominator is 0. */
    abstract double value(long[][] m, int c);

    /** How many samples the rate is computed on. */
    abstract long denominator(long[][] m, int c);

    String label() {
        return label;
    }

    boolean classIndependent() {
        return classIndependent;
    }

    /** What a group too small for this rate has, e.g. "n = 12" or "12 samples of class 1". */
    String size(long denominator, int c) {
        return switch (this) {
            case SELECTION, ACCURACY -> "n = " + denominator;
            case TRUE_POSITIVE -> denominator + " samples of class " + c;
            case FALSE_POSITIVE -> denominator + " samples not of class " + c;
        };
    }
}
