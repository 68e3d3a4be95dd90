package org.deepjunit.model.tensorflow;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;

/**
 * The index of a TensorFlow checkpoint ({@code variables/variables.index}): which tensors it holds, with dtype and
 * shape, read without TensorFlow so that a SavedModel whose graph and weights disagree is refused before loading.
 * The file is a LevelDB-style table (TensorFlow's {@code table} format, written uncompressed by the bundle
 * writer): a footer pointing at an index block, whose entries point at data blocks of prefix-compressed keys;
 * the value of key {@code ""} is a {@link BundleHeaderProto}, every other a {@link BundleEntryProto}.
 *
 * @param header  the header (number of data shards)
 * @param entries tensor name → entry, in key order
 */
record CheckpointIndex(BundleHeaderProto header, Map<String, BundleEntryProto> entries) {

    private static final long MAGIC = 0xdb4775248b80fb57L;
    private static final int FOOTER = 48;

    /**
     * Reads an index file.
     *
     * @return the index, or null when it uses a block compression this reader does not decode (then nothing is
     *     checked and TensorFlow reads it alone)
     * @throws IOException when the file cannot be read or is not a table (bad magic, blocks out of range)
     */
    static CheckpointIndex read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < FOOTER) {
            throw new IOException("too short for a checkpoint index (" + bytes.length + " bytes)");
        }
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        if (footer.getLong() != MAGIC) {
            throw new IOException("no table magic number at its end");
        }
        CodedInputStream handles = CodedInputStream.newInstance(bytes, bytes.length - FOOTER, FOOTER - 8);
        handles.readRawVarint64(); // metaindex offset
        handles.readRawVarint64(); // metaindex size
        long indexOffset = handles.readRawVarint64();
        long indexSize = handles.readRawVarint64();
        Map<String, byte[]> index = new LinkedHashMap<>();
        if (!block(bytes, indexOffset, indexSize, index)) {
            return null;
        }
        Map<String, BundleEntryProto> entries = new LinkedHashMap<>();
        BundleHeaderProto header = null;
        for (byte[] handle : index.values()) {
            CodedInputStream h = CodedInputStream.newInstance(handle);
            Map<String, byte[]> data = new LinkedHashMap<>();
            if (!block(bytes, h.readRawVarint64(), h.readRawVarint64(), data)) {
                return null;
            }
            for (Map.Entry<String, byte[]> e : data.entrySet()) {
                try {
                    if (e.getKey().isEmpty()) {
                        header = BundleHeaderProto.parseFrom(e.getValue());
                    } else {
                        entries.put(e.getKey(), BundleEntryProto.parseFrom(e.getValue()));
                    }
                } catch (InvalidProtocolBufferException x) {
                    throw new IOException("entry '" + e.getKey() + "' is not readable: " + x.getMessage(), x);
                }
            }
        }
        if (header == null) {
            throw new IOException("no checkpoint header");
        }
        return new CheckpointIndex(header, entries);
    }

    /** Decodes one block's entries into {@code out}; false when the block is compressed. */
    private static boolean block(byte[] file, long offset, long size, Map<String, byte[]> out) throws IOException {
        if (offset < 0 || size < 4 || offset + size + 5 > file.length) {
            throw new IOException("a block at " + offset + " (" + size + " bytes) lies outside the file");
        }
        if (file[(int) (offset + size)] != 0) {
            return false; // compressed (snappy): not written by TensorFlow's bundle writer
        }
        int start = (int) offset;
        int end = start + (int) size;
        int restarts =
                ByteBuffer.wrap(file, end - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int limit = end - 4 - 4 * restarts;
        if (restarts < 0 || limit < start) {
            throw new IOException("a block at " + offset + " has a bad restart count " + restarts);
        }
        CodedInputStream in = CodedInputStream.newInstance(file, start, limit - start);
        byte[] key = new byte[0];
        while (!in.isAtEnd()) {
            int shared = in.readRawVarint32();
            int unshared = in.readRawVarint32();
            int valueLength = in.readRawVarint32();
            if (shared < 0 || shared > key.length || unshared < 0 || valueLength < 0) {
                throw new IOException("a block at " + offset + " has a corrupt entry");
            }
            byte[] next = new byte[shared + unshared];
            System.arraycopy(key, 0, next, 0, shared);
            System.arraycopy(in.readRawBytes(unshared), 0, next, shared, unshared);
            key = next;
            out.put(new String(key, StandardCharsets.UTF_8), in.readRawBytes(valueLength));
        }
        return true;
    }
}
