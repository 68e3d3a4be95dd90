package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * DeepTest's metamorphic transformations as the inputs of a {@code @GeneratedInputs} test: one input per seed and
 * transformation, its parameter drawn from the transformation's range with the seed's own generator. The oracle is
 * the seed's label ({@link GeneratedInput#seedLabel()}). Image seeds only.
 *
 * <pre>{@code
 * @GeneratedInputs(models = "lenet1", seedSource = MNIST, labels = MNIST_LABELS)
 * @Transformations(value = {Transformation.ROTATION, Transformation.BLUR}, ranges = "rotation=-30:30")
 * void keepsItsLabel(GeneratedInput input, @TestModel("lenet1") Model lenet1) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@InputsSource(TransformationsGenerator.class)
@API(status = STABLE, since = "0.1")
public @interface Transformations {

    /** The transformations; default all of them. */
    Transformation[] value() default {};

    /** Parameter ranges overriding the defaults, as {@code "rotation=-30:30"}. */
    String[] ranges() default {};

    /**
     * The value affine transformations (translation, scale, shear, rotation) give the pixels they uncover, inside
     * {@code @GeneratedInputs(range)}; by default the range's minimum, the black background of MNIST-like data. Raw
     * photos of dark ink on paper want the maximum, e.g. {@code fill = 255} with {@code range = {0, 255}}.
     */
    double fill() default Double.NaN;
}
