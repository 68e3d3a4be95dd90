package org.deepjunit.quality.metrics;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** A named metric made of a function, with the per-sample correctness of accuracy-like ones. */
final class BuiltInMetric implements Metric {

    private final String name;
    private final boolean greaterIsBetter;
    private final boolean needsProbabilities;
    private final ToDoubleFunction<Predictions> compute;
    private final Function<Predictions, boolean[]> correctness;

    private BuiltInMetric(
            String name,
            boolean greaterIsBetter,
            boolean needsProbabilities,
            ToDoubleFunction<Predictions> compute,
            Function<Predictions, boolean[]> correctness) {
        this.name = name;
        this.greaterIsBetter = greaterIsBetter;
        this.needsProbabilities = needsProbabilities;
        this.compute = compute;
        this.correctness = correctness;
    }

    static Metric of(
            String name, boolean greaterIsBetter, boolean needsProbabilities, ToDoubleFunction<Predictions> f) {
        return new BuiltInMetric(name, greaterIsBetter, needsProbabilities, f, null);
    }

    /** A metric that is the share of samples that {@code correctness} marks correct; greater is better. */
    static Metric meanOf(String name, Function<Predictions, boolean[]> correctness) {
        return new BuiltInMetric(name, true, false, p -> mean(correctness.apply(p)), correctness);
    }

    private static double mean(boolean[] correct) {
        int hits = 0;
        for (boolean c : correct) {
            if (c) {
                hits++;
            }
        }
        return (double) hits / correct.length;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean greaterIsBetter() {
        return greaterIsBetter;
    }

    @Override
    public double compute(Predictions predictions) {
        return compute.applyAsDouble(predictions);
    }

    @Override
    public boolean needsProbabilities() {
        return needsProbabilities;
    }

    @Override
    public boolean perSampleCorrectness() {
        return correctness != null;
    }

    @Override
    public boolean[] correct(Predictions predictions) {
        return correctness == null ? Metric.super.correct(predictions) : correctness.apply(predictions);
    }

    @Override
    public String toString() {
        return name;
    }
}
