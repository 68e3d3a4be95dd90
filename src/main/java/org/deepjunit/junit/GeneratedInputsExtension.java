package org.deepjunit.junit;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.deepjunit.ConstraintType;
import org.deepjunit.GeneratedInput;
import org.deepjunit.GeneratedInputs;
import org.deepjunit.Generator;
import org.deepjunit.Model;
import org.deepjunit.Tensor;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.generation.Candidate;
import org.deepjunit.generation.CandidateSource;
import org.deepjunit.generation.Constraint;
import org.deepjunit.generation.Constraints;
import org.deepjunit.generation.DeepXplore;
import org.deepjunit.generation.DeepXploreSource;
import org.deepjunit.generation.FuzzSource;
import org.deepjunit.generation.Rngs;
import org.deepjunit.generation.Seeds;
import org.deepjunit.generation.TransformSource;
import org.deepjunit.generation.Transformation;
import org.deepjunit.junit.internal.Settings;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Provides the invocations of {@link GeneratedInputs}: validates everything, prints the run seed,
 * then generates lazily, batch by batch, as JUnit asks for the next invocation, so a time budget
 * stops between batches. Each invocation resolves {@link GeneratedInput}, {@link Tensor} and
 * {@code @TestModel Model} parameters and, after the test, saves the input when the test failed or
 * the models disagreed.
 */
public final class GeneratedInputsExtension implements TestTemplateInvocationContextProvider {

    static final String P = Settings.PREFIX + "generation.";
    public static final String SEED = P + "seed";
    public static final String REPLAY = P + "replay";
    public static final String COUNT = P + "count";
    public static final String MAX_TIME = P + "maxTime";
    public static final String SEEDS = P + "seeds";
    public static final String BATCH = P + "batch";
    public static final String LAMBDA1 = P + "lambda1";
    public static final String LAMBDA2 = P + "lambda2";
    public static final String STEP = P + "step";
    public static final String THRESHOLD = P + "threshold";
    public static final String ITERATIONS = P + "iterations";

