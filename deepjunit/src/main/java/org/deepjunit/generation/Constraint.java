package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Random;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;

/**
 * A domain constraint on DeepXplore's gradient ascent: it rewrites the (normalised) gradient of one
 * input before the step {@code x ← x + s · constraint(∇obj)}, so that the search only makes changes
 * of a realistic kind. Built-ins are in {@link Constraints}; users implement their own, e.g. for
 * tabular data whose features may only increase:
 *
 * <pre>{@code
 * public final class OnlyIncrease implements Constraint {
 *     public String name() { return "only-increase"; }
 *     public void constrain(float[] gradient, Shape shape, Random random) {
 *         for (int i = 0; i < gradient.length; i++) gradient[i] = Math.max(0, gradient[i]);
 *     }
 * }
 * }</pre>
 *
 * <p>Used with {@code @GeneratedInputs(constraintClass = OnlyIncrease.class)}, a user constraint
 * needs a public no-argument constructor. Implementations must be deterministic given the
 * {@code random} they receive (a per-input generator derived from the run seed), and thread-safe
 * or stateless. Clipping to the valid input range happens after every step, whatever the constraint.
 */
@API(status = STABLE, since = "0.1")
public interface Constraint {

    /** A short name for display names and saved metadata, such as {@code lighting}. */
    String name();

    /** The constraint's parameters for saved metadata, such as {@code rect=(0,0,10,10)}; empty if none. */
    default String parameters() {
        return "";
    }

    /**
     * Checks that the constraint can apply to inputs of this per-sample shape; throws
     * {@link IllegalArgumentException} with a message saying why not (checked before any search).
     */
    default void validate(Shape sampleShape) {}

    /**
     * Rewrites {@code gradient}, one input's normalised gradient laid out like {@code sampleShape}
     * (row-major, images {@code [h, w, c]}), in place.
     */
    void constrain(float[] gradient, Shape sampleShape, Random random);
}
