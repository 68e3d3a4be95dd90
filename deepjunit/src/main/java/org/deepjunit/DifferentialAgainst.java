package org.deepjunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.deepjunit.differential.OutputOracle;
import org.deepjunit.differential.TopOneOracle;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential testing: every input the test feeds the model under test — inputs it generates
 * included — also goes through a reference implementation (a TensorFlow twin, the same model on
 * another backend, the last approved model file), and the two outputs must agree.
 *
 * <pre>{@code
 * @DifferentialAgainst(model = "lenet1", reference = "lenet1-tf")
 * class LeNetTest {
 *     @TestModel("lenet1")
 *     static Model lenet1() { return Dl4jModel.load(Path.of("lenet1.zip")); }
 *
 *     @TestModel("lenet1-tf")
 *     static Model lenet1Tf() { return TensorFlowModel.load(Path.of("lenet1-savedmodel")); }
 *
 *     @Test
 *     void classifiesTheTestSet(@TestModel("lenet1") Model lenet) {
 *         assertThat(accuracy(lenet.predict(images), labels)).isGreaterThan(0.98);
 *     }
 * }
 * }</pre>
 *
 * <p>Both models are {@link TestModel}s of the test class (or its superclasses), named by {@link #model()} and
 * {@link #reference()}; without {@code model}, every declared model other than the reference is under test. The
 * reference (and a named model under test) must exist, take the same input shape and give the same output shape,
 * else the class (or method) fails with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}
 * before any test runs.
 *
 * <p>Never a silent pass: a test that received the model under test as a parameter, or ran a model no
 * {@code @TestModel} declares, but made no forward pass of the model under test that DeepJUnit observed (on the
 * test's thread), fails and says why. Tests that use no model are unaffected.
 *
 * <p>Oracle: the {@linkplain #comparator() comparator}, top-1 agreement plus every output within
 * {@code |a - b| <= absolute + relative * max(|a|, |b|)} by default. A disagreement fails the test
 * invocation, saves the input under {@code <deepjunit.report.dir>/inputs/} (PNG for images,
 * {@code .npy}, {@code .json}) and writes {@code com.acme.Class.method[.variant].received.json} under
 * {@code deepjunit.differential.approved.dir}; rename it to {@code .approved.json} (after checking the
 * {@code correct} answers) or run once with {@code -Ddeepjunit.differential.approve=true}. Approved inputs
 * are then checked against the recorded answers, for both models, in every later run.
 *
 * <p>An attribute that is set wins over the configuration parameters
 * {@code deepjunit.differential.tolerance.absolute}, {@code deepjunit.differential.tolerance.relative}
 * and {@code deepjunit.differential.variant}.
 */
@API(status = STABLE, since = "0.1")
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({TestModelExtension.class, DifferentialExtension.class})
public @interface DifferentialAgainst {

    /** The {@link TestModel} under test; empty (default) for every declared model other than the reference. */
    String model() default "";

    /** The {@link TestModel} the model under test is compared with. */
    String reference();

    /** Decides agreement per input; {@link TopOneOracle} by default. Needs a public no-argument constructor. */
    Class<? extends OutputOracle> comparator() default TopOneOracle.class;

    /** Absolute tolerance per output element, at least 0; unset ({@code NaN}): {@code deepjunit.differential.tolerance.absolute}, else 1e-6. */
    double absoluteTolerance() default Double.NaN;

    /** Relative tolerance per output element, at least 0; unset ({@code NaN}): {@code deepjunit.differential.tolerance.relative}, else 0.01. */
    double relativeTolerance() default Double.NaN;

    /**
     * The approved file's variant, as in {@code Class.method.gpu.approved.json}, for answers that
     * differ by backend or machine; empty (default) for {@code deepjunit.differential.variant} or none.
     */
    String variant() default "";

    /** How many top outputs messages and records show. */
    int topK() default 3;

    /**
     * Twin layers for localising a disagreement, each {@code "layerOfTheModelUnderTest=layerOfTheReference"} (e.g.
     * DL4J's {@code "layer0=conv2d_1"}, for twins whose layers differ, such as fused against separate
     * activations); empty (default): layers are paired by their order among the layers with neurons. A failure
     * message lists, for its first inputs, how far apart each stage and twin layer is and names the first beyond
     * the tolerance.
     */
    String[] layerMap() default {};
}
