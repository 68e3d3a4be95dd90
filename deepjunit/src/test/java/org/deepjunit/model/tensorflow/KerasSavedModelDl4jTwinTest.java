package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.deepjunit.model.Activations;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Conv;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Dense;
import org.deepjunit.model.tensorflow.KerasSavedModelFixtures.Spec;
import org.deepjunit.testing.Mnist;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J twins of the committed Keras-layout fixtures ({@code keras-savedmodels/dense} and {@code cnn}),
 * built from the same weights ({@link KerasSavedModelFixtures#dense()}, {@link KerasSavedModelFixtures#cnn()},
 * which {@code theGeneratorReproducesTheCommittedFixtures} ties to the committed files) with layers named
 * as Keras named them: through the {@link Model} interface the output and every layer of the DL4J twin
 * equal the inlined TF2 SavedModel's (max abs difference at most 1e-5, float32), and so do input
 * gradients (relative to their largest element, at most 1e-4).
 *
 * <p>Layouts converted here: Keras convolution kernels {@code [kh, kw, in, out]} become DL4J's
 * {@code [out, in, kh, kw]}; a Keras flatten is in (h, w, c) order, DL4J's NCHW flatten in (c, h, w)
 * (the dense kernel's rows are permuted), its NHWC flatten in (h, w, c) (copied as is). Keras'
 * {@code Dropout(0.2)} is DL4J's {@code DropoutLayer(0.8)} (retain probability), the identity at inference.
 */
class KerasSavedModelDl4jTwinTest {

    static final double ACTIVATIONS = 1e-5;
    static final double GRADIENTS = 1e-4;

    @Test
    void denseFixtureAndItsDl4jTwinAgreeLayerByLayer() {
        Spec spec = KerasSavedModelFixtures.dense();
        Dense d = (Dense) spec.layer("dense");
        Dense d1 = (Dense) spec.layer("dense_1");
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("dense")
                        .nOut(32)
                        .activation(Activation.RELU)
                        .build())
                .layer(new DropoutLayer.Builder(0.8).name("dropout").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("dense_1")
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1, CNN2DFormat.NHWC))
                .build());
        net.init();
        set(net, 0, "W", d.kernel(), d.in(), d.out());
        set(net, 0, "b", d.bias(), 1, d.out());
        set(net, 2, "W", d1.kernel(), d1.in(), d1.out());
        set(net, 2, "b", d1.bias(), 1, d1.out());
        try (Model dl4j = Dl4jModel.builder(net)
                        .name("dense-dl4j")
                        .inputShape(28, 28, 1)
                        .build();
                TensorFlowModel tf = TensorFlowModel.load(KerasFixtureModels.fixture("dense"))) {
            List<String> compared = new ArrayList<>();
            for (Tensor x : List.of(Mnist.images(0, 8), KerasFixtureModels.randomInputs())) {
                compared = assertLayersAgree("dense", dl4j, tf, x);
                // Keras' flatten of a 28x28x1 image is the image itself, flat
                double diff = tf.activations(x, List.of("flatten"))
                        .layer("flatten")
                        .maxAbsDifference(Tensor.of(x.toFloatArray(), x.batchSize(), 784));
                assertThat(diff).as("flatten").isZero();
            }
            assertThat(compared).containsExactly("dense", "dropout", "dense_1");
            Tensor x = KerasFixtureModels.randomInputs();
            int[] predicted = tf.predict(x).argMax();
            Objective o = Objective.builder()
                    .logit(0, predicted[0], 1.0)
                    .logit(0, (predicted[0] + 1) % 10, -1.0)
                    .logit(1, 4, 0.5)
                    .neuron(0, "dense", 3, 0.3)
                    .neuron(1, "dense", 17, -0.2)
                    .neuron("dropout", 5, 0.1)
                    .neuron(1, "dense_1", 2, 0.4)
                    .build();
            assertGradientsAgree("dense", dl4j, tf, x, o);
        }
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void cnnFixtureAndItsDl4jTwinAgreeLayerByLayer(CNN2DFormat format) {
        Spec spec = KerasSavedModelFixtures.cnn();
        Conv c1 = (Conv) spec.layer("conv2d");
        Conv c2 = (Conv) spec.layer("conv2d_1");
        Dense d = (Dense) spec.layer("dense");
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate) // Keras padding="valid"
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("conv2d")
                        .nOut(4)
                        .dataFormat(format)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("max_pooling2d")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .dataFormat(format)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3)
                        .name("conv2d_1")
                        .nOut(8)
                        .dataFormat(format)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("max_pooling2d_1")
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .dataFormat(format)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("dense")
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1, format))
                .build());
        net.init();
        setConv(net, 0, c1);
        setConv(net, 2, c2);
        // Keras' dense kernel [200, 10] has rows in (h, w, c) = (5, 5, 8) order
        INDArray kernel = Nd4j.create(d.kernel(), new long[] {200, 10}, 'c');
        if (format == CNN2DFormat.NCHW) {
            kernel = kernel.reshape('c', 5, 5, 8, 10)
                    .permute(2, 0, 1, 3)
                    .dup('c')
                    .reshape('c', 200, 10);
        }
        net.getLayer(4).getParam("W").assign(kernel);
        set(net, 4, "b", d.bias(), 1, 10);
        try (Model dl4j = Dl4jModel.builder(net)
                        .name("cnn-dl4j-" + format)
                        .inputShape(28, 28, 1)
                        .build();
                TensorFlowModel tf = TensorFlowModel.load(KerasFixtureModels.fixture("cnn"))) {
            List<String> compared = new ArrayList<>();
            for (Tensor x : List.of(Mnist.images(0, 8), KerasFixtureModels.randomInputs())) {
                compared = assertLayersAgree("cnn " + format, dl4j, tf, x);
                // Keras' flatten is max_pooling2d_1 channels-last, flat: compare it with DL4J's pooling output
                Tensor pool = dl4j.activations(x, List.of("max_pooling2d_1")).layer("max_pooling2d_1");
                Tensor flat = tf.activations(x, List.of("flatten")).layer("flatten");
                assertThat(flat.maxAbsDifference(Tensor.of(pool.toFloatArray(), x.batchSize(), 200)))
                        .as("flatten")
                        .isLessThanOrEqualTo(ACTIVATIONS);
            }
            assertThat(compared).containsExactly("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "dense");
            // Random inputs: MNIST's runs of equal pixels make exact max-pool ties, which the frameworks may
            // route to different elements of a window.
            Tensor x = KerasFixtureModels.randomInputs();
            int[] predicted = tf.predict(x).argMax();
            Objective o = Objective.builder()
                    .logit(0, predicted[0], 1.0)
                    .logit(0, (predicted[0] + 1) % 10, -1.0)
                    .logit(1, 3, 0.5)
                    .neuron(0, "conv2d", 1, 0.4)
                    .neuron(1, "max_pooling2d", 2, -0.3)
                    .neuron("conv2d_1", 5, 0.2)
                    .neuron(0, "max_pooling2d_1", 7, -0.1)
                    .build();
            assertGradientsAgree("cnn " + format, dl4j, tf, x, o);
        }
    }

    /** Output and every layer the two models share by name; returns the names compared. */
    private static List<String> assertLayersAgree(String what, Model dl4j, Model tf, Tensor x) {
        double out = dl4j.predict(x).maxAbsDifference(tf.predict(x));
        assertThat(out).as("output").isLessThanOrEqualTo(ACTIVATIONS);
        List<String> shared = new ArrayList<>();
        for (Layer l : dl4j.layers()) {
            if (tf.layers().stream().anyMatch(t -> t.name().equals(l.name()))) {
                assertThat(l.outputShape())
                        .as(l.name())
                        .isEqualTo(tf.layer(l.name()).outputShape());
                assertThat(l.kind()).as(l.name()).isEqualTo(tf.layer(l.name()).kind());
                shared.add(l.name());
            }
        }
        Activations a = dl4j.activations(x, shared);
        Activations b = tf.activations(x, shared);
        StringBuilder report = new StringBuilder();
        for (String name : shared) {
            double diff = a.layer(name).maxAbsDifference(b.layer(name));
            report.append(String.format(" %s %.1e", name, diff));
            assertThat(diff).as("layer %s", name).isLessThanOrEqualTo(ACTIVATIONS);
        }
        System.out.printf("%s, batch %d: output %.1e;%s%n", what, x.batchSize(), out, report);
        assertThat(shared)
                .as("every DL4J layer has its Keras twin")
                .hasSameSizeAs(dl4j.layers().stream()
                        .filter(l -> l.kind() != org.deepjunit.model.LayerKind.INPUT)
                        .toList());
        return shared;
    }

    private static void assertGradientsAgree(String what, Model dl4j, Model tf, Tensor x, Objective o) {
        Tensor ga = dl4j.inputGradient(x, o);
        Tensor gb = tf.inputGradient(x, o);
        double scale = 0;
        for (double v : gb.toDoubleArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double rel = ga.maxAbsDifference(gb) / scale;
        System.out.printf("%s: input gradient max |g| %.3e, max relative difference %.1e%n", what, scale, rel);
        assertThat(scale).as("gradient is not trivially zero").isGreaterThan(1e-3);
        assertThat(rel).as("relative gradient difference").isLessThanOrEqualTo(GRADIENTS);
    }

    private static void set(MultiLayerNetwork net, int layer, String param, float[] values, long... shape) {
        INDArray p = net.getLayer(layer).getParam(param);
        p.assign(Nd4j.create(values, shape, 'c').reshape(p.shape()));
    }

    /** Keras kernel {@code [kh, kw, in, out]} → DL4J {@code [out, in, kh, kw]}. */
    private static void setConv(MultiLayerNetwork net, int layer, Conv c) {
        INDArray k = Nd4j.create(c.kernel(), new long[] {c.k(), c.k(), c.in(), c.out()}, 'c');
        net.getLayer(layer).getParam("W").assign(k.permute(3, 2, 0, 1));
        set(net, layer, "b", c.bias(), 1, c.out());
    }
}
