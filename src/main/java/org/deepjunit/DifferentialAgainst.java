package org.deepjunit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.deepjunit.differential.OutputOracle;
import org.deepjunit.differential.TopOneOracle;
import org.deepjunit.junit.DifferentialExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Differential testing: every input the test feeds the model under test — inputs it generates
 * included — also goes through a reference implementation (a TensorFlow twin, the same model on
 * another backend, the last approved model file), and the two outputs must agree.
 *
 * <pre>{@code
 * @DifferentialAgainst(reference = "lenet1Tf")
 * class LeNetTest {
 *     @ModelUnderTest
 *     static Model lenet1() { return Dl4jModel.load(Path.of("lenet1.zip")); }
 *
 *     @ReferenceModel("lenet1Tf")
 *     static Model lenet1Tf() { return TensorFlowModel.load(Path.of("lenet1-savedmodel")); }
 *
 *     @Test
 *     void classifiesTheTestSet(@ModelUnderTest Model lenet) {
 *         assertThat(accuracy(lenet.predict(images), labels)).isGreaterThan(0.98);
 *     }
 * }
 * }</pre>
 *
 * <p>Models come from static fields or no-argument static methods of the test class (or its
 * superclasses) annotated {@link ReferenceModel @ReferenceModel("name")} and {@link ModelUnderTest};
 * models returned by methods are created once per class and closed after it. Without a
 * {@code @ModelUnderTest}, every model the test runs other than the reference is the model under
 * test. The reference must exist and take the same input shape and give the same output shape,
 * else the class (or method) fails with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}
 * before any test runs.
 *
 * <p>Oracle: the {@linkplain #comparator() comparator}, top-1 agreement plus every output within
 * {@code |a - b| <= absolute + relative * max(|a|, |b|)} by default. A disagreement fails the test
 * invocation, saves the input under {@code <deepjunit.report.dir>/inputs/} (PNG for images,
 * {@code .npy}, {@code .json}) and writes {@code Class.method[.variant].received.json} under
 * {@code deepjunit.approved.dir}; rename it to {@code .approved.json} (after checking the
 * {@code correct} answers) or run once with {@code -Ddeepjunit.approve=true}. Approved inputs
 * are then checked against the recorded answers, for both models, in every later run.
 *
 * <p>An attribute that is set wins over the configuration parameters
 * {@code deepjunit.differential.tolerance.absolute}, {@code deepjunit.differential.tolerance.relative}
 * and {@code deepjunit.differential.variant}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DifferentialExtension.class)
public @interface DifferentialAgainst {

    /** The name of the reference: a static field or method annotated {@code @ReferenceModel(name)}. */
    String reference();

    /** Decides agreement per input; {@link TopOneOracle} by default. Needs a public no-argument constructor. */
    Class<? extends OutputOracle> comparator() default TopOneOracle.class;

    /** Absolute tolerance per output element; negative (default) for {@code deepjunit.differential.tolerance.absolute} or 1e-6. */
    double absoluteTolerance() default -1;

    /** Relative tolerance per output element; negative (default) for {@code deepjunit.differential.tolerance.relative} or 0.01. */
    double relativeTolerance() default -1;

    /**
     * The approved file's variant, as in {@code Class.method.gpu.approved.json}, for answers that
     * differ by backend or machine; empty (default) for {@code deepjunit.differential.variant} or none.
     */
    String variant() default "";

    /** How many top outputs messages and records show. */
    int topK() default 3;
}
