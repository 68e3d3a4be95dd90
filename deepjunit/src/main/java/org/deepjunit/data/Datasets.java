package org.deepjunit.data;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;

/**
 * Loads seed datasets by location, choosing the reader from the name:
 * <ul>
 *   <li>IDX ({@code *-ubyte}, {@code *.idx}, {@code *.idx3}..., optionally {@code .gz}), with an optional IDX label file;</li>
 *   <li>NumPy {@code .npy} ({@code [n, ...]}), with an optional {@code .npy} or IDX label file;</li>
 *   <li>CSV ({@code .csv}), numeric rows, label column chosen by the caller;</li>
 *   <li>a folder of images (PNG/JPEG/BMP/GIF), labelled by integer sub-folder names.</li>
 * </ul>
 * Locations are {@code classpath:/...} or file paths. Byte-valued sources (IDX unsigned bytes,
 * {@code uint8} .npy, images) are divided by 255 unless a scale is given.
 */
@API(status = STABLE, since = "0.1")
public final class Datasets {

    private Datasets() {}

    /**
     * @param images      where the samples are
     * @param labels      where the labels are ({@code ""} or {@code null} for none; for CSV, the
     *                    zero-based label column as text, e.g. {@code "0"} or {@code "-2"} for the last)
     * @param scale       factor applied to every value; {@code NaN} for the default (1/255 for bytes, else 1)
     */
    public static Dataset load(String images, String labels, double scale) {
        String name = Locations.fileName(images).toLowerCase(Locale.ROOT);
        boolean hasLabels = labels != null && !labels.isBlank();
        Dataset raw;
        boolean bytes;
        Path dir = Locations.directory(images);
        if (dir != null) {
            raw = Images.readFolder(dir);
            bytes = true;
        } else if (name.endsWith(".npy")) {
            Npy.Array a = Npy.read(images);
            if (a.shape().length < 1) {
                throw new DataFormatException(images + ": a scalar array holds no samples");
            }
            int[] sample = a.shape().length == 1
                    ? new int[] {1}
                    : java.util.Arrays.copyOfRange(a.shape(), 1, a.shape().length);
            raw = new Dataset(images, Shape.of(sample), a.values(), hasLabels ? readLabels(labels) : null);
            bytes = a.unsignedBytes();
            hasLabels = false;
        } else if (name.endsWith(".csv")) {
            int column = -1;
            if (hasLabels) {
                try {
                    column = Integer.parseInt(labels.trim());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(
                            "The label of a CSV seed source is a column index, got '" + labels + "'");
                }
            }
            raw = Csv.read(images, column);
            bytes = false;
            hasLabels = false;
        } else {
            Idx.Contents c = Idx.read(images);
            raw = new Dataset(images, c.sampleShape(), c.values(), null);
            bytes = c.unsignedBytes();
        }
        if (hasLabels) {
            raw = new Dataset(raw.name(), raw.sampleShape(), rawData(raw), readLabels(labels));
        }
        double factor = Double.isNaN(scale) ? (bytes ? 1 / 255.0 : 1) : scale;
        return raw.scaled(factor);
    }

    private static float[] rawData(Dataset d) {
        int[] all = new int[d.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return d.size() == 0 ? new float[0] : d.batch(all).toFloatArray();
    }

    private static int[] readLabels(String location) {
        String name = Locations.fileName(location).toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            float[] v = Npy.read(location).values();
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (int) v[i];
            }
            return out;
        }
        return Idx.readLabels(location);
    }

    /**
     * The values of the CSV column named {@code column} (by its header), one per data row in order: what a CSV
     * dataset's samples were made of, e.g. to slice an evaluation by a column that is not a feature.
     */
    @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.4")
    public static List<String> csvColumn(String location, String column) {
        return Csv.column(location, column);
    }

    /**
     * The header of the CSV file, its first non-blank row: the column names, in order. The features of a CSV
     * dataset are these columns without the label column.
     */
    @API(status = org.apiguardian.api.API.Status.EXPERIMENTAL, since = "0.5")
    public static List<String> csvHeader(String location) {
        return Csv.header(location);
    }
}
