package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several threads share one model: predictions, activations and input gradients equal the
 * sequential results, also while the first gradient of each objective-layer set is adding ops to
 * the graph and other threads are running the session.
 */
class TensorFlowConcurrencyTest {

    static final String[][] LAYER_SETS = {
        {},
        {"conv1"},
        {"pool1"},
        {"conv1", "fc1"},
        {"pool2", "fc1"},
        {"conv2"},
        {"conv1", "pool1", "conv2", "pool2", "fc1"},
        {"fc1"}
    };

    @Test
    void concurrentCallsGiveTheSequentialResults(@TempDir Path dir) throws Exception {
        TfFixtures.Exported e =
                TfFixtures.lenet(DataType.FLOAT32, 12, 12, 1, 3, 4, 8, 5, new Random(9), dir.resolve("cnn"));
        int tasks = 32;
        List<Tensor> inputs = new ArrayList<>();
        List<Objective> objectives = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < tasks; i++) {
            inputs.add(Tensor.of(TestWeights.uniform(r, 4 * 144, 1.0), 4, 12, 12, 1));
            Objective.Builder o = Objective.builder().logit(i % 4, i % 5, 1.0);
            for (String layer : LAYER_SETS[i % LAYER_SETS.length]) {
                o.neuron(layer, i % 3, 0.5);
            }
            objectives.add(o.build());
        }
        List<Tensor> expectedPredictions = new ArrayList<>();
        List<Tensor> expectedGradients = new ArrayList<>();
        List<Tensor> expectedConv2 = new ArrayList<>();
        try (TensorFlowModel m = model(e)) {
            for (int i = 0; i < tasks; i++) {
                expectedPredictions.add(m.predict(inputs.get(i)));
                expectedGradients.add(m.inputGradient(inputs.get(i), objectives.get(i)));
                expectedConv2.add(m.activations(inputs.get(i), List.of("conv2")).layer("conv2"));
            }
        }
        // A fresh model: its objective graphs get built while other threads run the session.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (TensorFlowModel m = model(e)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Double>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int t = 0; t < tasks; t++) {
                    int i = t;
                    Callable<Double> c = () -> {
                        start.await();
                        Tensor g = m.inputGradient(inputs.get(i), objectives.get(i));
                        Tensor p = m.predict(inputs.get(i));
                        Tensor a =
                                m.activations(inputs.get(i), List.of("conv2")).layer("conv2");
                        return Math.max(
                                g.maxAbsDifference(expectedGradients.get(i)),
                                Math.max(
                                        p.maxAbsDifference(expectedPredictions.get(i)),
                                        a.maxAbsDifference(expectedConv2.get(i))));
                    };
                    futures.add(pool.submit(c));
                }
            }
            start.countDown();
            double worst = 0;
            for (Future<Double> f : futures) {
                worst = Math.max(worst, f.get());
            }
            System.out.printf(
                    "concurrent vs sequential: max abs difference %.3e over %d calls%n", worst, futures.size() * 3);
            assertThat(worst).isLessThanOrEqualTo(1e-6);
        } finally {
            pool.shutdownNow();
        }
    }

    private static TensorFlowModel model(TfFixtures.Exported e) {
        return TensorFlowModel.builder(e.dir())
                .layer("conv1", e.op("conv1"))
                .layer("pool1", e.op("pool1"))
                .layer("conv2", e.op("conv2"))
                .layer("pool2", e.op("pool2"))
                .layer("fc1", e.op("fc1"))
                .build();
    }
}
