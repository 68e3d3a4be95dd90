package org.deepjunit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.differential.DifferentialChecker;
import org.deepjunit.differential.GoldenFile;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Model;
import org.deepjunit.quality.history.FigureRecord;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The Jupiter extension behind {@link DifferentialAgainst}: resolves and checks the reference
 * before any test of the class (or of the annotated method) runs, binds a forward listener around
 * every test invocation so that each input the model under test sees is replayed on the
 * reference, and fails the invocation on disagreements with the approval instructions.
 *
 * <p>Configuration parameters: {@link org.deepjunit.differential.DifferentialKeys}; an annotation attribute that
 * is set wins.
 */
final class DifferentialExtension extends TestBodyInterceptor implements BeforeAllCallback, BeforeEachCallback {

    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DifferentialExtension.class);

    /** Reporting key of the entry each invocation publishes: inputs compared and largest difference. */
    public static final String REPORT_KEY = "deepjunit.differential";

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        try {
            AnnotationSupport.findAnnotation(testClass, DifferentialAgainst.class)
                    .ifPresent(a -> DifferentialSetup.of(context, testClass, a));
        } catch (ConfigurationException e) {
            throw Settings.asJUnit(e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        setup(context);
    }

    @Override
    protected void aroundTestBody(Invocation<Void> invocation, ExtensionContext context, List<Object> arguments)
            throws Throwable {
        Optional<DifferentialSetup> maybeSetup = setup(context);
        if (maybeSetup.isEmpty()) {
            invocation.proceed();
            return;
        }
        DifferentialSetup setup = maybeSetup.get();
        Method method = Contexts.testMethod(context);
        String testName = setup.testClass.getName() + "." + method.getName();
        String base = baseName(setup.testClass, method, setup.variant);
        GoldenFile golden = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        "golden:" + setup.approvedDir.resolve(base),
                        k -> open(setup, base, testName),
                        GoldenFile.class);
        golden.claimLegacyNotice().ifPresent(notice -> {
            System.out.println("[deepjunit] " + notice);
            context.publishReportEntry(REPORT_KEY + ".legacy", notice);
        });
        DifferentialChecker checker = new DifferentialChecker(
                setup,
                golden,
                testName,
                arguments.stream()
                        .filter(a -> a instanceof Model m && setup.isUnderTest(m))
                        .map(a -> (Model) a)
                        .toList());
        for (Object a : arguments) {
            if (a instanceof GeneratedInput g) {
                checker.madeFrom(g.tensor(), g.seed(), g.provenance());
            }
        }
        Throwable thrown = null;
        ForwardListeners.Binding binding = ForwardListeners.bind(checker);
        try {
            invocation.proceed();
        } catch (Throwable t) {
            thrown = t;
        } finally {
            binding.close();
        }
        Throwable failure = null;
        try {
            checker.recheckApproved();
            failure = checker.finish().map(AssertionFailedError::new).orElse(null);
            Optional<Model> observed = checker.observedModelUnderTest();
            if (observed.isPresent() && checker.checked() > 0 && QualityHistory.enabled(Settings.of(context))) {
                // the run's disagreements, into the quality history beside the metrics
                QualityHistory.of(context)
                        .record(
                                Settings.of(context),
                                testName,
                                observed.get().name(),
                                observed.get().fingerprint(),
                                "",
                                List.of(new FigureRecord(
                                        "disagreements",
                                        "reference " + setup.referenceName,
                                        "all",
                                        checker.failed(),
                                        checker.checked(),
                                        Double.NaN,
                                        Double.NaN,
                                        failure == null ? "passed" : "failed")));
            }
            context.publishReportEntry(
                    REPORT_KEY,
                    String.format(
                            Locale.ROOT,
                            "compared %d inputs with reference \"%s\", largest difference %.3g",
                            checker.checked(),
                            setup.referenceName,
                            checker.maxDifference()));
        } catch (Throwable t) {
            failure = t;
        }
        if (thrown != null) {
            if (failure != null) {
                thrown.addSuppressed(failure);
            }
            throw thrown;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static GoldenFile open(DifferentialSetup setup, String base, String testName) {
        try {
            GoldenFile golden = GoldenFile.open(
                    setup.approvedDir, base, legacyBaseName(setup.testClass, base), testName, setup.approve);
            int outputs = setup.reference().outputShape().size();
            if (outputs > 0) {
                golden.checkClasses(outputs);
            }
            return golden;
        } catch (IllegalStateException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** {@code com.acme.Class.method[.variant]}: the fully qualified class name ({@code Outer$Inner} when nested). */
    static String baseName(Class<?> testClass, Method method, String variant) {
        return testClass.getName() + "." + method.getName() + (variant.isEmpty() ? "" : "." + variant);
    }

    /** The name files had in earlier snapshots: without the package, so same-named classes shared them. */
    private static String legacyBaseName(Class<?> testClass, String base) {
        String pkg = testClass.getPackageName();
        return pkg.isEmpty() ? base : base.substring(pkg.length() + 1);
    }

    /** The setup of the annotation that applies: the method's, else the class's; empty when none does. */
    private static Optional<DifferentialSetup> setup(ExtensionContext context) {
        try {
            return findSetup(context);
        } catch (ConfigurationException e) {
            throw Settings.asJUnit(e);
        }
    }

    private static Optional<DifferentialSetup> findSetup(ExtensionContext context) {
        ExtensionContext classContext = Contexts.classContext(context);
        Method method = Contexts.testMethod(context);
        Optional<DifferentialAgainst> onMethod = AnnotationSupport.findAnnotation(method, DifferentialAgainst.class);
        if (onMethod.isPresent()) {
            return Optional.of(DifferentialSetup.of(classContext, method, onMethod.get()));
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        return AnnotationSupport.findAnnotation(testClass, DifferentialAgainst.class)
                .map(a -> DifferentialSetup.of(classContext, (AnnotatedElement) testClass, a));
    }
}
