package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.model.tensorflow.TfFixtures;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The same networks, given identical weights, in DL4J and in TensorFlow Java: outputs, every
 * hidden layer and input gradients must agree through the framework-neutral {@link Model}
 * interface. The TensorFlow twins are built from TensorFlow-layout weights (convolution kernels
 * {@code [kh, kw, in, out]}, flatten in (h, w, c) order), so layout mistakes in either adapter show.
 */
class CrossFrameworkAgreementTest {

    /** Activations within 1e-5 in float32 (the bound); tighter in float64. */
    private static double activationTolerance(DataType type) {
        return type == DataType.FLOAT32 ? 1e-5 : 1e-12;
    }

    /** Gradients relative to their largest element: float32 accumulates in another order per framework. */
    private static double gradientTolerance(DataType type) {
        return type == DataType.FLOAT32 ? 1e-5 : 1e-11;
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DataType.class)
    void denseNetworkAgrees(DataType type) {
        int[] sizes = {20, 16, 12, 5};
        Random rnd = new Random(11);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(nd(type))
                .list()
                .layer(new DenseLayer.Builder()
                        .name("dense")
                        .nIn(20)
                        .nOut(16)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DenseLayer.Builder()
                        .name("dense_1")
                        .nIn(16)
                        .nOut(12)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("dense_2")
                        .nIn(12)
                        .nOut(5)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        double[][] kernels = new double[3][];
        double[][] biases = new double[3][];
        for (int i = 0; i < 3; i++) {
            kernels[i] = randomize(net.getLayer(i).getParam("W"), rnd, 1 / Math.sqrt(sizes[i]));
            biases[i] = randomize(net.getLayer(i).getParam("b"), rnd, 0.3);
        }
        TfFixtures.Exported exported = TfFixtures.mlp(type, sizes, kernels, biases, dir);
        try (Model dl4j = Dl4jModel.of(net);
                Model tf = load(exported, "mlp-tf")) {
            Tensor inputs = random(type, rnd, 8, 20);
            assertAgree(dl4j, tf, inputs, type);
            Objective objective = Objective.builder()
                    .logit(0, 2, 1.0)
                    .logit(3, 4, -1.0)
                    .logit(1, 0.5)
                    .neuron(2, "dense", 7, 0.25)
                    .neuron("dense_1", 3, -0.1)
                    .build();
            assertGradientsAgree(dl4j, tf, inputs, objective, type);
        }
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void smallLeNetAgrees(DataType type) {
        Random rnd = new Random(5);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(nd(type))
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .name("conv1")
                        .nOut(4)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("pool1")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .name("conv2")
                        .nOut(8)
                        .convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("pool2")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder()
                        .name("fc1")
                        .nOut(32)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("fc2")
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(16, 16, 2)) // DL4J's default NCHW layout
                .build());
        net.init();
        INDArray conv1 = net.getLayer(0).getParam("W");
        INDArray conv2 = net.getLayer(2).getParam("W");
        INDArray fc1 = net.getLayer(4).getParam("W");
        INDArray fc2 = net.getLayer(5).getParam("W");
        randomize(conv1, rnd, 1 / Math.sqrt(50));
        randomize(conv2, rnd, 1 / Math.sqrt(100));
        randomize(fc1, rnd, 1 / Math.sqrt(128));
        randomize(fc2, rnd, 1 / Math.sqrt(32));
        double[] conv1B = randomize(net.getLayer(0).getParam("b"), rnd, 0.1);
        double[] conv2B = randomize(net.getLayer(2).getParam("b"), rnd, 0.1);
        double[] fc1B = randomize(net.getLayer(4).getParam("b"), rnd, 0.1);
        double[] fc2B = randomize(net.getLayer(5).getParam("b"), rnd, 0.1);

        TfFixtures.Exported exported = TfFixtures.sequential(type, 16, 16, 2)
                .conv("conv1", 5, 5, 2, 4, convKernel(conv1), conv1B, true)
                .maxPool("pool1", 2)
                .conv("conv2", 5, 5, 4, 8, convKernel(conv2), conv2B, true)
                .maxPool("pool2", 2)
                .flatten("flatten")
                // DL4J flattens NCHW maps in (c, h, w) order, TensorFlow in (h, w, c): permute the rows.
                .dense("fc1", 128, 32, rowsToHwc(fc1, 8, 4, 4), fc1B, "relu")
                .dense("fc2", 32, 10, flat(fc2), fc2B, "softmax")
                .export(dir);
        try (Model dl4j = Dl4jModel.builder(net)
                        .name("lenet-dl4j")
                        .inputShape(16, 16, 2)
                        .build();
                Model tf = load(exported, "lenet-tf")) {
            assertThat(dl4j.inputShape()).isEqualTo(tf.inputShape());
            Tensor inputs = random(type, rnd, 6, 16, 16, 2);
            assertAgree(dl4j, tf, inputs, type);
            Objective objective = Objective.builder()
                    .logit(0, 3, 1.0)
                    .logit(1, 7, -1.0)
                    .logit(5, 2, 0.3)
                    .neuron(0, "conv1", 1, 0.5)
                    .neuron("pool2", 6, 0.2)
                    .neuron(4, "conv2", 7, -0.4)
                    .neuron(3, "fc1", 11, 0.1)
                    .build();
            assertGradientsAgree(dl4j, tf, inputs, objective, type);
        }
    }

