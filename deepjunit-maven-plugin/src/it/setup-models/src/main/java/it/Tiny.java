package it;

import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/** A 4-8-3 network with fixed weights, and seeded inputs. */
public final class Tiny {

    public static Model model() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7)
                .list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder().name("out").nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return Dl4jModel.builder(net).name("tiny").build();
    }

    public static Tensor inputs(long seed, int n) {
        java.util.Random random = new java.util.Random(seed);
        float[] x = new float[n * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return Tensor.of(x, n, 4);
    }

    /** Labels no training taught the model: the index of the largest of each input's first three values. */
    public static int[] largestOfFirstThree(Tensor x) {
        float[] v = x.toFloatArray();
        int[] labels = new int[x.batchSize()];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < 3; j++) {
                if (v[i * 4 + j] > v[i * 4 + best]) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        return labels;
    }
}
