package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.tensorflow.InputScale;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both adapters compute neuron values inside the framework; they equal the reference {@link NeuronValues#of}. */
class AdapterNeuronValuesTest {

    @Test
    void dl4jLeNet5() {
        try (Model model = DeepXploreModels.dl4j(LeNet.LENET5)) {
            check(model);
        }
    }

    @Test
    void tensorFlowLeNet5(@TempDir Path dir) {
        try (Model model = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            check(model);
            check(model); // the cached graph ops again
        }
    }

    /** A model that rescales its input must compute neuron values from the same scaled input as predict. */
    @Test
    void tensorFlowWithAnInputScale(@TempDir Path dir) {
        DeepXploreModels.tensorflow(LeNet.LENET1, dir.resolve("lenet1")).close();
        try (Model model = TensorFlowModel.builder(dir.resolve("lenet1"))
                .inputScale(InputScale.divideBy(2))
                .build()) {
            check(model);
        }
    }

    /**
     * Layers of 1,024 units or more are fetched on their own in TensorFlow, the narrower ones packed together: a model
     * with both, in both precisions, and a DL4J twin shape (whose ActivationLayer must not overwrite its input).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = org.deepjunit.model.DataType.class)
    void tensorFlowWideAndNarrowLayers(org.deepjunit.model.DataType type, @TempDir Path dir) {
        int[] sizes = {12, 1100, 40, 1030, 5};
        org.deepjunit.model.tensorflow.TfFixtures.mlp(type, sizes, new java.util.Random(7), dir);
        try (Model model = TensorFlowModel.builder(dir).build()) {
            assertThat(model.layers().stream().filter(l -> l.neuronCount() >= 1024))
                    .hasSize(2);
            check(model, random(type, 17, 12));
        }
    }

    @Test
    void dl4jWideLayers() {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                        .seed(3)
                        .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                        .list()
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                                .name("wide")
                                .nIn(12)
                                .nOut(1100)
                                .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                                .build())
                        .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                                .name("relu")
                                .activation(org.nd4j.linalg.activations.Activation.RELU)
                                .build())
                        .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder()
                                .name("out")
                                .nIn(1100)
                                .nOut(5)
                                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                                .build())
                        .build());
        net.init();
        try (Model model =
                org.deepjunit.model.dl4j.Dl4jModel.builder(net).name("wide").build()) {
            Tensor inputs = random(org.deepjunit.model.DataType.FLOAT32, 9, 12);
            check(model, inputs);
            // the identity layer before the ReLU keeps its negative values
            assertThat(java.util.Arrays.stream(model.neuronValues(inputs, List.of("wide"))
                                    .layer("wide")
                                    .mins())
                            .min()
                            .orElseThrow())
                    .isNegative();
        }
    }

    /**
     * Convolution outputs channels first (each neuron's values after it) and channels last, in both precisions, in
     * batches whose layers are reduced in Java (5 images) and with ND4J's reductions (800, over 32,768 values).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "NCHW, DOUBLE, 5", "NCHW, FLOAT, 5", "NHWC, DOUBLE, 5", "NHWC, FLOAT, 5",
        "NCHW, DOUBLE, 800", "NCHW, FLOAT, 800", "NHWC, DOUBLE, 800", "NHWC, FLOAT, 800"
    })
    void dl4jChannelsFirstAndLast(
            org.deeplearning4j.nn.conf.CNN2DFormat format, org.nd4j.linalg.api.buffer.DataType type, int batch) {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = org.deepjunit.model.dl4j.Dl4jTestNets.cnn(
                        7, org.deeplearning4j.nn.conf.inputs.InputType.convolutional(8, 8, 2, format))
                .convertDataType(type);
        try (Model model = org.deepjunit.model.dl4j.Dl4jModel.builder(net)
                .name("cnn")
                .inputShape(8, 8, 2)
                .build()) {
            Tensor images = random(org.deepjunit.model.DataType.FLOAT64, batch, 8 * 8 * 2)
                    .reshape(batch, 8, 8, 2);
            check(model, images);
            assertThat(model.neuronValues(images, List.of("conv")).layer("conv").neurons())
                    .isEqualTo(3);
        }
    }

    /**
     * DL4J passes reuse one workspace per thread, sized by the first and grown when one spills: growing and
     * shrinking batches give every layer of the first image as it is alone, and the output of plain predict.
     */
    @Test
    void dl4jPassesOfChangingBatchSizes() {
        try (Model model = DeepXploreModels.dl4j(LeNet.LENET5)) {
            List<String> layers = ForwardListeners.observedLayers(model);
            Activations alone = model.activations(Mnist.images(0, 1), layers);
            for (int batch : new int[] {64, 1, 33, 128, 2}) {
                Tensor images = Mnist.images(0, batch);
                Activations acts = model.activations(images, layers);
                assertThat(acts.output().maxAbsDifference(model.predict(images)))
                        .as("batch %d", batch)
                        .isLessThan(1e-6);
                for (String layer : layers) {
                    Tensor first = alone.layer(layer);
                    Tensor batched = acts.layer(layer);
                    for (int i = 0; i < first.size(); i++) {
                        assertThat(batched.getDouble(i))
                                .as("%s value %d at batch %d", layer, i, batch)
                                .isCloseTo(first.getDouble(i), org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
                check(model, images);
            }
        }
    }

    private static Tensor random(org.deepjunit.model.DataType type, int batch, int width) {
        java.util.Random rnd = new java.util.Random(11);
        double[] values = new double[batch * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextGaussian();
        }
        return Tensor.wrap(values, org.deepjunit.model.Shape.of(batch, width)).as(type);
    }

    static void check(Model model) {
        check(model, Mnist.images(0, 33));
    }

    static void check(Model model, Tensor images) {
        List<String> layers = ForwardListeners.observedLayers(model);
        NeuronValues inFramework = model.neuronValues(images, layers);
        NeuronValues reference = NeuronValues.of(model.activations(images, layers));
        assertThat(inFramework.layers().keySet())
                .containsExactlyElementsOf(reference.layers().keySet());
        assertThat(inFramework.output().maxAbsDifference(reference.output())).isZero();
        for (String layer : layers) {
            NeuronValues.LayerValues a = inFramework.layer(layer);
            NeuronValues.LayerValues b = reference.layer(layer);
            assertThat(a.batch()).isEqualTo(b.batch());
            assertThat(a.neurons()).as(layer).isEqualTo(b.neurons());
            assertThat(a.mins()).as(layer).containsExactly(b.mins());
            assertThat(a.maxs()).as(layer).containsExactly(b.maxs());
            for (int i = 0; i < a.means().length; i++) {
                // TF reduces float32 layers in float32: allow float rounding relative to the input's layer range
                int sample = i / a.neurons();
                double tol = 1e-5 * Math.max(1e-3, b.maxs()[sample] - b.mins()[sample]);
                assertThat(a.means()[i])
                        .as("%s mean %d", layer, i)
                        .isCloseTo(b.means()[i], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }
}
