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
 * fgsm(eps=0.1)"}), its {@code robustness} figures in it, so every ε of an attack is a model of its own in the
 * history; this reads them back as rows of one table and points of one curve. The attack of a row is its
 * perturbation's name without the ε and the step size (which follows ε by default), so {@code fgsm(eps=0.05)} and
 * {@code fgsm(eps=0.1)} are two points of {@code fgsm}. A corruption has a severity, not an ε: its row has none.
 */
final class RobustnessRuns {

    private static final Pattern CALL = Pattern.compile("([^(]*)\\((.*)\\)");

    /**
     * One perturbation's latest run.
     *
     * @param run the run, of the model {@code "<model> under <perturbation>"}
     * @param perturbation the perturbation's name, e.g. {@code fgsm(eps=0.1)}
     * @param attack the perturbation without its ε and step size, e.g. {@code fgsm}
     * @param epsilon its ε, NaN for a perturbation without one (a corruption)
     * @param clean the accuracy on the clean inputs, NaN when not recorded
     * @param robust the accuracy on the perturbed inputs
     * @param successRate the attack's success rate over the inputs first classified right, NaN when not recorded
     * @param n the inputs the robust accuracy was measured on
     */
    record Row(
            RunRecord run,
            String perturbation,
            String attack,
            double epsilon,
            double clean,
            double robust,
            double successRate,
            long n) {}

    private RobustnessRuns() {}

    /**
     * The latest run of each perturbation of {@code model} among {@code runs} (oldest first) that recorded a robust
     * accuracy, by attack, then by ε (corruptions last, by name).
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
        rows.sort(Comparator.comparing((Row r) -> Double.isNaN(r.epsilon()))
                .thenComparing(Row::attack)
                .thenComparingDouble(Row::epsilon)
                .thenComparing(Row::perturbation));
        return rows;
    }

    private static Row row(String perturbation, RunRecord run) {
        double epsilon = Double.NaN;
        String attack = perturbation;
        Matcher call = CALL.matcher(perturbation);
        if (call.matches()) {
            List<String> kept = new ArrayList<>();
            for (String parameter : call.group(2).split(", ")) {
                if (parameter.startsWith("eps=")) {
                    epsilon = number(parameter.substring("eps=".length()));
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
                epsilon,
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
            return Double.NaN; // not an ε we can place on an axis: the row stays in the table
        }
    }
}
