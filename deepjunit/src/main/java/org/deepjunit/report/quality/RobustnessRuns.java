package org.deepjunit.report.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;

/**
 * A model's robustness as its latest runs under each perturbation tell it. {@code @ModelQuality} records a
 * robustness run under the model name {@code "<model> under <perturbation>"} (e.g. {@code "lenet5 under
 * fgsm(eps=0.1)"}), its {@code robustness} figures in it, so every strength of a perturbation is a model of its own
 * in the history; this reads them back as rows of one table and points of curves. A row's strength is an attack's ε
 * or a corruption's severity ({@code "GAUSSIAN_NOISE 3 (seed=1)"}), and its attack is its perturbation's name without
 * the strength (nor an attack's step size, which follows ε by default), so {@code fgsm(eps=0.05)} and
 * {@code fgsm(eps=0.1)} are two points of {@code fgsm}.
 */
final class RobustnessRuns {

    /** The axis of attacks' strengths. */
    static final String EPSILON = "ε";

    /** The axis of corruptions' strengths. */
    static final String SEVERITY = "severity";

    private static final Pattern CALL = Pattern.compile("([^(]*)\\((.*)\\)");
    private static final Pattern CORRUPTION = Pattern.compile("([A-Z][A-Z_]*) ([0-9]+)(.*)");

    /**
     * One perturbation's latest run.
     *
     * @param run the run, of the model {@code "<model> under <perturbation>"}
     * @param perturbation the perturbation's name, e.g. {@code fgsm(eps=0.1)}
     * @param attack the perturbation without its strength and step size, e.g. {@code fgsm}
     * @param axis what its strength is: {@link #EPSILON}, {@link #SEVERITY}, or {@code ""} when its name has none
     * @param strength its ε or severity, NaN when its name has none
     * @param clean the accuracy on the clean inputs, NaN when not recorded
     * @param robust the accuracy on the perturbed inputs
     * @param successRate the attack's success rate over the inputs first classified right, NaN when not recorded
     * @param n the inputs the robust accuracy was measured on
     */
    record Row(
            RunRecord run,
            String perturbation,
            String attack,
            String axis,
            double strength,
            double clean,
            double robust,
            double successRate,
            long n) {}

    private RobustnessRuns() {}

    /**
     * The latest run of each perturbation of {@code model} among {@code runs} (oldest first) that recorded a robust
     * accuracy: attacks, then corruptions, then perturbations without a strength, each by attack, then strength.
     */
    static List<Row> latest(String model, List<RunRecord> runs) {
        String prefix = model + " under ";
        Map<String, RunRecord> latest = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            if (run.model().startsWith(prefix) && !Double.isNaN(Series.valueIn(run, "robustness", "robust accuracy"))) {
                latest.put(run.model().substring(prefix.length()), run); // oldest first: the latest stays
            }
        }
        List<Row> rows = new ArrayList<>();
        latest.forEach((perturbation, run) -> rows.add(row(perturbation, run)));
        List<String> axes = List.of(EPSILON, SEVERITY, "");
        rows.sort(Comparator.comparingInt((Row r) -> axes.indexOf(r.axis()))
                .thenComparing(Row::attack)
                .thenComparingDouble(Row::strength)
                .thenComparing(Row::perturbation));
        return rows;
    }

    private static Row row(String perturbation, RunRecord run) {
        String axis = "";
        double strength = Double.NaN;
        String attack = perturbation;
        Matcher corruption = CORRUPTION.matcher(perturbation);
        Matcher call = CALL.matcher(perturbation);
        if (corruption.matches()) {
            axis = SEVERITY;
            strength = number(corruption.group(2));
            attack = corruption.group(1) + corruption.group(3);
        } else if (call.matches()) {
            List<String> kept = new ArrayList<>();
            for (String parameter : call.group(2).split(", ")) {
                if (parameter.startsWith("eps=")) {
                    axis = EPSILON;
                    strength = number(parameter.substring("eps=".length()));
                } else if (!parameter.startsWith("step=")) {
                    kept.add(parameter);
                }
            }
            attack = kept.isEmpty() ? call.group(1) : call.group(1) + "(" + String.join(", ", kept) + ")";
        }
        return new Row(
                run,
                perturbation,
                attack,
                Double.isNaN(strength) ? "" : axis,
                strength,
                Series.valueIn(run, "robustness", "clean accuracy"),
                Series.valueIn(run, "robustness", "robust accuracy"),
                Series.valueIn(run, "robustness", "attack success rate"),
                run.figures().stream()
                        .filter(f -> f.kind().equals("robustness") && f.name().equals("robust accuracy"))
                        .mapToLong(FigureRecord::n)
                        .findFirst()
                        .orElse(0));
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN; // no strength we can place on an axis: the row stays in the table
        }
    }
}
