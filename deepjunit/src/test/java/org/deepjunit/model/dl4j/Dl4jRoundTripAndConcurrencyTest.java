package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dl4jRoundTripAndConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void multiLayerNetworkZipRoundTrip() throws Exception {
        MultiLayerNetwork net = Dl4jTestNets.batchNormDropout(21);
        Path zip = dir.resolve("bn-cnn.zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);
        Tensor x = Dl4jTestNets.randomDoubles(3, 1, 4, 6, 6, 1);
        Objective objective =
                Objective.builder().logit(2, 1.0).neuron("conv", 1, 0.5).build();
        try (Dl4jModel original = Dl4jModel.builder(net).inputShape(6, 6, 1).build();
                Dl4jModel loaded = Dl4jModel.load(zip, 6, 6, 1)) {
            assertThat(loaded.name()).isEqualTo("bn-cnn");
            assertThat(loaded.layers()).isEqualTo(original.layers());
            assertThat(loaded.predict(x)).isEqualTo(original.predict(x));
            assertThat(loaded.activations(x).asMap())
                    .isEqualTo(original.activations(x).asMap());
            assertThat(loaded.inputGradient(x, objective)).isEqualTo(original.inputGradient(x, objective));
        }
    }

    @Test
    void computationGraphZipRoundTrip() throws Exception {
        ComputationGraph graph = Dl4jTestNets.graph(22);
        Path zip = dir.resolve("graph.zip");
        ModelSerializer.writeModel(graph, zip.toFile(), false);
        Tensor x = Dl4jTestNets.randomDoubles(4, 1, 5, 4);
        try (Dl4jModel original = Dl4jModel.of(graph);
                Dl4jModel loaded = Dl4jModel.load(zip);
                Dl4jModel named = Dl4jModel.builder(zip).name("graph-v2").build()) {
            assertThat(loaded.name()).isEqualTo("graph");
            assertThat(named.name()).isEqualTo("graph-v2");
            assertThat(named.predict(x)).isEqualTo(loaded.predict(x));
            assertThat(loaded.inputShape()).isEqualTo(org.deepjunit.model.Shape.of(4));
            assertThat(loaded.layers()).isEqualTo(original.layers());
            assertThat(loaded.predict(x)).isEqualTo(original.predict(x));
            Objective objective =
                    Objective.builder().logit(0, 1.0).neuron(3, "d1", 1, 2.0).build();
            assertThat(loaded.inputGradient(x, objective)).isEqualTo(original.inputGradient(x, objective));
        }
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        try (Dl4jModel model = Dl4jModel.builder(Dl4jTestNets.batchNormDropout(23))
                .inputShape(6, 6, 1)
                .build()) {
            int inputs = 8;
            List<Tensor> xs = new ArrayList<>();
            List<Tensor> predictions = new ArrayList<>();
            List<Tensor> gradients = new ArrayList<>();
            Objective objective = Objective.builder()
                    .logit(0, 1.0)
                    .neuron("fc", 2, -0.5)
                    .neuron(1, "bn1", 0, 1.0)
                    .build();
            for (int i = 0; i < inputs; i++) {
                Tensor x = Dl4jTestNets.randomDoubles(100 + i, 1.5, 2, 6, 6, 1);
                xs.add(x);
                predictions.add(model.predict(x));
                gradients.add(model.inputGradient(x, objective));
            }
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int task = 0; task < 48; task++) {
                    int i = task % inputs;
                    boolean gradient = task % 3 == 0;
                    results.add(pool.submit(() -> gradient
                            ? model.inputGradient(xs.get(i), objective).equals(gradients.get(i))
                            : model.predict(xs.get(i)).equals(predictions.get(i))
                                    && model.activations(xs.get(i)).output().equals(predictions.get(i))));
                }
                for (Future<Boolean> r : results) {
                    assertThat(r.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