    private static final ExtensionContext.Namespace DATA = ExtensionContext.Namespace.create(
            GeneratedInputsExtension.class, "datasets");

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), GeneratedInputs.class);
    }

    /** Replay one invocation index, or every invocation of one seed id. */
    record Replay(int index, int seedId) {
        static Replay parse(String v) {
            String s = v.toLowerCase(Locale.ROOT);
            try {
                if (s.startsWith("seed:")) {
                    int id = Integer.parseInt(s.substring(5).trim());
                    if (id >= 0) {
                        return new Replay(-1, id);
                    }
                } else {
                    int n = Integer.parseInt(s);
                    if (n >= 1) {
                        return new Replay(n, -1);
                    }
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("an invocation index >= 1, or seed:<seed id>");
        }

        boolean matches(int i, Candidate c) {
            return index > 0 ? i == index : c.seedId() == seedId;
        }
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        GeneratedInputs a = AnnotationSupport.findAnnotation(method, GeneratedInputs.class).orElseThrow();
        Settings settings = Settings.of(context);
        String where = context.getRequiredTestClass().getSimpleName() + "." + method.getName();

        // 1. Attributes and configuration parameters, before touching anything.
        double lambda1 = number(settings, a.lambda1(), "lambda1", LAMBDA1, 1, 0, 1000, true);
        double lambda2 = number(settings, a.lambda2(), "lambda2", LAMBDA2, 0.1, 0, 1000, true);
        double step = number(settings, a.step(), "step", STEP, 10, 0, 1000, false);
        double threshold = settings.resolve(a.threshold(), Double.NaN, THRESHOLD, thresholdParser(), 0.0);
        check(threshold >= 0 && threshold < 1, "threshold", a.threshold(), "a number >= 0 and < 1");
        int iterations = integer(settings, a.iterations(), "iterations", ITERATIONS, a.generator() == Generator.FUZZ ? 20 : 50);
        int seedCount = integer(settings, a.seeds(), "seeds", SEEDS, 100);
        int batch = integer(settings, a.batch(), "batch", BATCH, 32);
        int count = settings.get(COUNT, Settings.intAtLeast(1)).orElse(a.count() > 0 ? a.count() : Integer.MAX_VALUE);
        check(a.count() >= 0, "count", a.count(), "an integer >= 1 (0 for no limit)");
        Duration maxTime = settings.get(MAX_TIME, GeneratedInputsExtension::duration)
                .orElseGet(() -> a.maxTime().isBlank() ? null : annotationDuration(a.maxTime()));
        Replay replay = settings.get(REPLAY, Replay::parse).orElse(null);
        long runSeed = a.seed() != Long.MIN_VALUE ? a.seed()
                : settings.get(SEED, Long::parseLong).orElseGet(() -> new java.security.SecureRandom().nextLong());
        double[] range = a.range();
        check(range.length == 2 && range[0] < range[1] && Double.isFinite(range[0]) && Double.isFinite(range[1]),
                "range", Arrays.toString(range), "{min, max} with min < max");
        double alpha = a.alpha();
        double beta = a.beta();
        check(Double.isNaN(alpha) || (alpha > 0 && alpha <= 1), "alpha", alpha, "a number > 0 and <= 1");
        check(Double.isNaN(beta) || (beta > 0 && beta <= 1), "beta", beta, "a number > 0 and <= 1");
        if (a.models().length == 0) {
            throw new ExtensionConfigurationException("@GeneratedInputs on " + where + " names no models: list "
                    + "@TestModel names in models = {...}");
        }
        if (a.generator() == Generator.DEEPXPLORE && a.models().length < 2) {
            throw new ExtensionConfigurationException("DEEPXPLORE needs two or more models, got "
                    + a.models().length + ": " + Arrays.toString(a.models()));
        }
        if (a.seedSource().isBlank()) {
            throw new ExtensionConfigurationException("@GeneratedInputs on " + where + " has no seedSource");
        }
        Constraint constraint = constraint(a);
        List<TransformSource.Ranged> transformations = transformations(a);

        // 2. Models and seeds.
        DeclaredModels registry = DeclaredModels.of(context);
        List<String> names = List.of(a.models());
        List<Model> models = new ArrayList<>();
        for (String name : names) {
            models.add(registry.get(name));
        }
        if (a.pushedModel().length() > 0 && !names.contains(a.pushedModel())) {
            throw new ExtensionConfigurationException("pushedModel '" + a.pushedModel() + "' is not among the models "
                    + names);
        }
        Dataset dataset = dataset(context, a);
        if (dataset.size() == 0) {
            throw new ExtensionConfigurationException("Seed source " + a.seedSource() + " holds no samples");
        }
        for (int m = 0; m < models.size(); m++) {
            if (!models.get(m).inputShape().accepts(dataset.sampleShape())) {
                throw new ExtensionConfigurationException("Seeds from " + a.seedSource() + " have shape "
                        + dataset.sampleShape() + " but model '" + names.get(m) + "' expects "
                        + models.get(m).inputShape());
            }
        }
        float[] values = dataset.range();
        if (values[0] < range[0] || values[1] > range[1]) {
            throw new ExtensionConfigurationException("Seeds from " + a.seedSource() + " have values in ["
                    + values[0] + ", " + values[1] + "], outside the valid range " + Arrays.toString(range)
                    + ": set scale or range");
        }
        if (a.generator() == Generator.DEEPXPLORE) {
            try {
                constraint.validate(dataset.sampleShape());
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("Constraint " + constraint.name()
                        + " does not fit the seeds: " + e.getMessage());
            }
        } else if (!org.deepjunit.data.Images.isImageShape(dataset.sampleShape())) {
            throw new ExtensionConfigurationException(a.generator() + " transforms images [height, width, channels], "
                    + "but seeds from " + a.seedSource() + " have shape " + dataset.sampleShape());
        }

        // 3. The run.
        String replayHint = "re-run with -D" + SEED + "=" + runSeed + "; one invocation: -D" + REPLAY + "=<n>";
        System.out.println("[deepjunit] @GeneratedInputs " + where + ": " + a.generator() + ", run seed " + runSeed
                + " (" + replayHint + ")");
        context.publishReportEntry(Map.of("deepjunit.generation.seed", Long.toString(runSeed)));
        Seeds seeds = new Seeds(names, models, dataset, Rngs.sample(dataset.size(), seedCount, runSeed), batch,
                runSeed, range[0], range[1]);
        CandidateSource source = switch (a.generator()) {
            case DEEPXPLORE -> new DeepXploreSource(seeds, new DeepXplore.Settings(lambda1, lambda2, step, threshold,
                    iterations, constraint, range[0], range[1], a.pushedModel().isEmpty() ? null : a.pushedModel()));
            case TRANSFORM -> new TransformSource(seeds, transformations);
            case FUZZ -> new FuzzSource(seeds, threshold, Double.isNaN(alpha) ? 0.02 : alpha,
                    Double.isNaN(beta) ? 0.2 : beta, iterations, 5);
        };
        Invocations invocations = new Invocations(source, where, runSeed, count, maxTime, replay, range, context);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(invocations, 0), false);
    }

    private static Dataset dataset(ExtensionContext context, GeneratedInputs a) {
        String key = a.seedSource() + "\u0000" + a.labels() + "\u0000" + a.scale();
        try {
            return context.getRoot().getStore(DATA).getOrComputeIfAbsent(key,
                    k -> Datasets.load(a.seedSource(), a.labels(), a.scale()), Dataset.class);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot load seed source " + a.seedSource() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Constraint constraint(GeneratedInputs a) {
        if (a.constraintClass() != Constraint.class) {
            try {
                return a.constraintClass().getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExtensionConfigurationException("Cannot create constraint " + a.constraintClass().getName()
                        + ": it needs a public no-argument constructor (" + e + ")", e);
            }
        }
        try {
            return switch (a.constraint()) {
                case NONE -> Constraints.none();
                case LIGHTING -> Constraints.lighting();
                case OCCLUSION -> {
                    int[] o = a.occlusion();
                    if (o.length != 4) {
                        throw new IllegalArgumentException("occlusion must be {row, column, height, width}, got "
                                + Arrays.toString(o));
                    }
                    yield Constraints.occlusion(o[0], o[1], o[2], o[3]);
                }
                case BLACKOUT -> {
                    int[] b = a.blackout();
                    if (b.length != 2) {
                        throw new IllegalArgumentException("blackout must be {size, count}, got " + Arrays.toString(b));
                    }
                    yield Constraints.blackout(b[0], b[1]);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static List<TransformSource.Ranged> transformations(GeneratedInputs a) {
        Map<Transformation, double[]> ranges = new LinkedHashMap<>();
        for (Transformation t : a.transformations().length > 0 ? a.transformations() : Transformation.values()) {
            ranges.put(t, new double[] {t.defaultLow(), t.defaultHigh()});
        }
        for (String spec : a.transformRanges()) {
            String[] kv = spec.split("=", 2);
            Transformation t = null;
            double[] r = null;
            try {
                t = Transformation.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
                String[] lh = kv[1].split(":", 2);
                r = new double[] {Double.parseDouble(lh[0].trim()), Double.parseDouble(lh[1].trim())};
            } catch (RuntimeException e) {
                // below
            }
            if (t == null || r == null || !(r[0] <= r[1])) {
                throw new ExtensionConfigurationException("Invalid transformRanges entry '" + spec
                        + "': expected <transformation>=<low>:<high> with low <= high, transformation one of "
                        + Arrays.toString(Transformation.values()));
            }
            if (ranges.containsKey(t)) {
                ranges.put(t, r);
            }
        }
        List<TransformSource.Ranged> out = new ArrayList<>();
        ranges.forEach((t, r) -> out.add(new TransformSource.Ranged(t, r[0], r[1])));
        return out;
    }

    private static double number(Settings s, double annotation, String attr, String key, double dflt, double min,
                                 double max, boolean minInclusive) {
        String expected = "a number " + (minInclusive ? ">= " : "> ") + min + " and <= " + max;
        Function<String, Double> parser = v -> {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected);
            }
            if (!inRange(d, min, max, minInclusive)) {
                throw new IllegalArgumentException(expected);
            }
            return d;
        };
        double v = s.resolve(annotation, Double.NaN, key, parser, dflt);
        check(inRange(v, min, max, minInclusive), attr, v, expected);
        return v;
    }

    private static boolean inRange(double d, double min, double max, boolean minInclusive) {
        return (minInclusive ? d >= min : d > min) && d <= max;
    }

    private static Function<String, Double> thresholdParser() {
        return v -> {
            try {
                double d = Double.parseDouble(v);
                if (d >= 0 && d < 1) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("a number >= 0 and < 1");
        };
    }

    private static int integer(Settings s, int annotation, String attr, String key, int dflt) {
        check(annotation >= 0, attr, annotation, "an integer >= 1");
        return s.resolve(annotation, 0, key, Settings.intAtLeast(1), dflt);
    }

    private static void check(boolean ok, String attribute, Object value, String expected) {
        if (!ok) {
            throw new ExtensionConfigurationException("Invalid value '" + value + "' for @GeneratedInputs " + attribute
                    + ": expected " + expected);
        }
    }

    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt")) {
                Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } else {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)").matcher(s);
                if (m.matches()) {
                    double n = Double.parseDouble(m.group(1));
                    double ms = n * switch (m.group(2)) {
                        case "ms" -> 1;
                        case "s" -> 1000;
                        case "m" -> 60_000;
                        default -> 3_600_000;
                    };
                    if (ms >= 1) {
                        return Duration.ofMillis((long) ms);
                    }
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("a positive duration such as 500ms, 30s, 2m, 1h or PT30S");
    }

    private static Duration annotationDuration(String v) {
        try {
            return duration(v);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Invalid value '" + v + "' for @GeneratedInputs maxTime: expected "
                    + e.getMessage());
        }
    }

    /** Pulls candidates batch by batch and numbers them; stops at the count or time budget. */
    private static final class Invocations implements Iterator<TestTemplateInvocationContext> {

        private final CandidateSource source;
        private final String where;
        private final long runSeed;
        private final int count;
        private final long deadline;
        private final Replay replay;
        private final double[] range;
        private final ExtensionContext context;
        private final Deque<GeneratedInput> pending = new ArrayDeque<>();
        private int index;
        private boolean done;
        private String stopReason = "generator finished";

        Invocations(CandidateSource source, String where, long runSeed, int count, Duration maxTime, Replay replay,
                    double[] range, ExtensionContext context) {
            this.source = source;
            this.where = where;
            this.runSeed = runSeed;
            this.count = count;
            this.deadline = maxTime == null ? Long.MAX_VALUE : System.nanoTime() + maxTime.toNanos();
            this.replay = replay;
            this.range = range;
            this.context = context;
        }

        @Override
        public boolean hasNext() {
            while (pending.isEmpty() && !done) {
                if (index >= count) {
                    stop("count budget of " + count + " reached");
                } else if (replay != null && replay.index() > 0 && index >= replay.index()) {
                    stop("replayed invocation [" + replay.index() + "]");
                } else if (System.nanoTime() > deadline) {
                    stop("time budget reached");
                } else {
                    List<Candidate> batch = source.nextBatch();
                    if (batch == null) {
                        stop("generator finished");
                        break;
                    }
                    for (Candidate c : batch) {
                        if (index >= count) {
                            break;
                        }
                        index++;
                        if (replay == null || replay.matches(index, c)) {
                            pending.add(new GeneratedInput(index, runSeed, c.seedId(), c.seedLabel(), c.seed(),
                                    c.input(), c.generator(), c.method(), c.parameters(), c.predictions()));
                        }
                    }
                }
            }
            return !pending.isEmpty();
        }

        private void stop(String reason) {
            done = true;
            stopReason = reason;
            String line = "[deepjunit] @GeneratedInputs " + where + " (run seed " + runSeed + "): " + index
                    + " invocations, " + stopReason + ". " + source.summary();
            System.out.println(line);
            context.publishReportEntry("deepjunit.generation.summary", line);
        }

        @Override
        public TestTemplateInvocationContext next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return new Invocation(pending.poll(), range);
        }
    }

    private static final class Invocation implements TestTemplateInvocationContext {

        private final GeneratedInput input;
        private final double[] range;

        Invocation(GeneratedInput input, double[] range) {
            this.input = input;
            this.range = range;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return input.displayName();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Resolver(input), new Saver(input, range));
        }
    }

    private record Resolver(GeneratedInput input) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            return type == GeneratedInput.class || type == Tensor.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            if (type == GeneratedInput.class) {
                return input;
            }
            return input.tensor();
        }
    }

    private record Saver(GeneratedInput input, double[] range) implements AfterTestExecutionCallback {

        @Override
        public void afterTestExecution(ExtensionContext context) {
            Throwable failure = context.getExecutionException().orElse(null);
            if (failure == null && !input.disagreement()) {
                return;
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("test", context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName());
            meta.put("displayName", input.displayName());
            meta.put("index", input.index());
            meta.put("runSeed", input.runSeed());
            meta.put("seedId", input.seedId());
            if (input.seedLabel().isPresent()) {
                meta.put("seedLabel", input.seedLabel().getAsInt());
            }
            meta.put("generator", input.generator());
            meta.put("method", input.method());
            meta.put("parameters", input.parameters());
            meta.put("predictions", input.predictions());
            meta.put("disagreement", input.disagreement());
            meta.put("failure", failure == null ? null : String.valueOf(failure));
            meta.put("L0", input.l0());
            meta.put("L2", input.l2());
            meta.put("Linf", input.lInf());
            meta.put("validRange", range);
            meta.put("shape", input.tensor().shape().dims());
            String group = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
            Path generated = Settings.of(context).reportDirectory().resolve("generated");
            SavedInputs.save(generated.resolve(group.replaceAll("[^A-Za-z0-9._-]", "_")),
                    input.index() + "-seed" + input.seedId(), input.tensor(), range, meta);
            SavedInputs.writeIndex(generated, "Saved inputs",
                    "Inputs that failed a test or made models disagree; each with its tensor (.npy) and metadata.");
        }
    }
}
