package org.deepjunit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.deepjunit.generation.Constraint;
import org.deepjunit.generation.Transformation;
import org.deepjunit.junit.GeneratedInputsExtension;
import org.deepjunit.junit.TestModelExtension;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test method once per input generated from seeds, like {@code @ParameterizedTest}. The
 * method takes a {@link GeneratedInput} (or the input's {@link Tensor}) and, optionally,
 * {@code @TestModel("name") Model} parameters.
 *
 * <pre>{@code
 * @TestModel("lenet1") static Model lenet1() { ... }
 * @TestModel("lenet4") static Model lenet4() { ... }
 *
 * @GeneratedInputs(models = {"lenet1", "lenet4"},
 *         seedSource = "classpath:/mnist/t10k-images-idx3-ubyte.gz",
 *         labels = "classpath:/mnist/t10k-labels-idx1-ubyte.gz",
 *         seeds = 100, constraint = ConstraintType.LIGHTING, seed = 42)
 * void modelsAgree(GeneratedInput input, @TestModel("lenet1") Model lenet1) {
 *     assertThat(lenet1.predict(input.tensor()).argMax()[0]).isEqualTo(input.seedLabel().getAsInt());
 * }
 * }</pre>
 *
 * <p>Numeric attributes left at their defaults ({@code NaN}, {@code 0}, {@code ""}) take the
 * configuration parameter {@code deepjunit.generation.<attribute>}, else the documented default:
 * the annotation wins. The budgets {@link #count()} and {@link #maxTime()} are the exception: their
 * configuration parameters, when set, override the annotation, so that CI can shorten or lengthen
 * runs. Invalid settings fail the test method before any invocation.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({TestModelExtension.class, GeneratedInputsExtension.class})
public @interface GeneratedInputs {

    /** How inputs are made. */
    Generator generator() default Generator.DEEPXPLORE;

    /** Names of {@link TestModel}s of the test class; DEEPXPLORE needs two or more. */
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

    /** How many seeds to draw from the source (a seeded random sample); {@code deepjunit.generation.seeds}, default 100. */
    int seeds() default 0;

    /** Most invocations; {@code deepjunit.generation.count} overrides; default: as many as generated. */
    int count() default 0;

    /**
     * Time budget for generating, e.g. {@code "30s"}, {@code "2m"}, {@code "500ms"} or ISO-8601
     * {@code "PT30S"}; checked between batches. {@code deepjunit.generation.maxTime} overrides.
     */
    String maxTime() default "";

    /** The run seed; {@code deepjunit.generation.seed}; else random and printed. */
    long seed() default Long.MIN_VALUE;

    /** Seeds searched together; {@code deepjunit.generation.batch}, default 32. Part of what fixes invocation [n]. */
    int batch() default 0;

    // DEEPXPLORE

    /** DEEPXPLORE's domain constraint. */
    ConstraintType constraint() default ConstraintType.LIGHTING;

    /** A user constraint with a public no-argument constructor; wins over {@link #constraint()}. */
    Class<? extends Constraint> constraintClass() default Constraint.class;

    /** The occlusion rectangle {@code {row, column, height, width}}. */
    int[] occlusion() default {0, 0, 10, 10};

    /** Blackout {@code {square size, squares per step}}. */
    int[] blackout() default {6, 1};

    /** λ1, weight of pushing one model away; {@code deepjunit.generation.lambda1}, default 1; in [0, 1000]. */
    double lambda1() default Double.NaN;

    /** λ2, weight of the uncovered target neurons; {@code deepjunit.generation.lambda2}, default 0.1; in [0, 1000]. */
    double lambda2() default Double.NaN;

    /** Step s; {@code deepjunit.generation.step}, default 10; in (0, 1000]. */
    double step() default Double.NaN;

    /** Coverage threshold t on DeepXplore's scaled values; {@code deepjunit.generation.threshold}, default 0; in [0, 1). */
    double threshold() default Double.NaN;

    /** Gradient steps per seed (DEEPXPLORE) or fuzzing rounds (FUZZ); {@code deepjunit.generation.iterations}, default 50. */
    int iterations() default 0;

    /** The model DEEPXPLORE pushes away for every seed; default: a seeded random one per seed. */
    String pushedModel() default "";

    // TRANSFORM

    /** TRANSFORM's transformations (FUZZ uses all); default all. */
    Transformation[] transformations() default {};

    /** Parameter ranges overriding the defaults, as {@code "rotation=-30:30"}. */
    String[] transformRanges() default {};

    // FUZZ

    /** DeepHunter's α (share of elements that may change freely); default 0.02. */
    double alpha() default Double.NaN;

    /** DeepHunter's β (largest change, as a share of the range, when more elements change); default 0.2. */
    double beta() default Double.NaN;
}
