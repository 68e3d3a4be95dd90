package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.data.Npy;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Outputs;
import org.deepjunit.pipeline.StageGoldens;
import org.deepjunit.pipeline.StepDifference;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.Tensors;
import org.deepjunit.pipeline.TrainingParity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approved stage outputs and training-side tensors: a change is named by the first stage it reaches. */
class StageGoldensAndParityTest {

    @TempDir
    Path dir;

    static TensorPipeline pipeline(double firstMean) {
        return TensorPipeline.builder("digits", Shape.of(2, 2))
                .then(Tensors.standardize(new double[] {firstMean, -1}, new double[] {2, 0.5}))
                .then(Tensors.reshape(4))
                .model(SmallNets.mlp("mlp", 4, 3, 5, 0, 0, 0))
                .then(Outputs.softmax())
                .build();
    }

    @Test
    void goldensAreReceivedApprovedCheckedAndTheChangedStageNamed() throws Exception {
        Tensor inputs = PipelineModelTest.raw(1, 5);
        Path home = dir.resolve("digits");
        StageGoldens goldens = StageGoldens.in(dir).approving(false);
        try (TensorPipeline p = pipeline(1)) {
            assertThatThrownBy(() -> goldens.verify(p, inputs))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith(
                            "No approved stage outputs of pipeline 'digits' in " + home.resolve("approved"));
            assertThat(Files.readString(home.resolve("received/stages.json")))
                    .contains("\"standardize\"", "\"reshape\"", "\"model\"", "\"softmax\"");
            goldens.approving(true).verify(p, inputs);
            assertThat(home.resolve("received")).doesNotExist();
            assertThatCode(() -> goldens.verify(p, inputs)).doesNotThrowAnyException();
            assertThatThrownBy(() -> goldens.verify(p, PipelineModelTest.raw(2, 5)))
                    .hasMessageStartingWith("The inputs differ from the approved ones of pipeline 'digits'");
        }
        try (TensorPipeline shifted = pipeline(1.1)) {
            assertThatThrownBy(() -> goldens.verify(shifted, inputs))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("changed: first at stage 'standardize'")
                    .hasMessageContaining("stage 'reshape'")
                    .hasMessageContaining("This run's outputs are in " + home.resolve("received"));
        }
        Path approvedFile = home.resolve("approved/01-standardize.npy");
        byte[] bytes = Files.readAllBytes(approvedFile);
        bytes[bytes.length - 1] ^= 1;
        Files.write(approvedFile, bytes);
        try (TensorPipeline p = pipeline(1)) {
            assertThatThrownBy(() -> goldens.verify(p, inputs))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(approvedFile + " has SHA-256 ")
                    .hasMessageContaining("it was edited or is corrupt");
        }
    }

    /** What the training side would export, computed with plain loops. */
    private void export(Tensor raw, double firstMean) throws Exception {
        double[] x = raw.toDoubleArray();
        double[] standardized = new double[x.length];
        double[] mean = {firstMean, -1};
        double[] std = {2, 0.5};
        for (int i = 0; i < x.length; i++) {
            standardized[i] = (x[i] - mean[i % 2]) / std[i % 2];
        }
        Files.createDirectories(dir);
        Npy.write(raw.as(org.deepjunit.model.DataType.FLOAT32), dir.resolve("input.npy"));
        Npy.write(Tensor.of(standardized, raw.shape().dims()), dir.resolve("standardize.npy"));
        try (Model mlp = SmallNets.mlp("mlp", 4, 3, 5, 0, 0, 0)) {
            Npy.write(mlp.predict(Tensor.of(standardized, raw.batchSize(), 4)), dir.resolve("model.npy"));
        }
    }

    @Test
    void parityComparesEveryExportedStageAndNamesTheFirstThatDiffers() throws Exception {
        Tensor raw = PipelineModelTest.raw(3, 4).as(org.deepjunit.model.DataType.FLOAT32);
        export(raw, 1);
        try (TensorPipeline p = pipeline(1)) {
            List<StepDifference> steps = TrainingParity.in(dir).compare(p);
            assertThat(steps)
                    .extracting(StepDifference::step)
                    .containsExactly("stage 'standardize'", "stage 'reshape'", "stage 'model'", "stage 'softmax'");
            assertThat(steps).allMatch(StepDifference::within);
            assertThat(steps.get(1).note()).isEqualTo("not exported");
            TrainingParity.in(dir).verify(p);

            export(raw, 1.05); // the training side standardised with another mean
            assertThatThrownBy(() -> TrainingParity.in(dir).verify(p))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("first at stage 'standardize'");

            Files.move(dir.resolve("standardize.npy"), dir.resolve("standardise.npy"));
            assertThatThrownBy(() -> TrainingParity.in(dir).compare(p))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Parity tensors in " + dir + ": standardise.npy names no step of pipeline 'digits';"
                            + " its steps are [model, reshape, softmax, standardize]");
        }
    }
}
