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
 * Explanation checks for the annotated class's (or method's) tests: a test takes an
 * {@link org.deepjunit.explain.ApprovedAttributions} parameter, configured from {@code deepjunit.explain.approved.dir}
 * and {@code deepjunit.explain.approve}, whose maps are named after the test
 * ({@code <Class>.<method>.<name>.attribution.approved.npy}).
 *
 * <pre>{@code
 * @Explanations
 * class LeNetExplanationTest {
 *     @TestModel("lenet5") static Model lenet5() { ... }
 *
 *     @Test
 *     void looksAtTheDigit(@TestModel("lenet5") Model lenet5, ApprovedAttributions approved) {
 *         Attribution a = Explain.integratedGradients(lenet5).explain(image);
 *         AttributionAssert.assertThat(a)
 *                 .hasCompletenessErrorBelow(0.01)
 *                 .hasMassInsideAtLeast(Mask.above(image, 0.1), 0.7);
 *         approved.assertMatches("image0", a, 0.8);      // drift from the approved map (Spearman)
 *     }
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith({TestModelExtension.class, ExplanationsExtension.class})
public @interface Explanations {}
