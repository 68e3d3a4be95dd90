package org.deepjunit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.onnx.OnnxLeNets;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.model.tensorflow.TfFixtures;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;

/**
 * Writes the TensorFlow SavedModels the samples project ships under
 * {@code samples/src/test/resources/models/}: the TensorFlow twins of DeepXploreModels' LeNet-1/4/5
 * (same HDF5 weights, every layer named as Keras named it) and {@code lenet1-q8}, LeNet-1 with its
 * weights quantised to 8-bit fixed point (step 1/64), a "same model, another deployment" reference
 * for the differential sample; and {@code lenet5.onnx}, the ONNX twin of LeNet-5 (see {@code OnnxLeNets}).
 *
 * <p>Run once (the output is committed): {@code mvn -B -q -pl deepjunit test-compile exec:exec@sample-models}.
 */
public final class ExportSampleModels {

    /** Fixed point with 6 fractional bits: every weight of LeNet-1 lies in [-2, 2), so 8 bits hold it. */
    static final double STEP = 1.0 / 64;

    private ExportSampleModels() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "../samples/src/test/resources/models");
        for (LeNet net : LeNet.values()) {
            export(net, out.resolve(net.modelName()), DoubleUnaryOperator.identity());
        }
        double[] largest = {0};
        export(LeNet.LENET1, out.resolve("lenet1-q8"), w -> {
            largest[0] = Math.max(largest[0], Math.abs(w));
            return Math.rint(w / STEP) * STEP;
        });
        System.out.printf(
                Locale.ROOT, "lenet1-q8: largest |weight| %.4f (8-bit fixed point holds [-2, 2))%n", largest[0]);
        Path onnx = Files.write(out.resolve("lenet5.onnx"), OnnxLeNets.bytes(LeNet.LENET5));
        System.out.println("wrote " + onnx + " (ONNX, PyTorch's layout)");
        compare(out, 2000);
    }

    private static void export(LeNet net, Path dir, DoubleUnaryOperator weights) throws IOException {
        delete(dir);
        TfFixtures.Exported exported = DeepXploreModels.export(net, dir, weights);
        System.out.println("wrote " + dir + " layers " + layerOps(exported.layers()));
    }

    private static String layerOps(Map<String, String> layers) {
        StringBuilder s = new StringBuilder();
        layers.forEach((k, v) ->
                s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return s.toString();
    }

    /** Prints how many top-1 classes the quantised LeNet-1 changes against the DL4J original. */
    private static void compare(Path out, int n) {
        Tensor images = Mnist.images(0, n);
        int[] labels = Mnist.labels(0, n);
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET1);
                Model twin = TensorFlowModel.load(out.resolve("lenet1"));
                Model q8 = TensorFlowModel.load(out.resolve("lenet1-q8"))) {
            Tensor p = dl4j.predict(images);
            Tensor pTwin = twin.predict(images);
            Tensor pQ8 = q8.predict(images);
            int[] a = p.argMax();
            int[] b = pQ8.argMax();
            int flipped = 0;
            int correct = 0;
            int correctQ8 = 0;
            for (int i = 0; i < n; i++) {
                flipped += a[i] != b[i] ? 1 : 0;
                correct += a[i] == labels[i] ? 1 : 0;
                correctQ8 += b[i] == labels[i] ? 1 : 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "first %d MNIST test images: DL4J LeNet-1 vs TF twin max |diff| %.2e;"
                            + " vs lenet1-q8: %d top-1 classes flipped, max |diff| %.3f;"
                            + " accuracy %.2f%% (DL4J) vs %.2f%% (q8)%n",
                    n,
                    p.maxAbsDifference(pTwin),
                    flipped,
                    p.maxAbsDifference(pQ8),
                    100.0 * correct / n,
                    100.0 * correctQ8 / n);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
