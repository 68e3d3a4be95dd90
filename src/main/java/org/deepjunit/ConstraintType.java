package org.deepjunit;

/** DeepXplore's domain constraints, for {@link GeneratedInputs#constraint()}. */
public enum ConstraintType {
    /** The gradient as it is (still clipped to the valid range). */
    NONE,
    /** The gradient replaced by its mean: uniform brightening or darkening. */
    LIGHTING,
    /** Only the rectangle {@link GeneratedInputs#occlusion()} changes. */
    OCCLUSION,
    /** Random small squares turn dark ({@link GeneratedInputs#blackout()}). */
    BLACKOUT
}
