package org.deepjunit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.data.FolderLock;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.explain.ExplainKeys;
import org.deepjunit.explain.ExplainedInputs;
import org.deepjunit.model.Model;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.robustness.AdversarialExample;
import org.deepjunit.robustness.MinimalPerturbation;
import org.deepjunit.robustness.RobustnessResult;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a {@link ModelQuality} test keeps of each robustness run: after the test, its figures as report entries
 * ({@code deepjunit.robustness.<model under perturbation>.<figure>}) and history figures (kind {@code robustness},
 * in the perturbed evaluation's run),
 * and, during the test, its adversarial examples saved beside their seeds (PNG, {@code .npy}, JSON, the seed's
 * {@code .seed.npy} and {@code .seed.png}, a difference map and an explanation of the model's class as a heat map) under {@code <report>/robustness/<Class.method>/<model under
 * perturbation>/}.
 */
final class RobustnessRecorder {

    private RobustnessRecorder() {}

    /**
     * Publishes the result's figures as report entries and returns them as history figures, which the perturbed
     * evaluation's history run takes.
     */
    static List<FigureRecord> figures(ExtensionContext context, RobustnessResult result) {
        String model = result.perturbed().model();
        List<FigureRecord> records = new ArrayList<>();
        result.figures().forEach((figure, value) -> {
            if (Double.isNaN(value)) {
                return; // e.g. no correctly classified input to attack: nothing to record, not a zero
            }
            context.publishReportEntry("deepjunit.robustness." + model + "." + figure, String.valueOf(value));
            records.add(FigureRecord.of(
                    "robustness", figure, "all", value, result.clean().size()));
        });
        return records;
    }

    /**
     * Records the median minimal ε (when finite: the history keeps finite figures) and the share of inputs the
     * attack's own ε left unbroken, over the correctly classified inputs.
     */
    static void record(ExtensionContext context, Settings settings, String test, String model, MinimalPerturbation m) {
        int n = m.epsilons().length;
        if (n == 0) {
            return; // no input classified correctly: no perturbation to measure
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("median minimal eps", m.median());
        figures.put("unbroken share", (double) m.unbroken() / n);
        List<FigureRecord> records = new ArrayList<>();
        figures.forEach((figure, value) -> {
            context.publishReportEntry("deepjunit.robustness." + model + "." + figure, String.valueOf(value));
            if (Double.isFinite(value)) {
                records.add(FigureRecord.of("robustness", figure, "all", value, n));
            }
        });
        QualityHistory.of(context).record(settings, test, model, "", "", records);
    }

    /**
     * Saves the result's adversarial examples beside their seeds, each with an explanation of {@code model}'s class
     * ({@code deepjunit.explain.overlays}); called during the test, while the model is open.
     */
    static void saveExamples(ExtensionContext context, Settings settings, Model model, RobustnessResult result) {
        if (result.examples().isEmpty()) {
            return;
        }
        String name = result.perturbed().model();
        boolean overlays = settings.getOrDefault(ExplainKeys.OVERLAYS);
        Path report = settings.reportDirectory();
        Path root = report.resolve("robustness");
        String group = context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName();
        Path dir = root.resolve(SavedInputs.safeName(group)).resolve(SavedInputs.safeName(name));
        double[] range = {result.perturbation().min(), result.perturbation().max()};
        FolderLock.lockedUnchecked(report, () -> {
            for (AdversarialExample x : result.examples()) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put(
                        "test",
                        context.getRequiredTestClass().getName() + "#"
                                + context.getRequiredTestMethod().getName());
                meta.put("model", name);
                meta.put("perturbation", result.perturbation().name());
                meta.put("index", x.index());
                meta.put("label", x.label());
                meta.put("validRange", range);
                meta.put("predicted", x.predicted());
                meta.put("linfDistance", x.linfDistance());
                meta.put("l2Distance", x.l2Distance());
                SavedInputs.Saved saved =
                        SavedInputs.save(dir, x.index() + "-adversarial", x.perturbed(), x.seed(), range, meta);
                if (overlays) {
                    ExplainedInputs.writeBeside(model, x.perturbed(), saved, range);
                }
            }
            SavedInputs.writeIndex(
                    root,
                    "Adversarial examples",
                    "Inputs a perturbation made the model misclassify, confirmed by predicting them again, each beside"
                            + " its seed; with tensors (.npy) and metadata.");
        });
    }
}
