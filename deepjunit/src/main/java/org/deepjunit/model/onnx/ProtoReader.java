package org.deepjunit.model.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Reads protocol-buffer wire format field by field, with every length checked against the bytes that remain, so
 * that a truncated or corrupt {@code .onnx} file is a {@link MalformedProtoException} rather than a native crash
 * inside ONNX Runtime. ONNX's messages are read by field number (see onnx.proto); unknown fields are skipped.
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int limit;
    private int pos;
    private int field;
    private int wireType;

    ProtoReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private ProtoReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.limit = to;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= limit) {
            return false;
        }
        long tag = varint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0 || tag >>> 3 > 536_870_911L) {
            throw new MalformedProtoException("invalid field number " + (tag >>> 3) + " at byte " + pos);
        }
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
            throw new MalformedProtoException("unsupported wire type " + wireType + " at byte " + pos);
        }
        return true;
    }

    /** Where the next field starts. */
    int position() {
        return pos;
    }

    /** The raw bytes between two positions of this reader, whole fields when taken from {@link #position()}. */
    byte[] slice(int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new MalformedProtoException("truncated varint at byte " + pos);
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes at byte " + pos);
    }

    int fixed32() {
        require(4);
        int v = (bytes[pos] & 0xff)
                | (bytes[pos + 1] & 0xff) << 8
                | (bytes[pos + 2] & 0xff) << 16
                | (bytes[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long fixed64() {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    /** The current length-delimited field as a reader of its own. */
    ProtoReader message() {
        int length = length();
        ProtoReader sub = new ProtoReader(bytes, pos, pos + length);
        pos += length;
        return sub;
    }

    String string() {
        int length = length();
        String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    byte[] bytes() {
        int length = length();
        byte[] copy = java.util.Arrays.copyOfRange(bytes, pos, pos + length);
        pos += length;
        return copy;
    }

    /** The current field's value as an integer, whether it was written as a varint or as one element of a packed list. */
    void longs(java.util.function.LongConsumer sink) {
        if (wireType == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.pos < packed.limit) {
                sink.accept(packed.varint());
            }
        } else {
            sink.accept(wireType == VARINT ? varint() : wireType == FIXED64 ? fixed64() : fixed32());
        }
    }

    /** Float values of a packed or unpacked {@code repeated float} field. */
    void floats(java.util.function.DoubleConsumer sink) {
        if (wireType == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.pos < packed.limit) {
                sink.accept(Float.intBitsToFloat(packed.fixed32()));
            }
        } else {
            sink.accept(Float.intBitsToFloat(fixed32()));
        }
    }

    /** Double values of a packed or unpacked {@code repeated double} field. */
    void doubles(java.util.function.DoubleConsumer sink) {
        if (wireType == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.pos < packed.limit) {
                sink.accept(Double.longBitsToDouble(packed.fixed64()));
            }
        } else {
            sink.accept(Double.longBitsToDouble(fixed64()));
        }
    }

    void skip() {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case FIXED32 -> advance(4);
            default -> advance(length());
        }
    }

    private int length() {
        if (wireType != LENGTH_DELIMITED) {
            throw new MalformedProtoException(
                    "field " + field + " should be length-delimited but has wire type " + wireType);
        }
        long length = varint();
        if (length < 0 || length > limit - pos) {
            throw new MalformedProtoException("field " + field + " claims " + length + " bytes at byte " + pos
                    + " but only " + (limit - pos) + " remain (truncated file?)");
        }
        return (int) length;
    }

    private void advance(int n) {
        require(n);
        pos += n;
    }

    private void require(int n) {
        if (n > limit - pos) {
            throw new MalformedProtoException(
                    "truncated at byte " + pos + ": " + n + " bytes needed, " + (limit - pos) + " remain");
        }
    }
}
