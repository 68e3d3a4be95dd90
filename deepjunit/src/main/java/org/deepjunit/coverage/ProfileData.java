package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Training data for a profile, read like every other dataset ({@link Datasets}): MNIST IDX, NumPy {@code .npy},
 * CSV or a folder of images, from {@code classpath:/path} or a file path, values multiplied by the scale (by
 * default 1/255 for bytes and 1 otherwise).
 *
 * @param source  as the user named it
 * @param dataset the samples, already scaled
 * @param hash    SHA-256 of the scaled samples and their shape: part of the profile cache key
 */
@API(status = INTERNAL, since = "0.1")
public record ProfileData(String source, Dataset dataset, String hash) {

    /** Reads and scales the data; {@code scale} NaN means the default. */
    public static ProfileData load(String source, double scale) {
        Dataset dataset = Datasets.load(source, null, scale);
        return new ProfileData(source, dataset, dataset.contentHash());
    }

    public Shape sampleShape() {
        return dataset.sampleShape();
    }

    public int count() {
        return dataset.size();
    }

    /**
     * Whether the samples fit a model input: equal shapes once dimensions of size 1 are dropped (MNIST's
     * [28, 28] fits [28, 28, 1]).
     */
    public boolean fits(Shape modelInput) {
        return Arrays.equals(squeeze(sampleShape().dims()), squeeze(modelInput.dims()))
                && sampleShape().size() == modelInput.size();
    }

    private static int[] squeeze(int[] dims) {
        return Arrays.stream(dims).filter(x -> x != 1).toArray();
    }

    /** Samples {@code [from, to)} shaped as the model's input. */
    public Tensor batch(int from, int to, Shape modelInput) {
        return dataset.batch(IntStream.range(from, to).toArray())
                .reshape(modelInput.withBatch(to - from).dims());
    }
}
