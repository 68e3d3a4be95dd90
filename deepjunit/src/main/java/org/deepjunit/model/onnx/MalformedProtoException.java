package org.deepjunit.model.onnx;

/** Bytes that are not a valid protocol-buffer message; loaders turn it into a message naming the file. */
final class MalformedProtoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedProtoException(String message) {
        super(message);
    }
}
