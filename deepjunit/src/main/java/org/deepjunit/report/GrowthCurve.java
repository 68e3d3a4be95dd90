package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How one criterion's coverage of one model grew with the inputs run: the data of a coverage-growth plot (NC against
 * the number of inputs, the figure of the DeepXplore and DeepGauge papers).
 *
 * @param model     the model's name in the report
 * @param criterion the criterion's label, such as {@code NC(t=0.25)}
 * @param units     the units the criterion counts: neurons, or for NBC their two corners
 * @param inputs    the inputs recorded
 * @param firsts    per covered unit the ordinal (from 0) of the first input that covered it, in any order
 * @param generated the generated inputs as [from, to) ordinal ranges, in order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GrowthCurve(
        String model, String criterion, long units, long inputs, long[] firsts, List<long[]> generated) {

    public GrowthCurve {
        Checks.name(model, "model name");
        Checks.name(criterion, "criterion of model " + model);
        firsts = firsts.clone();
        Arrays.sort(firsts);
        if (firsts.length > units || firsts.length > 0 && (firsts[0] < 0 || firsts[firsts.length - 1] >= inputs)) {
            throw new IllegalArgumentException("growth of " + model + " " + criterion + ": " + firsts.length
                    + " first inputs for " + units + " units and " + inputs + " inputs");
        }
        generated = generated.stream().map(long[]::clone).toList();
    }

    /** A point of the curve: after {@code inputs} inputs, {@code covered} units were covered. */
    public record Point(long inputs, long covered, boolean generated) {}

    /**
     * The curve where it changes: (0, 0), then after each input that covered a unit first, the inputs run so far and
     * the units covered, and the last input; each point says whether the input that ends at it was generated, and a
     * point is added where the inputs switch between generated and not, so a plot can colour each stretch.
     */
    public List<Point> points() {
        List<Long> at = new ArrayList<>();
        for (long[] r : generated) {
            at.add(r[0]);
            at.add(r[1]);
        }
        for (long f : firsts) {
            at.add(f + 1);
        }
        at.add(inputs);
        List<Point> points = new ArrayList<>(List.of(new Point(0, 0, isGenerated(0))));
        at.stream().filter(x -> x > 0 && x <= inputs).distinct().sorted().forEach(x -> {
            long covered = coveredAfter(x);
            points.add(new Point(x, covered, isGenerated(x - 1)));
        });
        return points;
    }

    /** The units covered by the first {@code n} inputs. */
    public long coveredAfter(long n) {
        int i = Arrays.binarySearch(firsts, n);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && firsts[i - 1] == n) {
            i--;
        }
        return i;
    }

    /** Whether the input of ordinal {@code ordinal} was generated. */
    public boolean isGenerated(long ordinal) {
        return generated.stream().anyMatch(r -> ordinal >= r[0] && ordinal < r[1]);
    }
}
