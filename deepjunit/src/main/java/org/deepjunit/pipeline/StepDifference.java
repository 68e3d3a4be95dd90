package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * How far two outputs of one step (a stage, a layer, a model) are apart, element by element within
 * {@code |a − b| <= absolute + relative · max(|a|, |b|)}; the first step beyond it is where two pipelines part.
 *
 * @param step          the step, e.g. {@code stage 'resize'}
 * @param maxDifference the largest {@code |a − b|} (NaN when not compared)
 * @param within        whether every element is within the tolerance
 * @param note          why the step was not compared (shapes differ, no file), or null
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record StepDifference(String step, double maxDifference, boolean within, String note) {

    /** Compares two outputs of one step. */
    public static StepDifference of(String step, Tensor a, Tensor b, double absolute, double relative) {
        if (!a.shape().equals(b.shape())) {
            return new StepDifference(step, Double.NaN, false, "shapes differ: " + a.shape() + " and " + b.shape());
        }
        double max = 0;
        boolean within = true;
        for (int i = 0; i < a.size(); i++) {
            double x = a.getDouble(i);
            double y = b.getDouble(i);
            double difference = Math.abs(x - y);
            within &= difference <= absolute + relative * Math.max(Math.abs(x), Math.abs(y));
            max = Math.max(max, Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference);
        }
        return new StepDifference(step, max, within, null);
    }

    /** The first step beyond the tolerance, or null. */
    public static StepDifference firstDivergence(List<StepDifference> steps) {
        return steps.stream().filter(s -> !s.within()).findFirst().orElse(null);
    }

    /** One line per step, indented by {@code indent}, the first divergence marked. */
    public static String describe(List<StepDifference> steps, String indent) {
        StringBuilder text = new StringBuilder();
        StepDifference first = firstDivergence(steps);
        for (StepDifference s : steps) {
            text.append(indent).append(String.format(Locale.ROOT, "%-36s ", s.step()));
            text.append(
                    s.note() != null
                            ? s.note()
                            : String.format(Locale.ROOT, "max |difference| %.4g", s.maxDifference()));
            if (s == first) {
                text.append("  <- first divergence");
            }
            text.append('\n');
        }
        return text.toString();
    }
}
