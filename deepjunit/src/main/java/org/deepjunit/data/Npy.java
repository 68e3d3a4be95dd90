package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * NumPy {@code .npy} files (format versions 1–3): reads C-order arrays of float32/64, int, uint and bool
 * elements of either byte order; writes float32 (or float64) tensors as version 1.0 files that
 * {@code numpy.load} opens.
 */
@API(status = INTERNAL, since = "0.1")
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiub])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** An array read from a file: its full shape (batch first when used as a dataset) and values. */
    public record Array(int[] shape, float[] values, boolean unsignedBytes) {}

    public static Array read(String location) {
        try (InputStream raw = Locations.open(location)) {
            DataInputStream in = new DataInputStream(raw);
            byte[] magic = new byte[6];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new DataFormatException(location + " is not a NumPy .npy file (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLength;
            if (major == 1) {
                headerLength = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
            } else {
                byte[] b = new byte[4];
                in.readFully(b);
                headerLength = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
            byte[] header = new byte[headerLength];
            in.readFully(header);
            String h = new String(header, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(h);
            Matcher f = FORTRAN.matcher(h);
            Matcher s = SHAPE.matcher(h);
            if (!d.find() || !s.find()) {
                throw new DataFormatException(location + ": unsupported .npy header " + h.trim()
                        + " (expected a numeric dtype such as '<f4')");
            }
            if (f.find() && f.group(1).equals("True")) {
                throw new DataFormatException(
                        location + ": Fortran-order arrays are not supported; save with " + "numpy.ascontiguousarray");
            }
            ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            char kind = d.group(2).charAt(0);
            int size = Integer.parseInt(d.group(3));
            List<Integer> dims = new ArrayList<>();
            for (String part : s.group(1).split(",")) {
                if (!part.isBlank()) {
                    dims.add(Integer.parseInt(part.trim()));
                }
            }
            int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
            long count = 1;
            for (int dim : shape) {
                count *= dim;
            }
            if (count * size > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(location + ": array too large");
            }
            byte[] body = new byte[(int) (count * size)];
            in.readFully(body);
            ByteBuffer buf = ByteBuffer.wrap(body).order(order);
            float[] values = new float[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (kind + "" + size) {
                    case "f4" -> buf.getFloat();
                    case "f8" -> (float) buf.getDouble();
                    case "i1" -> buf.get();
                    case "u1", "b1" -> buf.get() & 0xFF;
                    case "i2" -> buf.getShort();
                    case "u2" -> buf.getShort() & 0xFFFF;
                    case "i4" -> buf.getInt();
                    case "u4" -> buf.getInt() & 0xFFFFFFFFL;
                    case "i8" -> buf.getLong();
                    case "u8" -> buf.getLong();
                    default ->
                        throw new DataFormatException(location + ": unsupported dtype "
                                + d.group()
                                        .substring(d.group()
                                                .lastIndexOf('\'', d.group().length() - 2)));
                };
            }
            return new Array(shape, values, kind == 'u' && size == 1);
        } catch (EOFException e) {
            throw new DataFormatException(location + " is truncated: fewer values than its .npy header declares", e);
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes for {@code tensor}: version 1.0, little-endian, {@code <f4} or {@code <f8}. */
    public static byte[] toBytes(Tensor tensor) {
        boolean f32 = tensor.dataType() == org.deepjunit.model.DataType.FLOAT32;
        StringBuilder shape = new StringBuilder();
        int[] dims = tensor.shape().dims();
        for (int d : dims) {
            shape.append(d).append(", ");
        }
        String shapeText = dims.length == 1
                ? "(" + dims[0] + ",)"
                : "(" + (shape.length() > 0 ? shape.substring(0, shape.length() - 2) : "") + ")";
        String dict =
                "{'descr': '" + (f32 ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer body = ByteBuffer.allocate(tensor.size() * (f32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tensor.size(); i++) {
            if (f32) {
                body.putFloat((float) tensor.getDouble(i));
            } else {
                body.putDouble(tensor.getDouble(i));
            }
        }
        out.writeBytes(body.array());
        return out.toByteArray();
    }

    /** Writes {@code tensor} to {@code file} atomically. */
    public static void write(Tensor tensor, Path file) {
        AtomicFiles.write(file, toBytes(tensor));
    }

    /** Reads a file written by {@link #write} (or numpy) back as a tensor of its full shape. */
    public static Tensor readTensor(String location) {
        Array a = read(location);
        return Tensor.wrap(a.values(), Shape.of(a.shape()));
    }
}
