package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * One input a generator produced from a seed, before it is numbered as an invocation.
 *
 * @param seedId       the seed's index in its source
 * @param seedLabel    the seed's label when the source has labels
 * @param seed         the seed {@code [1, ...]}
 * @param input        the generated input {@code [1, ...]}, inside the valid range
 * @param generator    {@code deepxplore}, {@code transform} or {@code fuzz}
 * @param method       the constraint or transformation, such as {@code lighting} or {@code rotation}
 * @param parameters   what produced it (iterations, pushed model, target neurons, transformation parameters…)
 * @param predictions  each model's predicted class, by model name, in model order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Candidate(
        int seedId,
        OptionalInt seedLabel,
        Tensor seed,
        Tensor input,
        String generator,
        String method,
        Map<String, String> parameters,
        Map<String, Integer> predictions) {

    /** Whether the models predict different classes for the input. */
    public boolean disagreement() {
        return predictions.values().stream().distinct().count() > 1;
    }
}
