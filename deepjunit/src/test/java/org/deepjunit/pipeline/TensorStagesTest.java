package org.deepjunit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each tensor and output stage computes, by hand on tiny inputs, and the messages of bad input. */
class TensorStagesTest {

    @Test
    void l2NormalizeIsKerasNormalizeWithTheBatchAxisLeftOut() {
        // tf.keras.utils.normalize(x, axis=1) on x = [[[3, 0], [4, 0]]]: column (3, 4) → (0.6, 0.8); column (0, 0)
        // has norm 0, which Keras replaces by 1.
        Tensor x = Tensor.of(new double[] {3, 0, 4, 0}, 1, 2, 2);
        assertThat(Tensors.l2Normalize(0).apply(x).toDoubleArray()).containsExactly(0.6, 0, 0.8, 0);
        // axis=2: rows (3, 0) → (1, 0), (4, 0) → (1, 0)
        assertThat(Tensors.l2Normalize(1).apply(x).toDoubleArray()).containsExactly(1, 0, 1, 0);
    }

    @Test
    void standardizeUsesTheStatisticsOfEachChannelOfTheLastAxis() {
        Tensor x = Tensor.of(new float[] {1, 10, 3, 20}, 1, 2, 2);
        Tensor y =
                Tensors.standardize(new double[] {1, 10}, new double[] {2, 5}).apply(x);
        assertThat(y.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(y.toDoubleArray()).containsExactly(0, 0, 1, 2);
        assertThatThrownBy(() -> Tensors.standardize(
                                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225})
                        .outputShape(Shape.of(28, 28, 1)))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'standardize': has statistics for 3 channels (the last axis), but the input sample"
                        + " [28, 28, 1] has 1");
        assertThatThrownBy(() -> Tensors.standardize(new double[] {0}, new double[] {0}))
                .hasMessageContaining("channel 0 has mean 0.0 and standard deviation 0.0");
    }

    @Test
    void scaleReshapeAndClip() {
        Tensor x = Tensor.of(new float[] {0, 51, 255, 102}, 1, 2, 2, 1);
        assertThat(Tensors.scale(1 / 255.0).apply(x).toFloatArray()).containsExactly(0f, 0.2f, 1f, 0.4f);
        assertThat(Tensors.scale(2, -1)
                        .apply(Tensor.of(new double[] {0, 0.5}, 1, 2))
                        .toDoubleArray())
                .containsExactly(-1, 0);
        Tensor flat = Tensors.reshape(2, 2).apply(x);
        assertThat(flat.shape()).isEqualTo(Shape.of(1, 2, 2));
        assertThat(flat.toFloatArray()).containsExactly(0, 51, 255, 102);
        assertThat(Tensors.clip(10, 200).apply(x).toFloatArray()).containsExactly(10, 51, 200, 102);
        assertThatThrownBy(() -> Tensors.reshape(28, 28).outputShape(Shape.of(32, 32, 1)))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'reshape': reshapes samples of 784 values to [28, 28], but the input sample"
                        + " [32, 32, 1] has 1024 values");
        assertThatThrownBy(() -> Tensors.clip(1, 0)).hasMessageContaining("clip needs low <= high, got [1.0, 0.0]");
        assertThatThrownBy(() -> Tensors.l2Normalize(2).outputShape(Shape.of(28, 28)))
                .hasMessage("Stage 'l2-normalize': normalises along sample axis 2, but the input sample [28, 28] has 2"
                        + " axes");
    }

    @Test
    void softmaxSigmoidAndArgMax() {
        Tensor scores = Tensor.of(new double[] {1, 2, 3, 0, 0, 0}, 2, 3);
        double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(Outputs.softmax().apply(scores).toDoubleArray())
                .containsExactly(
                        new double[] {Math.exp(1) / sum, Math.exp(2) / sum, Math.exp(3) / sum, 1 / 3.0, 1 / 3.0, 1 / 3.0
                        },
                        within(1e-15));
        // Large logits do not overflow: exp(x - max)
        assertThat(Outputs.softmax()
                        .apply(Tensor.of(new double[] {1000, 1000}, 1, 2))
                        .toDoubleArray())
                .containsExactly(0.5, 0.5);
        assertThat(Outputs.sigmoid()
                        .apply(Tensor.of(new double[] {0, Math.log(3)}, 1, 2))
                        .toDoubleArray())
                .containsExactly(new double[] {0.5, 0.75}, within(1e-15));
        assertThat(Outputs.argMax().apply(scores)).containsExactly(2, 0);
    }

    @Test
    void topKNamesClassesByTheLabelFileLargestFirstTiesToTheLowerIndex(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("labels.txt"), "cat\ndog\nbird\n\n");
        Labels labels = Labels.read(file);
        Tensor scores = Tensor.of(new double[] {0.2, 0.5, 0.3, 0.4, 0.2, 0.4}, 2, 3);
        List<List<Prediction>> top = Outputs.topK(2, labels).apply(scores);
        assertThat(top.get(0)).containsExactly(new Prediction(1, "dog", 0.5), new Prediction(2, "bird", 0.3));
        assertThat(top.get(1)).containsExactly(new Prediction(0, "cat", 0.4), new Prediction(2, "bird", 0.4));
        assertThat(Outputs.topK(5).apply(scores).get(0))
                .extracting(Prediction::label)
                .containsExactly("1", "2", "0");

        Labels nine = Labels.read(Files.writeString(dir.resolve("nine.txt"), "0\n1\n2\n3\n4\n5\n6\n7\n8\n"));
        assertThatThrownBy(() -> Outputs.topK(3, nine).apply(Tensor.zeros(DataType.FLOAT32, Shape.of(1, 10))))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'top-3': the label file " + dir.resolve("nine.txt") + " names 9 classes, but the"
                        + " scores [1, 10] have 10; give one label per output");
        assertThatThrownBy(() -> Labels.read(Files.writeString(dir.resolve("gap.txt"), "a\n\nb\n")))
                .hasMessage("Label file " + dir.resolve("gap.txt") + ": line 2 is empty; give one class name per line");
    }

    @Test
    void thresholdNeedsOneScorePerSample() {
        assertThat(Outputs.threshold(0.5).apply(Tensor.of(new double[] {0.2, 0.7}, 2, 1)))
                .containsExactly(false, true);
        assertThatThrownBy(() -> Outputs.threshold(0.5).apply(Tensor.of(new double[] {0.2, 0.7}, 1, 2)))
                .isInstanceOf(StageException.class)
                .hasMessage("Stage 'threshold': expects one score per sample ([batch] or [batch, 1]); got [1, 2]");
    }
}
