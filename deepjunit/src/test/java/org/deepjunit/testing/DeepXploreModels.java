package org.deepjunit.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.deepjunit.model.DataType;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.model.dl4j.Hdf5Access;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.model.tensorflow.TfFixtures;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * DeepXplore's MNIST LeNets (shipped in test resources) in both frameworks: through DL4J's Keras
 * importer, and as TensorFlow twins built in Java from the same HDF5 weights, read in Keras'
 * own layouts — an implementation that shares no code with the DL4J import.
 */
public final class DeepXploreModels {

    /** LeNet-1, LeNet-4 and LeNet-5, with their files and the layers after the convolution blocks. */
    public enum LeNet {
        LENET1("lenet1", "Model1.h5", 4, 12, new int[] {}),
        LENET4("lenet4", "Model2.h5", 6, 16, new int[] {84}),
        LENET5("lenet5", "Model3.h5", 6, 16, new int[] {120, 84});

        final String name;
        final String weights;
        final int conv1;
        final int conv2;
        final int[] hidden;

        LeNet(String name, String weights, int conv1, int conv2, int[] hidden) {
            this.name = name;
            this.weights = weights;
            this.conv1 = conv1;
            this.conv2 = conv2;
            this.hidden = hidden;
        }

        public String modelName() {
            return name;
        }

        /** Channels of the first and second convolution. */
        public int conv1() {
            return conv1;
        }

        public int conv2() {
            return conv2;
        }

        /** Units of the dense layers between the convolutions and the logits. */
        public int[] hidden() {
            return hidden.clone();
        }
    }

    private DeepXploreModels() {}

    /** The model imported through DL4J's Keras importer (architecture JSON + weights-only HDF5). */
    public static Dl4jModel dl4j(LeNet net) {
        return Dl4jModel.importKeras(resource(net.name + ".json"), resource(net.weights));
    }

    /** The DL4J import converted to float64, for attack gradients without float32 rounding (see STACK.md). */
    public static Dl4jModel dl4jFloat64(LeNet net) {
        try {
            org.deeplearning4j.nn.graph.ComputationGraph graph =
                    org.deeplearning4j.nn.modelimport.keras.KerasModelImport.importKerasModelAndWeights(
                            resource(net.name + ".json").toString(),
                            resource(net.weights).toString(),
                            false);
            return Dl4jModel.builder(graph.convertDataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE))
                    .name(net.name + "-f64")
                    .inputShape(28, 28, 1)
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot import " + net.name + ": " + e, e);
        }
    }

    /**
     * A TensorFlow twin exported to {@code dir} as a SavedModel, every layer named as Keras named it.
     */
    public static TensorFlowModel tensorflow(LeNet net, Path dir) {
        return tensorflow(net, dir, DataType.FLOAT32);
    }

    /** The TensorFlow twin computing in {@code type} (float32 as Keras saved it, or float64). */
    public static TensorFlowModel tensorflow(LeNet net, Path dir, DataType type) {
        TfFixtures.Exported exported =
                twin(net, DoubleUnaryOperator.identity(), type).export(dir);
        TensorFlowModel.Builder builder = TensorFlowModel.builder(dir).name(net.name + "-tf");
        exported.layers().forEach(builder::layer);
        return builder.build();
    }

    /**
     * Exports a TensorFlow twin whose weights pass through {@code weights} first (e.g. rounding to
     * half precision, as a converted serving model would have) as a SavedModel in {@code dir}.
     */
    public static TfFixtures.Exported export(LeNet net, Path dir, DoubleUnaryOperator weights) {
        return twin(net, weights, DataType.FLOAT32).export(dir);
    }

    /** {@code w} rounded to the nearest IEEE half-precision value (10-bit mantissa), as a float16 export stores it. */
    public static double toHalfPrecision(double w) {
        if (w == 0 || !Double.isFinite(w)) {
            return w;
        }
        double ulp = Math.scalb(1.0, Math.max(Math.getExponent(w), -14) - 10);
        return Math.rint(w / ulp) * ulp;
    }

    private static TfFixtures.Sequential twin(LeNet net, DoubleUnaryOperator transform, DataType type) {
        return Hdf5Access.locked(() -> twin(net, transform, type, resource(net.weights)));
    }

    private static TfFixtures.Sequential twin(LeNet net, DoubleUnaryOperator transform, DataType type, Path weights) {
        try (Hdf5Archive h5 = new Hdf5Archive(weights.toString())) {
            TfFixtures.Sequential s = TfFixtures.sequential(type, 28, 28, 1)
                    .conv(
                            "block1_conv1",
                            5,
                            5,
                            1,
                            net.conv1,
                            read(h5, "block1_conv1", "kernel", transform),
                            read(h5, "block1_conv1", "bias", transform),
                            true)
                    .maxPool("block1_pool1", 2)
                    .conv(
                            "block2_conv1",
                            5,
                            5,
                            net.conv1,
                            net.conv2,
                            read(h5, "block2_conv1", "kernel", transform),
                            read(h5, "block2_conv1", "bias", transform),
                            true)
                    .maxPool("block2_pool1", 2)
                    .flatten("flatten");
            int in = 7 * 7 * net.conv2;
            for (int i = 0; i < net.hidden.length; i++) {
                String name = "fc" + (i + 1);
                s.dense(
                        name,
                        in,
                        net.hidden[i],
                        read(h5, name, "kernel", transform),
                        read(h5, name, "bias", transform),
                        "relu");
                in = net.hidden[i];
            }
            return s.dense(
                            "before_softmax",
                            in,
                            10,
                            read(h5, "before_softmax", "kernel", transform),
                            read(h5, "before_softmax", "bias", transform),
                            null)
                    .softmax("predictions");
        }
    }

    /** One weight array of {@code net} in Keras' own layout, row-major ({@code kernel} or {@code bias}). */
    public static double[] weights(LeNet net, String layer, String name) {
        return Hdf5Access.locked(() -> {
            try (Hdf5Archive h5 = new Hdf5Archive(resource(net.weights).toString())) {
                return read(h5, layer, name, DoubleUnaryOperator.identity());
            }
        });
    }

    /** A Keras 2.0.8 {@code save_weights} dataset: {@code <layer>/<layer>/<name>:0}, row-major. */
    private static double[] read(Hdf5Archive h5, String layer, String name, DoubleUnaryOperator transform) {
        try {
            double[] values =
                    h5.readDataSet(name + ":0", layer, layer).dup('c').data().asDouble();
            for (int i = 0; i < values.length; i++) {
                values[i] = transform.applyAsDouble(values[i]);
            }
            return values;
        } catch (UnsupportedKerasConfigurationException e) {
            throw new IllegalStateException("Cannot read " + layer + "/" + name, e);
        }
    }

    /** A test resource under {@code deepxplore-mnist/} as a file path. */
    public static Path resource(String file) {
        try {
            return Path.of(DeepXploreModels.class
                    .getResource("/deepxplore-mnist/" + file)
                    .toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Missing test resource deepxplore-mnist/" + file, e);
        }
    }
}
