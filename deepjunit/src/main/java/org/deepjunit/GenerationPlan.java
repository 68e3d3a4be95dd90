package org.deepjunit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepjunit.config.Configuration;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.config.ValueType;
import org.deepjunit.generation.GenerationKeys;
import org.deepjunit.generation.InputGenerator;
import org.deepjunit.generation.InputsSource;
import org.deepjunit.generation.Replay;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One {@link GeneratedInputs} test resolved, before anything is loaded: the shared settings (attribute, else
 * configuration parameter, else default; the budgets the other way round) and the configured generator of the
 * method's one source annotation.
 */
record GenerationPlan(
        List<String> models,
        String seedSource,
        String labels,
        double scale,
        double[] range,
        boolean integers,
        int seeds,
        int batch,
        int count,
        Duration maxTime,
        long runSeed,
        Replay replay,
        InputGenerator<?> generator) {

    private static final String ATTRIBUTE = "@GeneratedInputs(%s)";

    static GenerationPlan resolve(GeneratedInputs a, Method method, Configuration configuration, String where) {
        if (a.models().length == 0) {
            throw new ConfigurationException(
                    "@GeneratedInputs on " + where + " names no models: list @TestModel " + "names in models = {...}");
        }
        if (a.seedSource().isBlank()) {
            throw new ConfigurationException("@GeneratedInputs on " + where + " has no seedSource");
        }
        double[] range = a.range();
        if (range.length != 2 || !(range[0] < range[1]) || !Double.isFinite(range[0]) || !Double.isFinite(range[1])) {
            throw ConfigurationException.invalid(attribute("range"), range, "{min, max} with min < max");
        }
        if (!Double.isNaN(a.scale()) && !(a.scale() > 0 && Double.isFinite(a.scale()))) {
            throw ConfigurationException.invalid(attribute("scale"), a.scale(), "a number > 0");
        }
        int seeds = configuration.resolve(GenerationKeys.SEEDS, a.seeds(), a.seeds() != -1, attribute("seeds"));
        int batch = configuration.resolve(GenerationKeys.BATCH, a.batch(), a.batch() != -1, attribute("batch"));
        if (a.count() != -1) {
            GenerationKeys.COUNT.type().check(a.count(), attribute("count"));
        }
        int count = configuration.get(GenerationKeys.COUNT).orElse(a.count() != -1 ? a.count() : Integer.MAX_VALUE);
        Duration annotated =
                a.maxTime().isBlank() ? null : ValueType.duration().parse(a.maxTime(), attribute("maxTime"));
        Duration maxTime = configuration.get(GenerationKeys.MAX_TIME).orElse(annotated);
        long runSeed = a.seed() != Long.MIN_VALUE
                ? a.seed()
                : configuration.get(GenerationKeys.SEED).orElseGet(() -> new SecureRandom().nextLong());
        Replay replay = configuration.get(GenerationKeys.REPLAY).orElse(null);
        if (replay != null && replay.index() > count) {
            throw new ConfigurationException(GenerationKeys.REPLAY.name() + "=" + replay.index()
                    + " is beyond the count budget of " + count + " invocations of " + where
                    + ": replay an invocation the run makes, as its display name [n] shows");
        }

        InputGenerator<?> generator = generator(method, configuration, where);
        if (a.models().length < generator.minimumModels()) {
            throw new ConfigurationException(generator.name() + " needs at least " + generator.minimumModels()
                    + " models, got " + a.models().length + ": " + Arrays.toString(a.models()));
        }
        return new GenerationPlan(
                List.of(a.models()),
                a.seedSource(),
                a.labels(),
                a.scale(),
                range.clone(),
                a.integers(),
                seeds,
                batch,
                count,
                maxTime,
                runSeed,
                replay,
                generator);
    }

    private static String attribute(String name) {
        return String.format(ATTRIBUTE, name);
    }

    /** The generator of the method's one source annotation, configured from it. */
    private static InputGenerator<?> generator(Method method, Configuration configuration, String where) {
        List<Annotation> sources = new ArrayList<>();
        for (Annotation a : method.getAnnotations()) {
            if (a instanceof InputsSource || AnnotationSupport.isAnnotated(a.annotationType(), InputsSource.class)) {
                sources.add(a);
            }
        }
        if (sources.size() != 1) {
            throw new ConfigurationException("@GeneratedInputs on " + where
                    + (sources.isEmpty()
                            ? " has no source annotation: add @DeepXploreSearch, @Transformations, @Fuzzing or "
                                    + "@InputsSource(YourGenerator.class)"
                            : " has " + sources.size() + " source annotations "
                                    + sources.stream()
                                            .map(s -> "@" + s.annotationType().getSimpleName())
                                            .toList() + "; keep one"));
        }
        Annotation source = sources.get(0);
        InputsSource named = source instanceof InputsSource s
                ? s
                : AnnotationSupport.findAnnotation(source.annotationType(), InputsSource.class)
                        .orElseThrow();
        InputGenerator<?> generator;
        try {
            generator = ReflectionSupport.newInstance(named.value());
        } catch (RuntimeException e) {
            throw new ConfigurationException(
                    "Cannot create generator " + named.value().getName() + ": it needs a no-argument constructor (" + e
                            + ")",
                    e);
        }
        configure(generator, source, named, configuration);
        return generator;
    }

    /** Hands the generator the annotation its type parameter asks for: the composed one, or {@code @InputsSource}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void configure(
            InputGenerator generator, Annotation source, InputsSource named, Configuration configuration) {
        Class<?> wanted = annotationType(generator.getClass());
        Annotation argument = wanted.isInstance(source) ? source : named;
        if (!wanted.isInstance(argument)) {
            throw new ConfigurationException(generator.getClass().getName() + " reads @" + wanted.getSimpleName()
                    + ", but the test method's source is @"
                    + source.annotationType().getSimpleName());
        }
        generator.configure(argument, configuration);
    }

    private static Class<?> annotationType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p
                        && p.getRawType() == InputGenerator.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> annotation) {
                    return annotation;
                }
            }
        }
        return InputsSource.class;
    }
}
