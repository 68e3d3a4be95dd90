package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How {@link Images#resize(int, int, Interpolation, boolean)} computes its pixels: the methods of TensorFlow 2's
 * {@code tf.image.resize}, with the same semantics (half-pixel centres).
 */
@API(status = EXPERIMENTAL, since = "0.3")
public enum Interpolation {
    /** {@code tf.image.ResizeMethod.NEAREST_NEIGHBOR}: the input pixel under ⌊(o + ½)·in/out⌋. */
    NEAREST,
    /** {@code tf.image.ResizeMethod.BILINEAR}: linear between the two nearest pixel centres. */
    BILINEAR,
    /** {@code tf.image.ResizeMethod.BICUBIC}: Keys' cubic convolution with a = −0.5 over four pixels. */
    BICUBIC,
    /** {@code tf.image.ResizeMethod.AREA}: the mean of the input area each output pixel covers. */
    AREA
}
