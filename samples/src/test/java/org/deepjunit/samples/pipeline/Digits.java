package org.deepjunit.samples.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Images;
import org.deepjunit.pipeline.Interpolation;
import org.deepjunit.pipeline.Labels;
import org.deepjunit.pipeline.Outputs;
import org.deepjunit.pipeline.Pipeline;
import org.deepjunit.pipeline.Prediction;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.Tensors;
import org.deepjunit.samples.mnist.LeNets;

/**
 * The sample's digit reader, as an application would ship it: PNG photos of handwritten digits, 56×56 RGB with dark
 * ink on light paper ({@code src/test/resources/digits-56/<label>/}, written by {@code scripts/WriteDigitPngs.java}
 * from the MNIST test set), read by a LeNet trained on MNIST's 28×28 white-on-black digits in [0, 1]:
 *
 * <pre>
 * PNG bytes → decode → grayscale → resize to 28×28 (area) → 1 − x/255 → LeNet → top-3 labels
 * </pre>
 *
 * The tensor part, {@code [n, 56, 56, 3]} pixels in 0–255 to ten class probabilities, is a {@link TensorPipeline}:
 * a model DeepJUnit observes, so tests declare it with {@code @TestModel} like any model.
 */
public final class Digits {

    /** The photos, labelled by their folder: the seed source of the generation tests. */
    public static final String PHOTOS = "classpath:/digits-56";

    private Digits() {
    }

    /** The serving pipeline's tensor part around DeepXplore's LeNet-{@code n} (1, 4 or 5), TensorFlow build. */
    public static TensorPipeline pipeline(int n) {
        return TensorPipeline.builder("digits-lenet" + n, Shape.of(56, 56, 3))
                .then(Images.grayscale())
                .then(Images.resize(28, 28, Interpolation.AREA))
                .then(Tensors.scale(-1 / 255.0, 1)) // MNIST is white ink on black: invert while scaling to [0, 1]
                .model(LeNets.tensorflow("lenet" + n, "lenet" + n + "-tf"))
                .build();
    }

    /** The whole reader: PNG files' bytes in, the three likeliest labels of each out. */
    public static Pipeline<List<byte[]>, List<List<Prediction>>> reader(TensorPipeline tensors) {
        return Pipeline.of(Images.decodeAll(), tensors)
                .then(Outputs.topK(3, Labels.read(LeNets.resource("models/digit-labels.txt"))));
    }

    /** Every photo's file, in order of label, then MNIST index. */
    public static List<Path> photos() {
        try (Stream<Path> files = Files.walk(LeNets.resource("digits-56"))) {
            return files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label of a photo: its folder's name. */
    public static int label(Path photo) {
        return Integer.parseInt(photo.getParent().getFileName().toString());
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded pixels of {@code files}, {@code [n, 56, 56, 3]} in 0–255. */
    public static Tensor pixels(List<Path> files) {
        return Images.decodeAll().apply(files.stream().map(Digits::bytes).toList());
    }
}
