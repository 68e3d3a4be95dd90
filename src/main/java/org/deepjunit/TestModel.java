package org.deepjunit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a model of the test class for DeepJUnit's extensions, which annotations refer to by name.
 *
 * <p>On a static field of type {@link Model}: the field's value is used, and the test class owns it
 * (close it in {@code @AfterAll}). On a static no-argument method returning a {@link Model}: it is
 * called once per test class, and DeepJUnit closes the model after the class. On a test method
 * parameter of type {@code Model}: that model is injected.
 *
 * <pre>{@code
 * @TestModel("lenet1")
 * static Model lenet1() { return Dl4jModel.load(Path.of("lenet1.zip")); }
 *
 * @GeneratedInputs(models = {"lenet1", "lenet4"}, seedSource = "...")
 * void test(GeneratedInput input, @TestModel("lenet1") Model lenet1) { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TestModel {

    /** The model's name; the field or method name when empty. */
    String value() default "";
}
