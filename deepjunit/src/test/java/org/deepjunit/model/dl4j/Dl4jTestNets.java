package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deepjunit.model.Activations;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and helpers shared by the DL4J adapter tests (and the corrupt-model fuzz). */
public final class Dl4jTestNets {

    private Dl4jTestNets() {}

    /** 4-5-3 tanh MLP with a softmax output layer, in double precision. */
    static MultiLayerNetwork mlp(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("hidden")
                        .nIn(4)
                        .nOut(5)
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nIn(5)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** dense 4->5 identity, ActivationLayer tanh, ActivationLayer sigmoid, softmax output 5->3, double precision. */
    static MultiLayerNetwork activationLayers(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("dense")
                        .nIn(4)
                        .nOut(5)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .name("tanh")
                        .activation(Activation.TANH)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .name("sigmoid")
                        .activation(Activation.SIGMOID)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nIn(5)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** conv 3x3 (3 channels, NCHW) + maxpool 2x2 + dense 5 + softmax 4 on 8x8x2 images, double precision. */
    static MultiLayerNetwork cnn(long seed) {
        return cnn(seed, InputType.convolutional(8, 8, 2));
    }

    /** The same CNN on images of {@code inputType}. */
    public static MultiLayerNetwork cnn(long seed, InputType inputType) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("conv")
                        .nOut(3)
                        .activation(Activation.TANH)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("pool")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build());
        MultiLayerConfiguration conf = withHead(layers).setInputType(inputType).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** conv + batch norm + maxpool + dense with dropout + batch norm + softmax output, trained a few steps. */
    static MultiLayerNetwork batchNormDropout(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .updater(new Sgd(0.1))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("conv")
                        .nOut(3)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("pool")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder()
                        .name("fc")
                        .nOut(6)
                        .activation(Activation.TANH)
                        .dropOut(0.5)
                        .build())
                .layer(new BatchNormalization.Builder().name("bn2").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .dropOut(0.8)
                        .build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random random = new Random(seed);
        for (int step = 0; step < 5; step++) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 1, 6, 6).muli(3).addi(1); // mean far from 0, var far from 1
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 3);
            for (int i = 0; i < 16; i++) {
                y.putScalar(i, random.nextInt(3), 1.0);
            }
            net.fit(x, y);
        }
        return net;
    }

    /** A chain-shaped ComputationGraph: dense tanh 4->5, dense sigmoid 5->4, softmax output 4->3, double precision. */
    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer(
                        "d1",
                        new DenseLayer.Builder()
                                .nIn(4)
                                .nOut(5)
                                .activation(Activation.TANH)
                                .build(),
                        "in")
                .addLayer(
                        "d2",
                        new DenseLayer.Builder()
                                .nIn(5)
                                .nOut(4)
                                .activation(Activation.SIGMOID)
                                .build(),
                        "d1")
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(4)
                                .nOut(3)
                                .activation(Activation.SOFTMAX)
                                .build(),
                        "d2")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Adds the head the small convolutional networks here end in: dense "fc" (5, sigmoid), softmax "out" (4). */
    static NeuralNetConfiguration.ListBuilder withHead(NeuralNetConfiguration.ListBuilder layers) {
        return layers.layer(new DenseLayer.Builder()
                        .name("fc")
                        .nOut(5)
                        .activation(Activation.SIGMOID)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nOut(4)
                        .activation(Activation.SOFTMAX)
                        .build());
    }

    /**
     * Asserts that the input gradient of a float64 network on two 9×9×2 images, ending in {@link #withHead} at layers
     * 2 and 3, equals central finite differences (relative error below 1e-7) for an objective on two logits and a
     * neuron of each of two layers, and does not vanish.
     */
    static void assertGradientMatchesFiniteDifferences(MultiLayerNetwork net, String first, String second, long seed) {
        try (Dl4jModel model =
                Dl4jModel.builder(net).name("net").inputShape(9, 9, 2).build()) {
            Tensor x = randomDoubles(seed, 1.0, 2, 9, 9, 2);
            Objective objective = Objective.builder()
                    .logit(0, 1, 1.0)
                    .logit(1, 3, -0.7)
                    .neuron(first, 1, 0.5)
                    .neuron(1, second, 0, -1.5)
                    .build();
            double[] analytic = model.inputGradient(x, objective).toDoubleArray();
            double[] numeric = finiteDifferences(model, x, objective, outputLayerLogits(net.getLayer(3), "fc"), 1e-6);
            assertThat(java.util.Arrays.stream(analytic).map(Math::abs).max().orElseThrow())
                    .as("gradient must not vanish")
                    .isGreaterThan(1e-3);
            assertThat(relativeError(analytic, numeric)).isLessThan(1e-7);
        }
    }

    static Tensor randomDoubles(long seed, double scale, int... shape) {
        Random random = new Random(seed);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] data = new double[size];
        for (int i = 0; i < size; i++) {
            data[i] = scale * (random.nextDouble() * 2 - 1);
        }
        return Tensor.of(data, shape);
    }

    /** Logits of a network ending in a softmax OutputLayer, computed from its parameters. */
    interface Logits {
        Tensor of(Activations activations);
    }

    /** logits = (output of the layer before the output layer) · W + b, computed here from the parameters. */
    static Logits outputLayerLogits(org.deeplearning4j.nn.api.Layer outputLayer, String previousLayer) {
        double[][] w = outputLayer.getParam("W").toDoubleMatrix();
        double[] b = outputLayer.getParam("b").toDoubleVector();
        return acts -> {
            Tensor h = acts.layer(previousLayer);
            int n = h.batchSize();
            int in = w.length;
            int out = b.length;
            double[] z = new double[n * out];
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < out; j++) {
                    double v = b[j];
                    for (int i = 0; i < in; i++) {
                        v += h.getDouble(s * in + i) * w[i][j];
                    }
                    z[s * out + j] = v;
                }
            }
            return Tensor.of(z, n, out);
        };
    }

    /** The objective's value, from the model's activations: raw neuron outputs, channel means, and the given logits. */
    static double objectiveValue(Model model, Tensor inputs, Objective objective, Logits logits) {
        Activations acts = model.activations(inputs);
        Tensor z = objective.hasLogitTerms() ? logits.of(acts) : null;
        int n = inputs.batchSize();
        double total = 0;
        for (Objective.Term t : objective.terms()) {
            for (int s = 0; s < n; s++) {
                if (!t.appliesTo(s)) {
                    continue;
                }
                Tensor values = t.isLogit() ? z : acts.layer(t.layer());
                int per = values.size() / n;
                int channels = values.shape().last();
                double sum = 0;
                for (int p = t.unit(); p < per; p += channels) {
                    sum += values.getDouble(s * per + p);
                }
                total += t.weight() * sum / (per / channels);
            }
        }
        return total;
    }

    /** Central finite differences of the objective, element by element (all elements, or the listed flat indices). */
    static double[] finiteDifferences(
            Model model, Tensor inputs, Objective objective, Logits logits, double h, int... indices) {
        double[] x = inputs.toDoubleArray();
        int[] which = indices.length > 0
                ? indices
                : java.util.stream.IntStream.range(0, x.length).toArray();
        double[] result = new double[which.length];
        int[] shape = inputs.shape().dims();
        for (int k = 0; k < which.length; k++) {
            int i = which[k];
            double saved = x[i];
            x[i] = saved + h;
            double plus = objectiveValue(model, asType(Tensor.of(x, shape), inputs), objective, logits);
            x[i] = saved - h;
            double minus = objectiveValue(model, asType(Tensor.of(x, shape), inputs), objective, logits);
            x[i] = saved;
            result[k] = (plus - minus) / (2 * h);
        }
        return result;
    }

    private static Tensor asType(Tensor t, Tensor like) {
        return t.as(like.dataType());
    }

    /** ‖a − b‖ / max(‖a‖, ‖b‖). */
    static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(na, nb)), 1e-300);
    }
}
