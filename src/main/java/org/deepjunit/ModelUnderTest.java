package org.deepjunit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the model under test for {@link DifferentialAgainst}: a static {@link Model} field, or a
 * no-argument static method returning a {@link Model} (called once per test class; the model is
 * closed after the class), or a test method parameter to receive that model. At most one per
 * test class. Declaring it lets the extension check the reference's shapes before any test runs
 * and ignore other models the test may run.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ModelUnderTest {
}