    /** DeepXplore's own models: DL4J's Keras import against TF twins built from the HDF5 weights. */
    @ParameterizedTest
    @EnumSource(LeNet.class)
    void deepXploreLeNetsAgreeWithTheirTensorFlowTwins(LeNet lenet) {
        try (Model dl4j = DeepXploreModels.dl4j(lenet);
                Model tf = DeepXploreModels.tensorflow(lenet, dir)) {
            Tensor images = Mnist.images(0, 100);
            List<String> compared = assertAgree(dl4j, tf, images, DataType.FLOAT32, true);
            assertThat(compared)
                    .contains(
                            "block1_conv1",
                            "block1_pool1",
                            "block2_conv1",
                            "block2_pool1",
                            "before_softmax",
                            "predictions");
            assertThat(dl4j.predict(images).argMax())
                    .containsExactly(tf.predict(images).argMax());

            int[] predicted = dl4j.predict(images.samples(0, 4)).argMax();
            Objective.Builder objective = Objective.builder();
            for (int s = 0; s < 4; s++) {
                objective.logit(s, predicted[s], -1.0).neuron(s, "block2_conv1", s, 0.1);
            }
            objective.neuron("before_softmax", 3, 0.5);
            assertGradientsAgree(dl4j, tf, images.samples(0, 4), objective.build(), DataType.FLOAT32);
        }
    }

    /** Compares the output and every layer both models have, within an absolute tolerance. */
    private static List<String> assertAgree(Model a, Model b, Tensor inputs, DataType type) {
        return assertAgree(a, b, inputs, type, false);
    }

    /**
     * Compares the output and every layer both models have; returns the names compared. With
     * {@code relative}, the tolerance scales with the layer's largest magnitude (when above 1):
     * trained float32 layers reach values near 20, where 1e-5 is below float32 resolution.
     */
    private static List<String> assertAgree(Model a, Model b, Tensor inputs, DataType type, boolean relative) {
        double tol = activationTolerance(type);
        assertThat(a.predict(inputs).maxAbsDifference(b.predict(inputs)))
                .as("outputs")
                .isLessThanOrEqualTo(tol);
        List<String> shared = new ArrayList<>();
        for (Layer layer : b.layers()) {
            if (a.layers().stream().anyMatch(l -> l.name().equals(layer.name()))) {
                assertThat(a.layer(layer.name()).outputShape()).as(layer.name()).isEqualTo(layer.outputShape());
                shared.add(layer.name());
            }
        }
        Activations actsA = a.activations(inputs, shared);
        Activations actsB = b.activations(inputs, shared);
        for (String name : shared) {
            double scale = relative ? Math.max(1, maxAbs(actsB.layer(name))) : 1;
            assertThat(actsA.layer(name).maxAbsDifference(actsB.layer(name)))
                    .as("layer %s", name)
                    .isLessThanOrEqualTo(tol * scale);
        }
        List<String> expected = a.layers().stream()
                .filter(l -> l.kind().countedByDefault() && l.kind() != LayerKind.INPUT)
                .map(Layer::name)
                .toList();
        assertThat(shared).as("every counted layer is compared").containsAll(expected);
        return shared;
    }

    private static void assertGradientsAgree(Model a, Model b, Tensor inputs, Objective objective, DataType type) {
        Tensor ga = a.inputGradient(inputs, objective);
        Tensor gb = b.inputGradient(inputs, objective);
        assertThat(ga.shape()).isEqualTo(inputs.shape());
        double scale = maxAbs(gb);
        assertThat(scale).as("gradient is not trivially zero").isGreaterThan(1e-6);
        assertThat(ga.maxAbsDifference(gb) / scale)
                .as("relative gradient difference")
                .isLessThanOrEqualTo(gradientTolerance(type));
    }

    private static double maxAbs(Tensor t) {
        double max = 0;
        for (int i = 0; i < t.size(); i++) {
            max = Math.max(max, Math.abs(t.getDouble(i)));
        }
        return max;
    }

    private static TensorFlowModel load(TfFixtures.Exported exported, String name) {
        TensorFlowModel.Builder builder =
                TensorFlowModel.builder(exported.dir()).name(name);
        exported.layers().forEach(builder::layer);
        return builder.build();
    }

    private static org.nd4j.linalg.api.buffer.DataType nd(DataType type) {
        return type == DataType.FLOAT32
                ? org.nd4j.linalg.api.buffer.DataType.FLOAT
                : org.nd4j.linalg.api.buffer.DataType.DOUBLE;
    }

    /** Fills a DL4J parameter with uniform values in ±scale and returns them row-major. */
    private static double[] randomize(INDArray param, Random rnd, double scale) {
        double[] values = new double[(int) param.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (rnd.nextDouble() * 2 - 1) * scale;
        }
        param.assign(Nd4j.create(values, param.shape(), param.dataType()));
        return flat(param);
    }

    private static double[] flat(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    /** DL4J convolution weights {@code [out, in, kh, kw]} as a TensorFlow kernel {@code [kh, kw, in, out]}. */
    private static double[] convKernel(INDArray w) {
        return flat(w.permute(2, 3, 1, 0));
    }

    /** Dense weights whose rows follow a (c, h, w) flatten, reordered for an (h, w, c) flatten. */
    private static double[] rowsToHwc(INDArray w, int c, int h, int wd) {
        return flat(w.reshape('c', c, h, wd, w.size(1)).permute(1, 2, 0, 3));
    }

    private static Tensor random(DataType type, Random rnd, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rnd.nextDouble();
        }
        return Tensor.of(values, shape).as(type);
    }
}
