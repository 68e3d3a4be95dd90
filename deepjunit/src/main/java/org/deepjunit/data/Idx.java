package org.deepjunit.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.deepjunit.model.Shape;

/**
 * Reads IDX files (the MNIST format, plain or {@code .gz}): a magic number giving the element type
 * and rank, the dimensions, then big-endian values. Rank-3 image files {@code [n, h, w]} become
 * samples {@code [h, w, 1]} (channels-last); values are returned unscaled.
 */
final class Idx {

    private Idx() {}

    /** Raw contents: the per-sample shape and every value. */
    public record Contents(Shape sampleShape, float[] values, int count, boolean unsignedBytes) {}

    public static Contents read(String location) {
        try (InputStream raw = Locations.open(location)) {
            DataInputStream in = new DataInputStream(raw);
            int magic = in.readInt();
            int type = (magic >> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || rank < 1 || elementSize(type) < 0) {
                throw new DataFormatException(
                        location + " is not an IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new DataFormatException(location + ": negative IDX dimension " + dims[i]);
                }
            }
            int count = dims[0];
            int[] sample = rank == 1
                    ? new int[] {1}
                    : rank == 3 ? new int[] {dims[1], dims[2], 1} : java.util.Arrays.copyOfRange(dims, 1, rank);
            Shape sampleShape = Shape.of(sample);
            long total = (long) count * sampleShape.size();
            if (total > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(location + ": too many values (" + total + ")");
            }
            float[] values = new float[(int) total];
            if (type == 0x08 || type == 0x09) {
                byte[] bytes = new byte[values.length];
                in.readFully(bytes);
                for (int i = 0; i < bytes.length; i++) {
                    values[i] = type == 0x08 ? bytes[i] & 0xFF : bytes[i];
                }
            } else {
                for (int i = 0; i < values.length; i++) {
                    values[i] = switch (type) {
                        case 0x0B -> in.readShort();
                        case 0x0C -> in.readInt();
                        case 0x0D -> in.readFloat();
                        default -> (float) in.readDouble();
                    };
                }
            }
            return new Contents(sampleShape, values, count, type == 0x08);
        } catch (EOFException e) {
            throw new DataFormatException(location + " is truncated: fewer values than its IDX header declares", e);
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** Reads a rank-1 IDX label file. */
    public static int[] readLabels(String location) {
        Contents c = read(location);
        if (c.sampleShape().size() != 1) {
            throw new DataFormatException(location + " is not a label file: samples of shape " + c.sampleShape());
        }
        int[] labels = new int[c.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) c.values()[i];
        }
        return labels;
    }

    private static int elementSize(int type) {
        return switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> -1;
        };
    }
}
