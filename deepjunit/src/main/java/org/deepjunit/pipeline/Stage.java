package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * One named step of a pipeline, from {@code I} to {@code O}: decoding bytes into pixels, a label lookup, or any
 * Java function of yours. Stages on tensors implement {@link TensorStage}.
 *
 * <pre>{@code
 * Stage<Tensor, String> verdict = Stage.of("verdict", scores -> scores.getDouble(0) > 0.5 ? "spam" : "ham");
 * }</pre>
 *
 * @param <I> what the stage takes
 * @param <O> what it gives
 */
@API(status = EXPERIMENTAL, since = "0.3")
public interface Stage<I, O> {

    /** The stage's name, unique within its pipeline; failures and traces name stages by it. */
    String name();

    /** Applies the stage. Throws {@link StageException} naming the stage when the input does not fit. */
    O apply(I input);

    /** A stage from a function of yours. */
    static <I, O> Stage<I, O> of(String name, Function<? super I, ? extends O> function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        return new Stage<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public O apply(I input) {
                return function.apply(input);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
