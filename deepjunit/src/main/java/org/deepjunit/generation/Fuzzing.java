package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Coverage-guided fuzzing after DeepHunter (Xie et al., ISSTA 2019) as the inputs of a {@code @GeneratedInputs}
 * test: mutants of a seed queue, kept when they are valid and raise some model's neuron coverage. Image seeds only.
 *
 * <p>A numeric attribute left at its default ({@code NaN}, {@code -1}) takes the configuration parameter
 * {@code deepjunit.generation.fuzzing.<attribute>}, else its documented default.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@InputsSource(FuzzingGenerator.class)
@API(status = STABLE, since = "0.1")
public @interface Fuzzing {

    /** Fuzzing rounds, at least 1; default 20. */
    int iterations() default -1;

    /** NC threshold of the coverage a mutant must raise, in [0, 1); default 0. */
    double threshold() default Double.NaN;

    /** DeepHunter's α, the share of elements that may change freely, in (0, 1]; default 0.02. */
    double alpha() default Double.NaN;

    /** DeepHunter's β, the largest change as a share of the range when more elements change, in (0, 1]; default 0.2. */
    double beta() default Double.NaN;
}
