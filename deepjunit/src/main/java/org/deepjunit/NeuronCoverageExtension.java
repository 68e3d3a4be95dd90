package org.deepjunit;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.coverage.CoverageCaches;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageKeys;
import org.deepjunit.coverage.CoverageRecorder;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.CoverageSettings;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.Gate;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Model;
import org.deepjunit.quality.history.FigureRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link NeuronCoverage}: binds a coverage recorder around each test (and test-template and
 * dynamic test) invocation, so that every forward pass the test makes on its thread is recorded into the test's,
 * the class's and the run's coverage. Publishes per-test figures as report entries
 * {@code deepjunit.coverage.<model>.<criterion>} = {@code covered/total} (TKNP: the pattern count), checks the
 * class's rules after all its tests (a method annotation's rules after that method), and hands the run's coverage
 * to {@link DeepJUnitListener} (and writes this JVM's data file when the engine finishes).
 */
final class NeuronCoverageExtension extends TestBodyInterceptor implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(NeuronCoverageExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // validate the class's configuration before any test runs
        classSettings(context);
        classData(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CoverageSettings settings = classSettings(context);
        CoverageData data = classData(context);
        CoverageRun run = run(context);
        recordUnobserved(context, data, run);
        recordHistory(context, settings, data);
        check(settings, data, run);
    }

    /** The class's coverage per model and criterion, into the quality history beside the metrics. */
    private static void recordHistory(ExtensionContext context, CoverageSettings settings, CoverageData data) {
        Map<String, String> names = data.displayNames();
        for (ModelCoverage m : data.models()) {
            List<FigureRecord> figures = new ArrayList<>();
            for (Criterion c : settings.criteria()) {
                long[] count = m.count(c, settings.threshold(), settings.scaled());
                // TKNP counts patterns, which have no total: its count is the figure
                double value = c == Criterion.TKNP ? count[0] : (double) count[0] / Math.max(1, count[1]);
                String name = c == Criterion.NC ? "NC(t=" + settings.threshold() + ")" : c.toString();
                figures.add(FigureRecord.of("coverage", name, "all", value, count[1]));
            }
            QualityHistory.of(context)
                    .record(
                            Settings.of(context),
                            context.getRequiredTestClass().getName(),
                            names.get(m.key()),
                            m.fingerprint(),
                            "",
                            figures);
        }
    }

    /** Every model the class declares that none of its tests ran observed: "not observed", never "nothing to check". */
    private static void recordUnobserved(ExtensionContext context, CoverageData data, CoverageRun run) {
        DeclaredModels declared = DeclaredModels.of(context);
        Set<Model> observed = observed(context);
        for (String name : declared.ownNames()) {
            Optional<Model> model = declared.existing(name);
            if (model.isEmpty() || !observed.contains(model.get())) {
                CoverageData.Unobserved u = new CoverageData.Unobserved(
                        model.map(Model::name).orElse(name),
                        name,
                        declared.testClass().getName());
                data.addUnobserved(u);
                run.data().addUnobserved(u);
            }
        }
    }

    @Override
    protected void aroundTestBody(Invocation<Void> invocation, ExtensionContext context, List<Object> arguments)
            throws Throwable {
        Optional<Method> method = context.getTestMethod();
        NeuronCoverage onMethod = method.flatMap(m -> AnnotationSupport.findAnnotation(m, NeuronCoverage.class))
                .orElse(null);
        CoverageSettings settings = onMethod == null
                ? classSettings(context)
                : context.getStore(NS)
                        .getOrComputeIfAbsent(
                                "settings",
                                k -> resolve(context, annotations(context, onMethod)),
                                CoverageSettings.class);
        CoverageRun run = run(context);
        CoverageData testData = new CoverageData();
        CoverageData classData = classData(context);
        List<Set<Model>> observedSets = new ArrayList<>();
        for (ExtensionContext c = Contexts.classContext(context);
                c.getTestClass().isPresent();
                c = c.getParent().orElseThrow()) {
            observedSets.add(observed(c));
        }
        CoverageCaches caches = context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(
                        "caches:" + run.reportDir(),
                        k -> new CoverageCaches(CoverageRun.profileDir(run.reportDir())),
                        CoverageCaches.class);
        CoverageRecorder recorder = new CoverageRecorder(
                settings,
                caches,
                List.of(testData, classData, run.data()),
                model -> observedSets.forEach(set -> set.add(model)),
                method.filter(m -> AnnotationSupport.isAnnotated(m, GeneratedInputs.class))
                        .isPresent());
        try (ForwardListeners.Binding ignored = ForwardListeners.bind(recorder)) {
            invocation.proceed();
        } catch (ConfigurationException e) {
            throw Settings.asJUnit(
                    e); // a layer pattern or profile that does not fit the model, found at its first pass
        }
        publish(context, settings, testData);
        if (onMethod != null && onMethod.rules().length > 0) {
            check(settings, testData, run);
        }
    }

    /** Report entries of one test: stable keys deepjunit.coverage.<model>.<criterion>. */
    private static void publish(ExtensionContext context, CoverageSettings settings, CoverageData data) {
        Map<String, String> names = data.displayNames();
        Map<String, String> entries = new LinkedHashMap<>();
        for (ModelCoverage m : data.models()) {
            for (Criterion c : settings.criteria()) {
                long[] count = m.count(c, settings.threshold(), settings.scaled());
                String key = "deepjunit.coverage." + names.get(m.key()) + "." + c;
                entries.put(
                        key,
                        c == Criterion.TKNP
                                ? Long.toString(count[0])
                                : count[0] + "/" + count[1]
                                        + String.format(
                                                Locale.ROOT, " (%.1f%%)", 100.0 * count[0] / Math.max(1, count[1])));
            }
        }
        if (!entries.isEmpty()) {
            context.publishReportEntry(entries);
        }
    }

    private static void check(CoverageSettings settings, CoverageData data, CoverageRun run) {
        List<String> violations = new ArrayList<>();
        for (Gate gate : settings.gates()) {
            for (CoverageData.Verdict v : gate.check(data, settings.threshold(), settings.scaled())) {
                run.data().addVerdict(v);
                if (!v.passed()) {
                    violations.add(v.message());
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n", violations));
        }
    }

    private static CoverageSettings resolve(ExtensionContext context, List<NeuronCoverage> annotations) {
        try {
            return CoverageConfig.resolve(Settings.of(context), annotations);
        } catch (ConfigurationException e) {
            throw Settings.asJUnit(e);
        }
    }

    private static CoverageSettings classSettings(ExtensionContext context) {
        ExtensionContext cls = Contexts.classContext(context);
        return cls.getStore(NS)
                .getOrComputeIfAbsent("settings", k -> resolve(cls, annotations(cls, null)), CoverageSettings.class);
    }

    private static CoverageData classData(ExtensionContext context) {
        ExtensionContext cls = Contexts.classContext(context);
        return cls.getStore(NS).getOrComputeIfAbsent("data", k -> new CoverageData(), CoverageData.class);
    }

    /** The models observed during a class (its {@code @Nested} classes included), by identity. */
    @SuppressWarnings("unchecked")
    private static Set<Model> observed(ExtensionContext context) {
        return Contexts.classContext(context)
                .getStore(NS)
                .getOrComputeIfAbsent(
                        "observed",
                        k -> Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>())),
                        Set.class);
    }

    private static List<NeuronCoverage> annotations(ExtensionContext context, NeuronCoverage onMethod) {
        List<NeuronCoverage> list = new ArrayList<>();
        list.add(onMethod);
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            AnnotatedElement element = c;
            list.add(AnnotationSupport.findAnnotation(element, NeuronCoverage.class)
                    .orElse(null));
        }
        return list;
    }

    /** The run's coverage for the configured report directory; registers the data-file write at engine end. */
    private static CoverageRun run(ExtensionContext context) {
        Settings settings = Settings.of(context);
        CoverageRun run = CoverageRun.of(settings.reportDirectory());
        run.configured(settings.get(CoverageKeys.THRESHOLD), settings.get(CoverageKeys.SCALED));
        context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent("jvm-data:" + run.reportDir(), k -> new JvmDataWriter(run), JvmDataWriter.class);
        return run;
    }

    /** Writes this JVM's data file when the engine's execution ends (also under EngineTestKit, which has no listeners). */
    @SuppressWarnings("deprecation")
    private record JvmDataWriter(CoverageRun run) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws IOException {
            run.writeJvmData();
        }
    }
}
