package org.deepjunit.samples.mnist;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.deepjunit.model.Model;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.model.tensorflow.TensorFlowModel;

/**
 * Where the sample's models and data are (all in {@code src/test/resources}), and how to load them.
 *
 * <ul>
 *   <li>{@code deepxplore-mnist/}: DeepXplore's LeNet-1/4/5 as Keras architectures plus HDF5 weights (MIT);</li>
 *   <li>{@code models/}: TensorFlow SavedModels of the same networks, and LeNet-1 quantised to 8 bits;</li>
 *   <li>{@code mnist/}: the 10,000-image MNIST test set (CC BY-SA 3.0).</li>
 * </ul>
 */
public final class LeNets {

    static final String MNIST_IMAGES = "classpath:/mnist/t10k-images-idx3-ubyte.gz";
    static final String MNIST_LABELS = "classpath:/mnist/t10k-labels-idx1-ubyte.gz";

    private static Dataset mnist;

    private LeNets() {
    }

    /** The MNIST test set: 10,000 samples {@code [28, 28, 1]}, pixels scaled to [0, 1], with labels. */
    static synchronized Dataset mnistTestSet() {
        if (mnist == null) {
            mnist = Datasets.load(MNIST_IMAGES, MNIST_LABELS, Double.NaN);
        }
        return mnist;
    }

    /** The first {@code n} images of the MNIST test set, with their labels. */
    static Dataset mnistTestSet(int n) {
        Dataset all = mnistTestSet();
        int[] first = java.util.stream.IntStream.range(0, n).toArray();
        int[] labels = java.util.Arrays.stream(first).map(i -> all.label(i).getAsInt()).toArray();
        return new Dataset("mnist-test[0," + n + ")", all.sampleShape(), all.batch(first).toFloatArray(), labels);
    }

    /** DeepXplore's LeNet-{@code n} (1, 4 or 5) through DL4J's Keras importer, named {@code lenet<n>}. */
    static Model dl4j(int n) {
        String weights = switch (n) {
            case 1 -> "Model1.h5";
            case 4 -> "Model2.h5";
            case 5 -> "Model3.h5";
            default -> throw new IllegalArgumentException("No LeNet-" + n);
        };
        return Dl4jModel.keras(resource("deepxplore-mnist/lenet" + n + ".json"), resource("deepxplore-mnist/" + weights))
                .name("lenet" + n).build();
    }

    /**
     * A TensorFlow SavedModel under {@code models/} ({@code lenet1}, {@code lenet4}, {@code lenet5},
     * {@code lenet1-q8}), its layers named as in the Keras original so that coverage reads the same in
     * both frameworks.
     */
    public static Model tensorflow(String dir, String name) {
        TensorFlowModel.Builder b = TensorFlowModel.builder(resource("models/" + dir)).name(name)
                .layer("block1_conv1", "block1_conv1/Relu")
                .layer("block1_pool1", "block1_pool1/MaxPool")
                .layer("block2_conv1", "block2_conv1/Relu")
                .layer("block2_pool1", "block2_pool1/MaxPool");
        if (!dir.startsWith("lenet1")) {
            b.layer("fc1", "fc1/Relu");
        }
        if (dir.equals("lenet5")) {
            b.layer("fc2", "fc2/Relu");
        }
        return b.layer("before_softmax", "before_softmax/BiasAdd")
                .layer("predictions", "predictions/Softmax")
                .build();
    }

    public static Path resource(String name) {
        URL url = LeNets.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
