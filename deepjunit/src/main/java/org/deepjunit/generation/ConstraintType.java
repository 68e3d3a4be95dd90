package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** DeepXplore's domain constraints, for {@link DeepXploreSearch#constraint()}. */
@API(status = STABLE, since = "0.1")
public enum ConstraintType {
    /** The gradient as it is (still clipped to the valid range). */
    NONE,
    /** The gradient replaced by its mean: uniform brightening or darkening. */
    LIGHTING,
    /** Only the rectangle {@link DeepXploreSearch#occlusion()} changes. */
    OCCLUSION,
    /** Random small squares turn dark ({@link DeepXploreSearch#blackout()}). */
    BLACKOUT
}
