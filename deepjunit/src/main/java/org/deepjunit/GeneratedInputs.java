package org.deepjunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test method once per input generated from seeds, like {@code @ParameterizedTest}. Where the seeds come
 * from and how many inputs to make are set here; how inputs are made is the method's one source annotation:
 * {@link org.deepjunit.generation.DeepXploreSearch @DeepXploreSearch},
 * {@link org.deepjunit.generation.Transformations @Transformations},
 * {@link org.deepjunit.generation.Fuzzing @Fuzzing}, or {@link org.deepjunit.generation.InputsSource @InputsSource}
 * with a generator of your own. The method takes a {@link org.deepjunit.generation.GeneratedInput} (or the input's
 * {@link org.deepjunit.model.Tensor}) and, optionally, {@code @TestModel("name") Model} parameters.
 *
 * <pre>{@code
 * @TestModel("lenet1") static Model lenet1() { ... }
 * @TestModel("lenet4") static Model lenet4() { ... }
 *
 * @GeneratedInputs(models = {"lenet1", "lenet4"},
 *         seedSource = "classpath:/mnist/t10k-images-idx3-ubyte.gz",
 *         labels = "classpath:/mnist/t10k-labels-idx1-ubyte.gz", seeds = 100, seed = 42)
 * @DeepXploreSearch(constraint = ConstraintType.LIGHTING)
 * void modelsAgree(GeneratedInput input, @TestModel("lenet1") Model lenet1) {
 *     assertThat(lenet1.predict(input.tensor()).argMax()[0]).isEqualTo(input.seedLabel().getAsInt());
 * }
 * }</pre>
 *
 * <p>An attribute left at its default (numbers {@code NaN} or {@code -1}, text {@code ""}) takes the configuration
 * parameter {@code deepjunit.generation.<attribute>}, else the documented default: the annotation wins. The budgets
 * {@link #count()} and {@link #maxTime()} are the exception: their configuration parameters, when set, override
 * the annotation, so that CI can shorten or lengthen runs. Invalid settings fail the test method before any
 * invocation.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({TestModelExtension.class, GeneratedInputsExtension.class})
@API(status = STABLE, since = "0.1")
public @interface GeneratedInputs {

    /** Names of {@link TestModel}s of the test class; DeepXplore needs two or more. */
    String[] models();

    /**
     * Where the seeds are: {@code classpath:/...} or a file path; IDX ({@code *-ubyte[.gz]}), NumPy
     * {@code .npy}, {@code .csv} or a folder of images. See {@link org.deepjunit.data.Datasets}.
     */
    String seedSource();

    /** Labels: an IDX or {@code .npy} label file; for CSV the label column index ({@code "-2"} = last). */
    String labels() default "";

    /** Factor applied to seed values; default ({@code NaN}) 1/255 for byte sources (IDX, images, uint8), else 1. */
    double scale() default Double.NaN;

    /** The valid input range {@code {min, max}}: seeds must lie in it and every generated input does. */
    double[] range() default {0, 1};

    /**
     * Whether inputs are integers, as 8-bit pixels are (with {@code range = {0, 255}} and {@code scale = 1}, seeds
     * in the raw space of a pipeline that decodes images): seeds must be integers, every generated input is rounded
     * to the nearest integer, and DEEPXPLORE keeps a difference-inducing input only if the models still disagree on
     * it rounded; its summary says how many differences vanished. A saved PNG is then exactly the tested input.
     */
    boolean integers() default false;

    /** How many seeds to draw from the source (a seeded random sample); {@code deepjunit.generation.seeds}, default 100. */
    int seeds() default -1;

    /** Most invocations; {@code deepjunit.generation.count} overrides; default: as many as generated. */
    int count() default -1;

    /**
     * Time budget for generating, e.g. {@code "30s"}, {@code "2m"}, {@code "500ms"} or ISO-8601
     * {@code "PT30S"}; checked between batches. {@code deepjunit.generation.maxTime} overrides.
     */
    String maxTime() default "";

    /**
     * The run seed; {@code deepjunit.generation.seed}; else random and printed. Unset is {@code Long.MIN_VALUE},
     * since every other value is a seed.
     */
    long seed() default Long.MIN_VALUE;

    /** Seeds searched together; {@code deepjunit.generation.batch}, default 32. Part of what fixes invocation [n]. */
    int batch() default -1;
}
