package org.deepjunit.report;

import org.jacoco.core.analysis.ICounter;

/** An immutable JaCoCo counter: missed and covered items (here: neurons). */
final class NeuronCounter implements ICounter {

    static final NeuronCounter ZERO = new NeuronCounter(0, 0);
    static final NeuronCounter ONE_MISSED = new NeuronCounter(1, 0);
    static final NeuronCounter ONE_COVERED = new NeuronCounter(0, 1);

    private final int missed;
    private final int covered;

    private NeuronCounter(int missed, int covered) {
        this.missed = missed;
        this.covered = covered;
    }

    static NeuronCounter of(long missed, long covered) {
        if (missed == 0 && covered == 0) {
            return ZERO;
        }
        // JaCoCo counters are ints: 2^31 neurons in one report is beyond what the HTML could show anyway.
        return new NeuronCounter(Math.toIntExact(missed), Math.toIntExact(covered));
    }

    NeuronCounter plus(ICounter other) {
        return of((long) missed + other.getMissedCount(), (long) covered + other.getCoveredCount());
    }

    @Override
    public double getValue(CounterValue value) {
        switch (value) {
            case TOTALCOUNT:
                return getTotalCount();
            case MISSEDCOUNT:
                return missed;
            case COVEREDCOUNT:
                return covered;
            case MISSEDRATIO:
                return getMissedRatio();
            case COVEREDRATIO:
                return getCoveredRatio();
            default:
                throw new AssertionError(value);
        }
    }

    @Override
    public int getTotalCount() {
        return missed + covered;
    }

    @Override
    public int getCoveredCount() {
        return covered;
    }

    @Override
    public int getMissedCount() {
        return missed;
    }

    @Override
    public double getCoveredRatio() {
        return (double) covered / getTotalCount();
    }

    @Override
    public double getMissedRatio() {
        return (double) missed / getTotalCount();
    }

    @Override
    public int getStatus() {
        int status = covered > 0 ? ICounter.FULLY_COVERED : ICounter.EMPTY;
        if (missed > 0) {
            status |= ICounter.NOT_COVERED;
        }
        return status;
    }

    @Override
    public String toString() {
        return "NeuronCounter[missed=" + missed + ", covered=" + covered + "]";
    }
}
