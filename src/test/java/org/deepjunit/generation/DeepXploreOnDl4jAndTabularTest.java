package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.deepjunit.Model;
import org.deepjunit.Shape;
import org.deepjunit.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The search through the DL4J adapter, and a user constraint on tabular inputs. */
class DeepXploreOnDl4jAndTabularTest {

    @Test
    void findsDisagreementsBetweenDl4jLeNets() {
        try (Model lenet1 = DeepXploreModels.dl4j(LeNet.LENET1); Model lenet5 = DeepXploreModels.dl4j(LeNet.LENET5)) {
            DeepXplore search = new DeepXplore(List.of(lenet1, lenet5),
                    new DeepXplore.Settings(1, 0.1, 10, 0, 20, Constraints.lighting(), 0, 1, null));
            List<DeepXplore.Outcome> outcomes = search.search(Mnist.images(0, 8), new int[] {0, 1, 2, 3, 4, 5, 6, 7},
                    Mnist.labels(0, 8), 42);
            long found = outcomes.stream().filter(o -> o.status() == DeepXplore.Status.FOUND).count();
            assertThat(found).isGreaterThanOrEqualTo(3);
            for (DeepXplore.Outcome o : outcomes) {
                if (o.status() == DeepXplore.Status.FOUND) {
                    Tensor x = o.candidate().input();
                    assertThat(lenet1.predict(x).argMax()[0]).isNotEqualTo(lenet5.predict(x).argMax()[0]);
                }
            }
        }
    }

    /** The example of a user constraint: tabular features that may only increase. */
    public static final class OnlyIncrease implements Constraint {
        @Override
        public String name() {
            return "only-increase";
        }

        @Override
        public void constrain(float[] gradient, Shape shape, Random random) {
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = Math.max(0, gradient[i]);
            }
        }
    }

    static Model mlp(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(new DenseLayer.Builder().name("dense").nIn(6).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return Dl4jModel.of(net);
    }

    @Test
    void userConstraintOnTabularDataOnlyIncreasesFeaturesAndStaysInRange() {
        try (Model a = mlp(1); Model b = mlp(2)) {
            float[] data = new float[16 * 6];
            Random r = new Random(5);
            for (int i = 0; i < data.length; i++) {
                data[i] = r.nextFloat() * 0.5f;
            }
            Tensor seeds = Tensor.of(data, 16, 6);
            DeepXplore search = new DeepXplore(List.of(a, b),
                    new DeepXplore.Settings(1, 0.1, 0.05, 0, 20, new OnlyIncrease(), 0, 1, null));
            int[] ids = new int[16];
            for (int i = 0; i < 16; i++) {
                ids[i] = i;
            }
            for (DeepXplore.Outcome o : search.search(seeds, ids, null, 3)) {
                float[] seed = o.candidate().seed().toFloatArray();
                float[] x = o.candidate().input().toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    assertThat(x[i]).isGreaterThanOrEqualTo(seed[i]).isLessThanOrEqualTo(1f);
                }
            }
        }
    }
}
