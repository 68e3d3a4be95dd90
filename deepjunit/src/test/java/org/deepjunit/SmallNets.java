package org.deepjunit;

import java.util.Random;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny DL4J classifiers for the extension's engine tests: fast, deterministic, easy to perturb. */
final class SmallNets {

    private SmallNets() {}

    /** A {@code in -> 8 tanh -> out softmax} MLP from a seed, with {@code delta} added to output weight (row, col). */
    static Model mlp(String name, int in, int out, long seed, int row, int col, double delta) {
        return mlp(name, in, out, seed, 1, row, col, delta);
    }

    /** The same MLP with {@code delta} added to weight (row, col) of layer {@code layer} (0: hidden, 1: out). */
    static Model mlp(String name, int in, int out, long seed, int layer, int row, int col, double delta) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("hidden")
                        .nIn(in)
                        .nOut(8)
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nIn(8)
                        .nOut(out)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        if (delta != 0) {
            INDArray w = net.getLayer(layer).getParam("W");
            w.putScalar(row, col, w.getDouble(row, col) + delta);
        }
        return Dl4jModel.builder(net).name(name).build();
    }

    static Model mlp(String name, long seed) {
        return mlp(name, 4, 3, seed, 0, 0, 0);
    }

    /** {@code n} random inputs of size 4, normal with standard deviation 2, from a seed. */
    static Tensor inputs(long seed, int n) {
        Random rnd = new Random(seed);
        double[] values = new double[n * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextGaussian() * 2;
        }
        return Tensor.of(values, n, 4);
    }
}
