package org.deepjunit.explain;

import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Hand-set networks whose attributions are known exactly, and random inputs for them. */
public final class ExplainNets {

    private ExplainNets() {}

    /** Weights {@code w[class][feature]} of a linear model, from a seed; with a non-zero bias. */
    public static double[][] weights(long seed, int classes, int features) {
        Random rnd = new Random(seed);
        double[][] w = new double[classes][features];
        for (double[] row : w) {
            for (int i = 0; i < features; i++) {
                row[i] = rnd.nextGaussian();
            }
        }
        return w;
    }

    /**
     * A DL4J network that is one dense output layer without activation, {@code z = W x + b}, in double precision,
     * with the given weights: its output is its logits. With {@code h > 0} it takes images {@code [h, w, 1]}
     * (flattened row by row), else vectors {@code [features]}.
     */
    public static Dl4jModel linear(String name, double[][] w, double[] b, int h) {
        int classes = w.length;
        int features = w[0].length;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .name("out")
                        .nIn(features)
                        .nOut(classes)
                        .activation(Activation.IDENTITY)
                        .build());
        if (h > 0) {
            list.setInputType(InputType.convolutional(h, features / h, 1));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        double[][] dl4j = new double[features][classes]; // DL4J's W is [nIn, nOut]
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < features; i++) {
                dl4j[i][c] = w[c][i];
            }
        }
        net.getLayer(0).setParam("W", Nd4j.create(dl4j));
        net.getLayer(0).setParam("b", Nd4j.create(new double[][] {b}));
        return Dl4jModel.builder(net).name(name).build();
    }

    /** A 6-10-4 tanh MLP with a softmax output, double precision: outputs probabilities. */
    public static Dl4jModel softmaxMlp(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("hidden")
                        .nIn(6)
                        .nOut(10)
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nIn(10)
                        .nOut(4)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return Dl4jModel.builder(net).name("mlp").build();
    }

    /** {@code n} inputs of {@code shape}, uniform in [lo, hi), from a seed, in double precision. */
    public static Tensor uniform(long seed, double lo, double hi, int n, int... shape) {
        Random rnd = new Random(seed);
        Shape s = Shape.of(shape).withBatch(n);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return Tensor.wrap(v, s);
    }

    /**
     * A linear model in plain Java that only predicts, {@code z = W x + b} over the flattened sample: a model with no
     * gradient, implementing {@link Model} directly, as any model of a user's may.
     */
    public static Model predictOnly(String name, double[][] w, double[] b, Shape sampleShape) {
        return new Model() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Shape inputShape() {
                return sampleShape;
            }

            @Override
            public Shape outputShape() {
                return Shape.of(w.length);
            }

            @Override
            public DataType dataType() {
                return DataType.FLOAT64;
            }

            @Override
            public List<Layer> layers() {
                return List.of();
            }

            @Override
            public Tensor predict(Tensor inputs) {
                int n = inputs.batchSize();
                int f = sampleShape.size();
                double[] out = new double[n * w.length];
                for (int s = 0; s < n; s++) {
                    for (int c = 0; c < w.length; c++) {
                        double z = b[c];
                        for (int i = 0; i < f; i++) {
                            z += w[c][i] * inputs.getDouble(s * f + i);
                        }
                        out[s * w.length + c] = z;
                    }
                }
                return Tensor.wrap(out, Shape.of(n, w.length));
            }

            @Override
            public Activations activations(Tensor inputs, Collection<String> layerNames) {
                throw new ModelException("no layers");
            }

            @Override
            public Tensor inputGradient(Tensor inputs, Objective objective) {
                throw new ModelException("Model '" + name + "' computes no gradients");
            }

            @Override
            public void close() {}
        };
    }
}
