package org.deepjunit.coverage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.deepjunit.Shape;
import org.deepjunit.Tensor;

/**
 * Training data for a profile, read from {@code classpath:/path} or a file path: MNIST IDX (unsigned bytes,
 * optionally gzipped) or NumPy {@code .npy} (float32, float64 or uint8, C order). Values are divided by the
 * scale: by default 255 for unsigned bytes and 1 for floats.
 *
 * @param source      as the user named it
 * @param sampleShape shape of one sample, e.g. [28, 28] for MNIST IDX
 * @param count       number of samples
 * @param values      all samples, row-major, already scaled
 * @param hash        SHA-256 of the raw bytes and the scale: part of the profile cache key
 */
public record ProfileData(String source, Shape sampleShape, int count, float[] values, String hash) {

    /** Reads and scales the data; {@code scale} 0 means the default. */
    public static ProfileData load(String source, double scale) throws IOException {
        byte[] bytes = readAll(source);
        byte[] plain = isGzip(bytes) ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes() : bytes;
        ProfileData raw;
        if (plain.length >= 6 && plain[0] == (byte) 0x93 && new String(plain, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            raw = npy(source, plain, scale);
        } else if (plain.length >= 4 && plain[0] == 0 && plain[1] == 0) {
            raw = idx(source, plain, scale);
        } else {
            throw new IOException("Profile data " + source + " is neither MNIST IDX nor NumPy .npy");
        }
        return raw;
    }

    private static boolean isGzip(byte[] b) {
        return b.length > 2 && b[0] == (byte) 0x1f && b[1] == (byte) 0x8b;
    }

    static byte[] readAll(String source) throws IOException {
        if (source.startsWith("classpath:")) {
            String resource = source.substring("classpath:".length());
            String path = resource.startsWith("/") ? resource.substring(1) : resource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = ProfileData.class.getClassLoader();
            }
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IOException("No classpath resource " + resource + " (profile data " + source + ")");
                }
                return in.readAllBytes();
            }
        }
        Path file = Path.of(source.startsWith("file:") ? source.substring("file:".length()) : source);
        if (!Files.isRegularFile(file)) {
            throw new IOException("No file " + file.toAbsolutePath() + " (profile data " + source + ")");
        }
        return Files.readAllBytes(file);
    }

    private static ProfileData idx(String source, byte[] b, double scale) throws IOException {
        int type = b[2] & 0xff;
        int rank = b[3] & 0xff;
        if (type != 0x08) {
            throw new IOException("Profile data " + source + ": IDX type 0x" + Integer.toHexString(type)
                    + " is not supported (unsigned bytes, 0x08, are)");
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = buf.getInt(4 + 4 * i);
        }
        int offset = 4 + 4 * rank;
        return unsigned(source, b, offset, dims, scale);
    }

    private static ProfileData unsigned(String source, byte[] b, int offset, int[] dims, double scale) throws IOException {
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (b.length - offset < total) {
            throw new IOException("Profile data " + source + " is truncated: " + (b.length - offset) + " bytes for "
                    + Arrays.toString(dims));
        }
        double s = scale > 0 ? scale : 255;
        float[] v = new float[(int) total];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((b[offset + i] & 0xff) / s);
        }
        return build(source, dims, v, b, s);
    }

    private static ProfileData build(String source, int[] dims, float[] v, byte[] raw, double scale) {
        byte[] scaleBytes = Double.toString(scale).getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(raw, raw.length + scaleBytes.length);
        System.arraycopy(scaleBytes, 0, all, raw.length, scaleBytes.length);
        Shape sample = Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
        return new ProfileData(source, sample, dims.length == 0 ? 0 : dims[0], v, RecordingSpec.sha256(all));
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private static ProfileData npy(String source, byte[] b, double scale) throws IOException {
        int major = b[6] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException("Profile data " + source + ": unreadable .npy header " + header.trim());
        }
        if (f.group(1).equals("True")) {
            throw new IOException("Profile data " + source + ": Fortran-order .npy is not supported; save in C order");
        }
        List<Integer> dimList = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                dimList.add(Integer.parseInt(part.trim()));
            }
        }
        int[] dims = dimList.stream().mapToInt(Integer::intValue).toArray();
        int offset = start + headerLen;
        long total = 1;
        for (int dim : dims) {
            total *= dim;
        }
        String descr = d.group(1);
        switch (descr) {
            case "|u1", "<u1", "u1" -> {
                return unsigned(source, b, offset, dims, scale);
            }
            case "<f4", "<f8" -> {
                int size = descr.equals("<f4") ? 4 : 8;
                if (b.length - offset < total * size) {
                    throw new IOException("Profile data " + source + " is truncated");
                }
                double sc = scale > 0 ? scale : 1;
                float[] v = new float[(int) total];
                for (int i = 0; i < v.length; i++) {
                    double x = size == 4 ? buf.getFloat(offset + 4 * i) : buf.getDouble(offset + 8 * i);
                    v[i] = (float) (x / sc);
                }
                return build(source, dims, v, b, sc);
            }
            default -> throw new IOException("Profile data " + source + ": dtype " + descr
                    + " is not supported (float32, float64 and uint8 are)");
        }
    }

    /**
     * Whether the samples fit a model input: equal shapes once dimensions of size 1 are dropped (MNIST's
     * [28, 28] fits [28, 28, 1]).
     */
    public boolean fits(Shape modelInput) {
        return Arrays.equals(squeeze(sampleShape.dims()), squeeze(modelInput.dims()))
                && sampleShape.size() == modelInput.size();
    }

    private static int[] squeeze(int[] dims) {
        return Arrays.stream(dims).filter(x -> x != 1).toArray();
    }

    /** Samples {@code [from, to)} shaped as the model's input. */
    public Tensor batch(int from, int to, Shape modelInput) {
        int per = sampleShape.size();
        float[] part = Arrays.copyOfRange(values, from * per, to * per);
        return Tensor.wrap(part, modelInput.withBatch(to - from));
    }
}
