package org.deepjunit.differential;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deepjunit.DataType;
import org.deepjunit.Shape;
import org.deepjunit.Tensor;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.Images;
import org.deepjunit.data.Npy;

/**
 * Saves an input sample for a person to look at: {@code <id>.npy} (NumPy format, float32,
 * little-endian, the sample's shape without batch), {@code <id>.png} when the sample is an image
 * ({@code [h, w]}, {@code [h, w, 1]} or {@code [h, w, 3]}, values in [0, 1] or [0, 255]) and
 * {@code <id>.json} with whatever metadata the caller gives. Files are named by the input's id,
 * so saving the same input twice, from several threads, writes the same bytes.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** The files written for one input. */
    public record Saved(Path npy, Path png, Path json) {
        /** The paths, PNG first when there is one, for messages. */
        public List<Path> all() {
            List<Path> all = new ArrayList<>();
            if (png != null) {
                all.add(png);
            }
            all.add(npy);
            if (json != null) {
                all.add(json);
            }
            return all;
        }
    }

    /** Writes the files for {@code sample} ({@code [1, ...]}) under {@code dir}. */
    public static Saved save(Path dir, String id, Tensor sample, Map<String, Object> metadata) {
        try {
            Tensor unbatched = withoutBatch(sample);
            Path npy = dir.resolve(id + ".npy");
            AtomicFiles.write(npy, Npy.toBytes(unbatched.as(DataType.FLOAT32)));
            Path png = null;
            double max = pixelMax(unbatched);
            if (max > 0) {
                png = dir.resolve(id + ".png");
                Images.writePng(unbatched, 0, max, png);
            }
            Path json = null;
            if (metadata != null) {
                json = dir.resolve(id + ".json");
                AtomicFiles.write(json, Json.write(metadata));
            }
            return new Saved(npy, png, json);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("Cannot save input " + id + " under " + dir, e.getCause());
        }
    }

    private static Tensor withoutBatch(Tensor sample) {
        int[] dims = sample.shape().dims();
        if (dims.length > 1 && dims[0] == 1) {
            return sample.reshape(Arrays.copyOfRange(dims, 1, dims.length));
        }
        return sample;
    }

    /**
     * The top of the pixel range an image-shaped sample is drawn with: 1 for values in [0, 1], 255
     * for values in [0, 255]; 0 when the sample is no image (shape, non-finite or out-of-range values).
     */
    static double pixelMax(Tensor sample) {
        Shape s = sample.shape();
        if (!Images.isImageShape(s) || s.dim(0) < 2 || s.dim(1) < 2) {
            return 0;
        }
        double min = 0;
        double max = 0;
        for (int i = 0; i < sample.size(); i++) {
            double v = sample.getDouble(i);
            if (!Double.isFinite(v)) {
                return 0;
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (min < 0 || max > 255) {
            return 0;
        }
        return max <= 1 ? 1 : 255;
    }
}
