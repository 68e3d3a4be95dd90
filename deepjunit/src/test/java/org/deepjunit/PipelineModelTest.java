package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.LayerCoverage;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Outputs;
import org.deepjunit.pipeline.StageException;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.TensorStage;
import org.deepjunit.pipeline.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A {@link TensorPipeline} is a model: it predicts, differentiates and is covered as its stages and model say. */
class PipelineModelTest {

    /** [2, 2] raw samples → standardise per column → flatten → clip → scale → 4-8-3 MLP. */
    static TensorPipeline pipeline(String name, Model mlp) {
        return TensorPipeline.builder(name, Shape.of(2, 2))
                .then(Tensors.standardize(new double[] {1, -1}, new double[] {2, 0.5}))
                .then(Tensors.reshape(4))
                .then(Tensors.clip(-3, 3))
                .then(Tensors.scale(0.5, 0.1))
                .model(mlp)
                .then(Outputs.softmax())
                .build();
    }

    static Tensor raw(long seed, int n) {
        return SmallNets.inputs(seed, n).reshape(n, 2, 2);
    }

    /** What the model is fed, computed with plain loops. */
    static double[] byHand(double[] raw) {
        double[] mean = {1, -1};
        double[] std = {2, 0.5};
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double v = (raw[i] - mean[i % 2]) / std[i % 2];
            x[i] = Math.min(Math.max(v, -3), 3) * 0.5 + 0.1;
        }
        return x;
    }

    @Test
    void predictsTheModelOnThePreprocessedInputThenTheStagesAfterIt() {
        try (Model mlp = SmallNets.mlp("mlp", 5);
                TensorPipeline p = pipeline("p", SmallNets.mlp("mlp", 5))) {
            Tensor raw = raw(1, 6);
            Tensor fed = Tensor.of(byHand(raw.toDoubleArray()), 6, 4);
            assertThat(p.preprocess(raw).toDoubleArray()).containsExactly(fed.toDoubleArray(), within(1e-12));
            Tensor expected = Outputs.softmax().apply(mlp.predict(fed));
            assertThat(p.predict(raw).toDoubleArray()).containsExactly(expected.toDoubleArray(), within(1e-12));
            assertThat(p.inputShape()).isEqualTo(Shape.of(2, 2));
            assertThat(p.outputShape()).isEqualTo(Shape.of(3));
            assertThat(p.layers()).isEqualTo(mlp.layers());
        }
    }

    @Test
    void inputGradientReachesTheRawInputMatchingCentralDifferences() {
        try (TensorPipeline p = pipeline("p", SmallNets.mlp("mlp", 5))) {
            Tensor raw = raw(2, 3);
            Objective objective = Objective.builder()
                    .neuron("hidden", 2, 1.0)
                    .neuron("hidden", 5, -0.5)
                    .build();
            double[] gradient = p.inputGradient(raw, objective).toDoubleArray();
            double[] x = raw.toDoubleArray();
            double h = 1e-6;
            for (int i = 0; i < x.length; i++) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[i] += h;
                minus[i] -= h;
                double difference = (objective(p, Tensor.of(plus, 3, 2, 2), objective)
                                - objective(p, Tensor.of(minus, 3, 2, 2), objective))
                        / (2 * h);
                assertThat(gradient[i]).as("element %d", i).isCloseTo(difference, within(1e-6));
            }
            assertThat(java.util.Arrays.stream(gradient).map(Math::abs).max().orElseThrow())
                    .as("the objective depends on the input")
                    .isGreaterThan(1e-3);
        }
    }

    /** The objective's value per sample, summed: Σ weight · hidden[unit], from the layer's outputs. */
    private static double objective(TensorPipeline p, Tensor raw, Objective objective) {
        Tensor hidden = p.activations(raw, List.of("hidden")).layer("hidden");
        double sum = 0;
        for (int s = 0; s < raw.batchSize(); s++) {
            for (Objective.Term t : objective.terms()) {
                sum += t.weight() * hidden.getDouble(s, t.unit());
            }
        }
        return sum;
    }

    @Test
    void aStageWithoutGradientIsNamedWhenGradientsAreAskedFor() {
        TensorStage rounding = TensorStage.of("round", shape -> shape, t -> {
            double[] x = t.toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.rint(x[i]);
            }
            return Tensor.of(x, t.shape().dims());
        });
        try (TensorPipeline p = TensorPipeline.builder("rounded", Shape.of(4))
                .then(rounding)
                .model(SmallNets.mlp("mlp", 5))
                .build()) {
            assertThat(p.predict(raw(3, 1).reshape(1, 4)).shape()).isEqualTo(Shape.of(1, 3));
            assertThatThrownBy(() -> p.inputGradient(
                            raw(3, 1).reshape(1, 4),
                            Objective.builder().logit(0, 1).build()))
                    .isInstanceOf(StageException.class)
                    .hasMessageStartingWith("Stage 'round': is not differentiable, so input gradients of pipeline"
                            + " 'rounded' cannot reach its input");
        }
    }

    @Test
    void shapesAndNamesAreCheckedWhenThePipelineIsBuilt() {
        try (Model mlp = SmallNets.mlp("mlp", 5)) {
            assertThatThrownBy(() -> TensorPipeline.builder("p", Shape.of(3, 2))
                            .then(Tensors.reshape(6))
                            .model(mlp))
                    .isInstanceOf(StageException.class)
                    .hasMessage("Stage 'reshape': stage 'reshape' gives [6], but model 'mlp' takes [4] (pipeline 'p')");
            assertThatThrownBy(() -> TensorPipeline.builder("p", Shape.of(4, 1)).model(mlp))
                    .hasMessage("Stage 'input': the pipeline's input shape [4, 1] does not fit model 'mlp' takes [4]"
                            + " (pipeline 'p')");
            assertThatThrownBy(() -> TensorPipeline.builder("p", Shape.of(4))
                            .then(Tensors.scale(2))
                            .then(Tensors.scale(3))
                            .model(mlp)
                            .build())
                    .hasMessageContaining("has two stages named 'scale'")
                    .hasMessageContaining("TensorStage.renamed(\"scale-2\", stage)");
            TensorPipeline twice = TensorPipeline.builder("p", Shape.of(4))
                    .then(Tensors.scale(2))
                    .then(TensorStage.renamed("scale-2", Tensors.scale(3)))
                    .model(mlp)
                    .build();
            Tensor x = raw(4, 1).reshape(1, 4);
            assertThat(twice.inputGradient(
                                    x,
                                    Objective.builder().neuron("hidden", 0, 1).build())
                            .shape())
                    .isEqualTo(x.shape());
        }
    }

    // ---- coverage: the pipeline's equals the model's on the pre-processed inputs ----

    @NeuronCoverage
    static class CoversThePipeline {
        @TestModel("pipeline")
        static Model pipeline() {
            return PipelineModelTest.pipeline("pipeline", SmallNets.mlp("inner", 5));
        }

        @Test
        void predicts(@TestModel("pipeline") Model pipeline) {
            pipeline.predict(raw(7, 20));
            pipeline.activations(raw(8, 5));
        }
    }

    @NeuronCoverage
    static class CoversTheModel {
        @TestModel("model")
        static Model model() {
            return SmallNets.mlp("model", 5);
        }

        @Test
        void predictsPreprocessed(@TestModel("model") Model model) {
            TensorPipeline p = PipelineModelTest.pipeline("unused", SmallNets.mlp("unused", 5));
            model.predict(p.preprocess(raw(7, 20)));
            model.activations(p.preprocess(raw(8, 5)));
        }
    }

    @Test
    void recordedCoverageEqualsTheModelsOnThePreprocessedInputs(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("deepjunit.report.dir", report.toString())
                .selectors(selectClass(CoversThePipeline.class), selectClass(CoversTheModel.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
        CoverageData data = CoverageRun.mergeRun(CoverageRun.dataDir(report), CoverageRun.runId());
        ModelCoverage pipeline = only(data, "pipeline");
        ModelCoverage model = only(data, "model");
        assertThat(pipeline.samples()).isEqualTo(25).isEqualTo(model.samples());
        assertThat(pipeline.layers().keySet())
                .containsExactlyElementsOf(model.layers().keySet());
        for (String layer : model.layers().keySet()) {
            LayerCoverage a = pipeline.layers().get(layer);
            LayerCoverage b = model.layers().get(layer);
            for (int n = 0; n < b.neurons(); n++) {
                assertThat(a.maxRaw(n)).isEqualTo(b.maxRaw(n));
                assertThat(a.minRaw(n)).isEqualTo(b.minRaw(n));
                assertThat(a.maxScaled(n)).isEqualTo(b.maxScaled(n));
            }
        }
        for (Criterion c : List.of(Criterion.NC, Criterion.TKNC, Criterion.TKNP)) {
            assertThat(pipeline.count(c, 0.25, true)).as("%s", c).containsExactly(model.count(c, 0.25, true));
        }
    }

    private static ModelCoverage only(CoverageData data, String name) {
        return data.models().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no coverage of " + name + " in " + data.models()));
    }
}
