package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Names the {@link InputGenerator} of a {@code @GeneratedInputs} test, like JUnit's {@code @ArgumentsSource}: on
 * the test method for a generator of your own, or on a composed annotation that carries the generator's settings
 * ({@link DeepXploreSearch}, {@link Transformations}, {@link Fuzzing}). A test method has exactly one.
 *
 * <pre>{@code
 * @GeneratedInputs(models = "lenet1", seedSource = "classpath:/mnist/t10k-images-idx3-ubyte.gz")
 * @InputsSource(Inverted.class)              // Inverted implements InputGenerator<InputsSource>
 * void invertedDigitsAreNotConfident(GeneratedInput input) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = STABLE, since = "0.1")
public @interface InputsSource {

    /** The generator; it needs a no-argument constructor. */
    Class<? extends InputGenerator<?>> value();
}
