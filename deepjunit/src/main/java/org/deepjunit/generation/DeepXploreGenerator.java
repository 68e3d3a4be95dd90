package org.deepjunit.generation;

import java.util.Arrays;
import org.deepjunit.config.Configuration;
import org.deepjunit.config.ConfigurationException;

/** {@link DeepXploreSearch}'s generator. */
final class DeepXploreGenerator implements InputGenerator<DeepXploreSearch> {

    private double lambda1;
    private double lambda2;
    private double step;
    private double threshold;
    private int iterations;
    private Constraint constraint;
    private String pushedModel;

    @Override
    public String name() {
        return "DEEPXPLORE";
    }

    @Override
    public void configure(DeepXploreSearch a, Configuration configuration) {
        lambda1 = configuration.resolve(
                GenerationKeys.DEEPXPLORE_LAMBDA1,
                a.lambda1(),
                !Double.isNaN(a.lambda1()),
                "@DeepXploreSearch(lambda1)");
        lambda2 = configuration.resolve(
                GenerationKeys.DEEPXPLORE_LAMBDA2,
                a.lambda2(),
                !Double.isNaN(a.lambda2()),
                "@DeepXploreSearch(lambda2)");
        step = configuration.resolve(
                GenerationKeys.DEEPXPLORE_STEP, a.step(), !Double.isNaN(a.step()), "@DeepXploreSearch(step)");
        threshold = configuration.resolve(
                GenerationKeys.DEEPXPLORE_THRESHOLD,
                a.threshold(),
                !Double.isNaN(a.threshold()),
                "@DeepXploreSearch(threshold)");
        iterations = configuration.resolve(
                GenerationKeys.DEEPXPLORE_ITERATIONS,
                a.iterations(),
                a.iterations() != -1,
                "@DeepXploreSearch(iterations)");
        constraint = constraint(a);
        pushedModel = a.pushedModel().isEmpty() ? null : a.pushedModel();
    }

    @Override
    public int minimumModels() {
        return 2;
    }

    @Override
    public CandidateSource start(Seeds seeds) {
        if (pushedModel != null && !seeds.names().contains(pushedModel)) {
            throw new ConfigurationException("@DeepXploreSearch(pushedModel = \"" + pushedModel
                    + "\") is not among the models " + seeds.names());
        }
        try {
            constraint.validate(seeds.dataset().sampleShape());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "Constraint " + constraint.name() + " does not fit the seeds: " + e.getMessage(), e);
        }
        return new DeepXploreSource(
                seeds,
                new DeepXplore.Settings(
                        lambda1,
                        lambda2,
                        step,
                        threshold,
                        iterations,
                        constraint,
                        seeds.min(),
                        seeds.max(),
                        pushedModel));
    }

    private static Constraint constraint(DeepXploreSearch a) {
        if (a.constraintClass() != Constraint.class) {
            try {
                var constructor = a.constraintClass().getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ConfigurationException(
                        "Cannot create constraint " + a.constraintClass().getName()
                                + ": it needs a no-argument constructor (" + e + ")",
                        e);
            }
        }
        try {
            return builtIn(a);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    private static Constraint builtIn(DeepXploreSearch a) {
        return switch (a.constraint()) {
            case NONE -> Constraints.none();
            case LIGHTING -> Constraints.lighting();
            case OCCLUSION -> {
                int[] o = a.occlusion();
                if (o.length != 4) {
                    throw ConfigurationException.invalid(
                            "@DeepXploreSearch(occlusion)", Arrays.toString(o), "{row, column, height, width}");
                }
                yield Constraints.occlusion(o[0], o[1], o[2], o[3]);
            }
            case BLACKOUT -> {
                int[] b = a.blackout();
                if (b.length != 2) {
                    throw ConfigurationException.invalid(
                            "@DeepXploreSearch(blackout)", Arrays.toString(b), "{square size, squares per step}");
                }
                yield Constraints.blackout(b[0], b[1]);
            }
        };
    }
}
