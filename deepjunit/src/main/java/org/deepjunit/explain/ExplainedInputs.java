package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.Json;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Tensor;

/**
 * Explanations beside the inputs DeepJUnit saves (failing, disagreeing, generated or adversarial inputs): a heat-map
 * overlay {@code <name>.explanation.png} next to the input's {@code <name>.png}, named in its JSON file as
 * {@code explanationFile} (with {@code explanation}: what was explained), which the saved inputs' {@code index.html}
 * shows beside the input, captioned with {@code explanation}.
 *
 * <pre>{@code
 * SavedInputs.Saved saved = SavedInputs.save(dir, "adv-17", adversarial, new double[] {0, 1}, metadata);
 * ExplainedInputs.writeBeside(model, adversarial, saved, new double[] {0, 1});
 * SavedInputs.writeIndex(dir, "Adversarial inputs", "...");
 * }</pre>
 *
 * <p>The explanation is of the model's predicted class: integrated gradients (50 steps, zero baseline) when the
 * model computes input gradients, else occlusion (4x4 patches, stride 2). An explanation that cannot be made never
 * fails the caller: its reason is recorded in the JSON as {@code explanationError}.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class ExplainedInputs {

    /** The overlay's file name ending, after the saved input's base name. */
    public static final String SUFFIX = ".explanation.png";

    private ExplainedInputs() {}

    /**
     * Explains a saved image input and writes its overlay beside it; nothing for an input without a PNG.
     *
     * @param model  the model whose predicted class is explained (a model or pipeline)
     * @param sample the input as saved ({@code [1, ...]} or one sample)
     * @param saved  what {@link SavedInputs#save} wrote for it
     * @param range  the valid range {@code {min, max}} the input is drawn with; null to take it from the values
     * @return the overlay written, or empty when the input is no image or could not be explained
     */
    public static Optional<Path> writeBeside(Model model, Tensor sample, SavedInputs.Saved saved, double[] range) {
        if (saved.png() == null) {
            return Optional.empty();
        }
        String base = saved.json().getFileName().toString().replaceFirst("\\.json$", "");
        Path overlay = saved.json().resolveSibling(base + SUFFIX);
        Attribution a;
        try {
            a = explain(model, sample);
            HeatMaps.writeOverlay(overlay, sample, a, range);
        } catch (RuntimeException e) {
            annotate(saved.json(), null, null, "cannot explain on model '" + model.name() + "': " + e.getMessage());
            return Optional.empty();
        }
        annotate(saved.json(), overlay.getFileName().toString(), summary(a), null);
        return Optional.of(overlay);
    }

    /** The default explanation of a saved input: integrated gradients, or occlusion for a model without gradients. */
    public static Attribution explain(Model model, Tensor sample) {
        try {
            return Explain.integratedGradients(model).explain(sample);
        } catch (ModelException noGradient) {
            Tensor x = BaseExplainer.oneSample(model, sample);
            int h = x.shape().rank() >= 3 ? x.shape().dim(1) : 1;
            int w = x.shape().rank() >= 3 ? x.shape().dim(2) : x.shape().dim(1);
            return Explain.occlusion(model)
                    .patch(Math.min(4, h), Math.min(4, w))
                    .stride(2, 2)
                    .explain(x);
        }
    }

    /** One line for the JSON and the report: the method, model, score and, where there is one, completeness. */
    static String summary(Attribution a) {
        String s = a.describe();
        if (!Double.isNaN(a.baselineOutput())) {
            s += String.format(Locale.ROOT, " (completeness error %.2f%%)", 100 * a.relativeCompletenessError());
        }
        return s;
    }

    private static void annotate(Path json, String file, String explanation, String error) {
        try {
            ObjectNode node = (ObjectNode) Json.readTree(Files.readAllBytes(json));
            if (file != null) {
                node.put("explanationFile", file);
                node.put("explanation", explanation);
            } else {
                node.put("explanationError", error);
            }
            AtomicFiles.write(json, Json.write(node));
        } catch (IOException | ClassCastException e) {
            // the saved input stays as it was; its explanation is missing, not wrong
        }
    }
}
