package org.deepjunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.deepjunit.coverage.CoverageRule;
import org.deepjunit.coverage.Criterion;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records the neuron coverage of every forward pass ({@code predict}, {@code activations}) that a DeepJUnit
 * {@link org.deepjunit.model.Model} makes inside the annotated test class's or method's tests, on the test's thread.
 *
 * <p>Coverage accumulates per test (published as report entries {@code deepjunit.coverage.<model>.<criterion>}),
 * per test class (checked against {@link #rules()} after the class) and per run (rendered at the end of the run
 * into {@code target/deepjunit/}: the front page {@code index.html} with the coverage-growth plots, JaCoCo's HTML
 * under {@code neurons/}, {@code deepjunit.xml}, {@code deepjunit.csv} and the data file
 * {@code deepjunit-coverage.json}).
 *
 * <p>Every attribute left at its default (numbers {@code NaN} or {@code -1}, text and arrays empty) falls back to a
 * configuration parameter ({@code deepjunit.coverage.*},
 * from {@code junit-platform.properties}, Surefire's {@code configurationParameters} or {@code -D}), then to
 * the built-in default. An attribute on a method wins over the class's.
 */
@API(status = STABLE, since = "0.1")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith({TestModelExtension.class, NeuronCoverageExtension.class})
public @interface NeuronCoverage {

    /** Scaled (DeepXplore) or raw neuron values for NC. */
    enum Scaling {
        /** Not set here: {@code deepjunit.coverage.scaled}, default scaled. */
        DEFAULT,
        /** DeepXplore: each layer's output min–max scaled per input. */
        SCALED,
        /** Raw activations (channel means of the unscaled output). */
        UNSCALED
    }

    /** NC threshold t in [0, 1]: covered when the value is &gt; t. Default {@code deepjunit.coverage.threshold}, else 0. */
    double threshold() default Double.NaN;

    /** Scaled or raw values for NC; default {@code deepjunit.coverage.scaled}, else scaled. */
    Scaling scaling() default Scaling.DEFAULT;

    /** The criteria to record; default {@code deepjunit.coverage.criteria}, else NC, TKNC, TKNP (and KMNC, NBC, SNAC with a profile). */
    Criterion[] criteria() default {};

    /** KMNC sections k &ge; 1; default {@code deepjunit.coverage.k}, else 10. */
    int k() default -1;

    /** TKNC/TKNP k &ge; 1; default {@code deepjunit.coverage.topK}, else 2. */
    int topK() default -1;

    /**
     * Regular expressions over layer names (whole-name match) of the layers to count; default
     * {@code deepjunit.coverage.layers.include}, else every layer but input, flatten and reshape.
     */
    String[] layers() default {};

    /** Regular expressions of layers not to count; default {@code deepjunit.coverage.layers.exclude}, else none. */
    String[] excludeLayers() default {};

    /**
     * Training data for the DeepGauge profile: {@code classpath:/path} or a file path, MNIST IDX ({@code .gz} or
     * plain) or NumPy {@code .npy} (float32, float64, uint8). Default {@code deepjunit.coverage.profile.data}.
     */
    String profileData() default "";

    /**
     * Factor applied to the profile data's values, as {@link GeneratedInputs#scale()} is to seeds; default
     * {@code deepjunit.coverage.profile.scale}, else 1/255 for byte data and 1 otherwise.
     */
    double profileScale() default Double.NaN;

    /** Gates checked on the class's coverage after its tests (on the method's for a method annotation). */
    CoverageRule[] rules() default {};
}
