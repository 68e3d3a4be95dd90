package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * DeepXplore's joint gradient search (Pei et al., SOSP 2017) as the inputs of a {@code @GeneratedInputs} test:
 * for each seed, gradient ascent on {@code Σ_{k≠j} F_k[c] − λ1·F_j[c] + λ2·f_n} under a domain constraint, until
 * the models disagree. Yields the difference-inducing inputs; needs two or more models.
 *
 * <pre>{@code
 * @GeneratedInputs(models = {"lenet1", "lenet4"}, seedSource = "classpath:/mnist/t10k-images-idx3-ubyte.gz")
 * @DeepXploreSearch(constraint = ConstraintType.OCCLUSION, occlusion = {9, 9, 10, 10})
 * void modelsAgree(GeneratedInput input) { ... }
 * }</pre>
 *
 * <p>A numeric attribute left at its default ({@code NaN}, {@code -1}) takes the configuration parameter
 * {@code deepjunit.generation.deepxplore.<attribute>}, else the paper's default for MNIST.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@InputsSource(DeepXploreGenerator.class)
@API(status = STABLE, since = "0.1")
public @interface DeepXploreSearch {

    /** The domain constraint. */
    ConstraintType constraint() default ConstraintType.LIGHTING;

    /** A constraint of your own with a public no-argument constructor; wins over {@link #constraint()}. */
    Class<? extends Constraint> constraintClass() default Constraint.class;

    /** The occlusion rectangle {@code {row, column, height, width}}. */
    int[] occlusion() default {0, 0, 10, 10};

    /** Blackout {@code {square size, squares per step}}. */
    int[] blackout() default {6, 1};

    /** λ1, weight of pushing one model away, in [0, 1000]; default 1. */
    double lambda1() default Double.NaN;

    /** λ2, weight of the uncovered target neurons, in [0, 1000]; default 0.1. */
    double lambda2() default Double.NaN;

    /** Step s, in (0, 1000]; default 10. */
    double step() default Double.NaN;

    /** Coverage threshold t of the target neurons, on DeepXplore's scaled values, in [0, 1); default 0. */
    double threshold() default Double.NaN;

    /** Gradient steps per seed, at least 1; default 50. */
    int iterations() default -1;

    /** The model pushed away for every seed; default a seeded random one per seed. */
    String pushedModel() default "";
}
