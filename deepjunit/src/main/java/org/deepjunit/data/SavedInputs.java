package org.deepjunit.data;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apiguardian.api.API;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Saves inputs worth a look — a generated input that failed a test or made models disagree, an input on which a
 * model and its reference disagreed — for a person and for tools: {@code <name>.npy} (the tensor, float32, without
 * a leading batch of one), {@code <name>.png} (image inputs) and {@code <name>.json} (metadata, with the file
 * names), each written atomically, with the seed's files and a difference map beside an input made from a seed; and
 * an {@code index.html} showing every saved input of a folder (see {@link #writeIndex}). Saving the same input under
 * the same name twice, from several threads, writes the same bytes.
 */
@API(status = STABLE, since = "0.1")
public final class SavedInputs {

    /** What the seed's files add to the input's base name, before {@code .npy} or {@code .png}. */
    public static final String SEED_SUFFIX = ".seed";

    /** The difference map's file name ending, after the input's base name. */
    public static final String DIFFERENCE_SUFFIX = ".difference.png";

    private static final Object INDEX_LOCK = new Object();

    private SavedInputs() {}

    /** The files written for one input. */
    public record Saved(Path npy, Path png, Path json) {
        /** The paths, PNG first when there is one, for messages. */
        public List<Path> all() {
            List<Path> all = new ArrayList<>();
            if (png != null) {
                all.add(png);
            }
            all.add(npy);
            all.add(json);
            return all;
        }
    }

    /**
     * @param dir      the folder, such as {@code <reportDir>/generated/MyTest.method}
     * @param name     the file name without extension, such as {@code 17-seed4211}; unsafe characters become
     *                 {@code _}
     * @param input    the input, {@code [1, ...]} or one sample
     * @param range    the valid range {@code {min, max}} drawn black to white in the PNG; null to take [0, 1] or
     *                 [0, 255] from the values (no PNG when they fit neither)
     * @param metadata anything Jackson can write; the file names are added
     */
    public static Saved save(Path dir, String name, Tensor input, double[] range, Map<String, Object> metadata) {
        return save(dir, name, input, null, range, metadata);
    }

    /**
     * Saves an input beside the seed it was made from (a generated input's seed, an adversarial example's clean
     * input), so that a person sees what changed: besides the files of {@link #save(Path, String, Tensor, double[],
     * Map)}, {@code <name>.seed.npy}, and for an image {@code <name>.seed.png} (drawn with the input's range) and
     * {@code <name>.difference.png} (see {@link DifferenceMaps}); the JSON names them as {@code seedTensorFile},
     * {@code seedImageFile} and {@code differenceFile}, with {@code differenceScale}, the difference drawn in full
     * colour.
     *
     * @param seed the seed, of the input's shape ({@code [1, ...]} or one sample); null: none, as the other method
     */
    @API(status = EXPERIMENTAL, since = "0.6")
    public static Saved save(
            Path dir, String name, Tensor input, Tensor seed, double[] range, Map<String, Object> metadata) {
        String base = safeName(name);
        Tensor sample = withoutBatch(input);
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        Path npy = dir.resolve(base + ".npy");
        Npy.write(sample.as(DataType.FLOAT32), npy);
        meta.put("tensorFile", npy.getFileName().toString());
        double[] pixels = range != null && Images.isImageShape(sample.shape()) ? range : pixelRange(sample);
        Path png = null;
        if (pixels != null) {
            png = dir.resolve(base + ".png");
            Images.writePng(sample, pixels[0], pixels[1], png);
            meta.put("imageFile", png.getFileName().toString());
        }
        if (seed != null) {
            saveSeed(dir, base, sample, withoutBatch(seed), pixels, meta);
        }
        Path json = dir.resolve(base + ".json");
        AtomicFiles.write(json, Json.write(meta));
        return new Saved(npy, png, json);
    }

    /** The seed's tensor, and for an image input its picture and the difference map, named in {@code meta}. */
    private static void saveSeed(
            Path dir, String base, Tensor sample, Tensor seed, double[] pixels, Map<String, Object> meta) {
        Path npy = dir.resolve(base + SEED_SUFFIX + ".npy");
        Npy.write(seed.as(DataType.FLOAT32), npy);
        meta.put("seedTensorFile", npy.getFileName().toString());
        if (pixels == null || !seed.shape().equals(sample.shape())) {
            return; // no image, or a seed of another shape: nothing to draw side by side
        }
        Path png = dir.resolve(base + SEED_SUFFIX + ".png");
        Images.writePng(seed, pixels[0], pixels[1], png);
        meta.put("seedImageFile", png.getFileName().toString());
        DifferenceMaps.DifferenceMap map = DifferenceMaps.of(sample, seed);
        Path difference = dir.resolve(base + DIFFERENCE_SUFFIX);
        AtomicFiles.write(difference, map.png());
        meta.put("differenceFile", difference.getFileName().toString());
        meta.put("differenceScale", map.scale());
    }

    private static Tensor withoutBatch(Tensor input) {
        int[] dims = input.shape().dims();
        return dims.length > 1 && dims[0] == 1 ? input.reshape(Arrays.copyOfRange(dims, 1, dims.length)) : input;
    }

    /**
     * The pixel range an image-shaped sample is drawn with: [0, 1] for values in it, [0, 255] for values in that;
     * null when the sample is no image (its shape, non-finite or out-of-range values).
     */
    static double[] pixelRange(Tensor sample) {
        Shape s = sample.shape();
        if (!Images.isImageShape(s) || s.dim(0) < 2 || s.dim(1) < 2) {
            return null;
        }
        double min = 0;
        double max = 0;
        for (int i = 0; i < sample.size(); i++) {
            double v = sample.getDouble(i);
            if (!Double.isFinite(v)) {
                return null;
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        if (min < 0 || max > 255) {
            return null;
        }
        return new double[] {0, max <= 1 ? 1 : 255};
    }

    /**
     * Rewrites {@code <dir>/index.html} from the JSON files in {@code dir} and its sub-folders (three levels deep),
     * under {@code title} and {@code description}: the inputs grouped by test, in invocation order, each beside its
     * seed and difference map where saved. The page is rendered by the report package (found through
     * {@link SavedInputsIndex}, so that this package, below the report, renders no HTML); one page is written at a
     * time.
     */
    public static void writeIndex(Path dir, String title, String description) {
        synchronized (INDEX_LOCK) {
            IndexHolder.INDEX.write(dir, title, description);
        }
    }

    /** The page writer, looked up once, on first use. */
    private static final class IndexHolder {
        static final SavedInputsIndex INDEX = ServiceLoader.load(
                        SavedInputsIndex.class, SavedInputs.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + SavedInputsIndex.class.getName()
                        + " on the class path: the deepjunit jar's META-INF/services entry is missing"));
    }

    /**
     * {@code s} as a file or folder name of saved inputs: every character but letters, digits and {@code . _ -} as
     * {@code _}.
     */
    public static String safeName(String s) {
        return SafeFileNames.of(s);
    }
}
