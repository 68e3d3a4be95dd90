package org.deepjunit;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares a model of the test class, the one way every DeepJUnit annotation refers to models: by name.
 *
 * <ul>
 *   <li>On a static no-argument method returning a {@link org.deepjunit.model.Model}: a factory, called once per test class (however
 *       many annotations and tests use the model); DeepJUnit closes the model after the class.</li>
 *   <li>On a static field of type {@link org.deepjunit.model.Model}: its value is used, and stays the test class's to close (in
 *       {@code @AfterAll}). Test code may read the field directly, so its model must extend
 *       {@link org.deepjunit.model.ObservedModel} (every adapter does); otherwise the class fails before its
 *       tests run, naming the field.</li>
 *   <li>On a parameter of a test or lifecycle method: the declared model of that name is injected.</li>
 * </ul>
 *
 * <p>Models are handed out observed: one that does not extend {@code ObservedModel} (a wrapper of your own) is
 * wrapped with {@link org.deepjunit.model.ObservedModel#observe}, so that coverage and differential checks see
 * every forward pass. A name declared twice is an error. A {@code @Nested} class sees the models of its enclosing
 * classes.
 *
 * <pre>{@code
 * @TestModel("lenet1")
 * static Model lenet1() { return Dl4jModel.load(Path.of("lenet1.zip")); }
 *
 * @TestModel("lenet1-tf")
 * static final Model LENET1_TF = TensorFlowModel.builder(Path.of("lenet1-tf")).name("lenet1-tf").build();
 *
 * @Test
 * void classifiesDigits(@TestModel("lenet1") Model lenet1) { ... }
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TestModelExtension.class)
public @interface TestModel {

    /** The model's name; the field's, method's or parameter's name when empty. */
    String value() default "";
}
