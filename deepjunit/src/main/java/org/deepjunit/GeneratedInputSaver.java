package org.deepjunit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deepjunit.data.FolderLock;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.differential.ApprovedVerdict.Answer;
import org.deepjunit.differential.TopOneOracle;
import org.deepjunit.explain.ExplainedInputs;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After one generated-input invocation: saves the input (PNG, {@code .npy}, JSON with its provenance and each model's
 * top scores on it and on its seed) beside its seed and their difference map under
 * {@code <report>/generated/<Class.method>/} when the test failed or the models disagreed on it, with an explanation
 * of {@code explained}'s predicted class beside an image input (null: none, {@code deepjunit.explain.overlays=false}).
 *
 * @param models the generation's models by their {@code @TestModel} names, in the order of the annotation
 */
record GeneratedInputSaver(GeneratedInput input, double[] range, Map<String, Model> models, Model explained)
        implements AfterTestExecutionCallback {

    /** The scores kept per model: enough to see how close the runner-up came. */
    static final int TOP_SCORES = 3;

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Throwable failure = context.getExecutionException().orElse(null);
        if (failure == null && !input.disagreement()) {
            return;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(
                "test",
                context.getRequiredTestClass().getName() + "#"
                        + context.getRequiredTestMethod().getName());
        meta.putAll(input.provenance());
        meta.put("scores", answers(input.tensor()));
        meta.put("seedScores", answers(input.seed()));
        meta.put("failure", failure == null ? null : String.valueOf(failure));
        meta.put("validRange", range);
        Path report = Settings.of(context).reportDirectory();
        Path generated = report.resolve("generated");
        String group = context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName();
        // under the report folder's lock: no save lands in a report that another JVM is swapping out
        FolderLock.lockedUnchecked(report, () -> {
            SavedInputs.Saved saved = SavedInputs.save(
                    generated.resolve(SavedInputs.safeName(group)),
                    input.index() + "-seed" + input.seedId(),
                    input.tensor(),
                    input.seed(),
                    range,
                    meta);
            if (explained != null) {
                ExplainedInputs.writeBeside(explained, input.tensor(), saved, range);
            }
            SavedInputs.writeIndex(
                    generated,
                    "Saved inputs",
                    "Inputs that failed a test or made models disagree; each with its tensor (.npy) and metadata.");
        });
    }

    /**
     * Each model's answer to {@code x} {@code [1, ...]}: top class and top scores. Not observed: these passes are the
     * report's, not the test's, so coverage and differential checks never see them.
     */
    private Map<String, Answer> answers(Tensor x) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        models.forEach((name, model) -> {
            double[] output =
                    ForwardListeners.unobserved(() -> model.predict(x)).toDoubleArray();
            answers.put(name, Answer.of(name, output, new TopOneOracle(), TOP_SCORES));
        });
        return answers;
    }
}
