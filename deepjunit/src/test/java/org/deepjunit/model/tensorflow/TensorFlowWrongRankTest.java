package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deepjunit.model.DataType;
import org.deepjunit.model.InputShapeException;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input check is what keeps the JVM alive: the same wrong-rank feed given to TensorFlow directly
 * (in a child JVM) kills that JVM on some CPUs and never gives a result, while through {@link TensorFlowModel} it is
 * an exception on every CPU and this test goes on to run the model again. (Measured: on an Intel machine with
 * AVX-512, where TF runs a float32 Conv2D through oneDNN, it aborts with "Check failed ... tensor_format.h" and exit
 * code 134; on an AMD EPYC with AVX2 TF's own check throws "convolution input must be 4-dimensional".)
 */
class TensorFlowWrongRankTest {

    @Test
    void wrongRankKillsARawTensorFlowJvmButNotOneGoingThroughTheAdapter(@TempDir Path dir) throws Exception {
        TfFixtures.Exported e =
                TfFixtures.lenet(DataType.FLOAT32, 12, 12, 1, 2, 3, 4, 3, new Random(3), dir.resolve("cnn"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-XX:-CreateCoredumpOnCrash",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WrongRankFeedProbe.class.getName(),
                        e.dir().toString(),
                        "2,144")
                .redirectErrorStream(true)
                .directory(dir.toFile()); // any crash log lands in the temp dir, not the project
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println("raw TF child JVM exit code " + p.exitValue() + ", output tail: "
                + out.substring(Math.max(0, out.length() - 400)));
        assertThat(out).doesNotContain("survived");
        if (p.exitValue() == 0) { // TF checked the rank itself on this CPU
            assertThat(out).as("TensorFlow's own error").contains("exception: ", "must be 4-dimensional");
        }

        try (TensorFlowModel m = TensorFlowModel.load(e.dir())) {
            assertThatThrownBy(() -> m.predict(Tensor.of(new double[288], 2, 144)))
                    .isInstanceOf(InputShapeException.class);
            assertThat(m.activations(Tensor.of(new double[288], 2, 12, 12, 1), List.of("conv1/Relu"))
                            .layer("conv1/Relu")
                            .shape())
                    .isEqualTo(Shape.of(2, 12, 12, 2));
        }
    }
}
