package org.deepjunit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quality gates for the annotated class's (or method's) tests: a test takes a {@link Quality} parameter, evaluates
 * models or pipelines on labelled data with it and checks gates against the test's approved baseline.
 *
 * <pre>{@code
 * @ModelQuality
 * class LeNetQualityTest {
 *     @TestModel("lenet5") static Model lenet5() { ... }
 *
 *     @Test
 *     void keepsItsAccuracy(@TestModel("lenet5") Model lenet5, Quality quality) {
 *         Evaluation e = quality.evaluate(lenet5, mnist).slicedBy(Slicing.byClass());
 *         quality.gates(e)
 *                 .gate(Metrics.ACCURACY, g -> g.atLeast(0.98).maxDrop(0.005))
 *                 .gate(Metrics.MACRO_F1, g -> g.atLeast(0.95).perSlice())
 *                 .check();
 *     }
 * }
 * }</pre>
 *
 * <p>After each test, every evaluation's gated figures are published as report entries
 * ({@code deepjunit.quality.<model>.<metric>[<slice>]}) and compared with the approved baseline
 * ({@code <Class>.<method>.<model>.quality.approved.json} in {@code deepjunit.quality.approved.dir}): when
 * nothing is approved, or the figures changed, received files are written for a person to approve.
 */
@API(status = EXPERIMENTAL, since = "0.4")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith({TestModelExtension.class, ModelQualityExtension.class})
public @interface ModelQuality {}
