package org.deepjunit.model;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The element type of a {@link Tensor}. Models compute in one of these; adapters convert inputs. */
@API(status = STABLE, since = "0.1")
public enum DataType {
    /** 32-bit floats, what models are usually trained and served in. */
    FLOAT32,
    /** 64-bit floats, for gradient checks and models built in double precision. */
    FLOAT64
}
