package org.deepjunit.model;

/** The element type of a {@link Tensor}. Models compute in one of these; adapters convert inputs. */
public enum DataType {
    /** 32-bit floats, what models are usually trained and served in. */
    FLOAT32,
    /** 64-bit floats, for gradient checks and models built in double precision. */
    FLOAT64
}
