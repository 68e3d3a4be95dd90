package org.deepjunit.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.testing.Mnist;

/**
 * The Keras-layout CNN fixture ({@code src/test/resources/keras-savedmodels/cnn}, layers inlined out of
 * its functions) at batch 64 on CPU: the signature's output alone, a forward pass returning every
 * layer, and an input gradient (one logit and one conv2d_1 neuron per sample).
 *
 * <p>Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@keras-benchmark}; optional
 * {@code -Dbench.args="-Dbench.warmup=20 -Dbench.runs=50"}.
 */
public final class KerasSavedModelBenchmark {

    private KerasSavedModelBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 20);
        int runs = Integer.getInteger("bench.runs", 50);
        int batch = 64;
        Timer timer = new Timer(warmup, runs);
        Tensor images = Mnist.images(0, batch);
        Path dir = Path.of(KerasSavedModelBenchmark.class
                .getResource("/keras-savedmodels/cnn")
                .toURI());
        try (TensorFlowModel model = TensorFlowModel.load(dir)) {
            System.out.printf(
                    Locale.ROOT,
                    "%s%nbatch %d, %d warm-up + %d measured runs, %d CPU cores%n",
                    model,
                    batch,
                    warmup,
                    runs,
                    Runtime.getRuntime().availableProcessors());
            int[] predicted = model.predict(images).argMax();
            Objective.Builder objective = Objective.builder();
            for (int s = 0; s < batch; s++) {
                objective.logit(s, predicted[s], -1.0).neuron(s, "conv2d_1", s % 8, 0.1);
            }
            Objective obj = objective.build();
            double[] predict = timer.measure(() -> model.predict(images));
            double[] all = timer.measure(() -> model.activations(images));
            double[] gradient = timer.measure(() -> model.inputGradient(images, obj));
            Results.row("keras", "signature output only", predict);
            Results.row("keras", "all layer outputs", all, "signature output", predict);
            Results.row("keras", "input gradient", gradient, "signature output", predict);
        }
    }
}
