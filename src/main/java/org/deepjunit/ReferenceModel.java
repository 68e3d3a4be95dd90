package org.deepjunit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a reference model for {@link DifferentialAgainst}: on a static {@link Model} field, on a
 * no-argument static method returning a {@link Model} (called once per test class; the model is
 * closed after the class), or on a test method parameter to receive that model.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReferenceModel {

    /** The name {@link DifferentialAgainst#reference()} refers to. */
    String value();
}
