package org.deepjunit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.fairness.Counterfactual;
import org.deepjunit.fairness.CounterfactualCheck;
import org.deepjunit.fairness.CounterfactualResult;
import org.deepjunit.model.Model;
import org.deepjunit.quality.history.FigureRecord;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Provides the invocations of {@link CounterfactualFairness}: reads the CSV and finds the attribute's feature, runs
 * the {@link CounterfactualCheck} before the first invocation, prints and records its summary, then gives one
 * failing invocation per changed sample, or one passing invocation when none changed.
 */
final class CounterfactualFairnessExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), CounterfactualFairness.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        CounterfactualFairness a = AnnotationSupport.findAnnotation(method, CounterfactualFairness.class)
                .orElseThrow();
        String where =
                "@CounterfactualFairness " + context.getRequiredTestClass().getSimpleName() + "." + method.getName();
        Dataset data;
        List<String> header;
        try {
            data = Datasets.load(a.data(), a.labels(), 1);
            header = Datasets.csvHeader(a.data());
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
        int feature = feature(header, a, where);
        Model model = DeclaredModels.of(context).get(a.model());
        CounterfactualResult result;
        try {
            CounterfactualCheck check = CounterfactualCheck.of(model, data, a.attribute(), feature);
            result = (a.values().length > 0 ? check.values(a.values()) : check).run();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
        String line = "[deepjunit] " + where + ": " + result.summary();
        System.out.println(line);
        context.publishReportEntry("deepjunit.fairness.counterfactual", line.substring("[deepjunit] ".length()));
        Settings settings = Settings.of(context);
        if (QualityHistory.enabled(settings)) {
            QualityHistory.of(context)
                    .record(
                            settings,
                            context.getRequiredTestClass().getName() + "." + method.getName(),
                            model.name(),
                            model.fingerprint(),
                            "",
                            List.of(new FigureRecord(
                                    "counterfactual",
                                    "changed predictions (" + a.attribute() + ")",
                                    "all",
                                    result.changed().size(),
                                    result.samples(),
                                    Double.NaN,
                                    Double.NaN,
                                    result.changed().isEmpty() ? "passed" : "failed")));
        }
        if (result.changed().isEmpty()) {
            return Stream.of(invocation("no prediction changed (" + result.samples() + " samples)", null, result, a));
        }
        return result.changed().stream()
                .map(c -> invocation("sample " + c.sample() + ": " + c.summary(), c, result, a));
    }

    /** The attribute's index among the features: its header position, the label column left out. */
    private static int feature(List<String> header, CounterfactualFairness a, String where) {
        int column = header.indexOf(a.attribute());
        if (column < 0) {
            throw new ExtensionConfigurationException(where + ": " + a.data() + " has no column '" + a.attribute()
                    + "' in its header " + header + "; name one of those");
        }
        int label = -1;
        if (!a.labels().isBlank()) {
            int given = Integer.parseInt(a.labels().trim()); // Datasets.load has checked it is a number
            label = given >= -1 ? given : header.size() + given + 1;
        }
        if (label == column) {
            throw new ExtensionConfigurationException(where + ": the attribute '" + a.attribute() + "' is the label"
                    + " column of " + a.data() + "; name a feature column");
        }
        return label >= 0 && label < column ? column - 1 : column;
    }

    private static TestTemplateInvocationContext invocation(
            String name, Counterfactual changed, CounterfactualResult result, CounterfactualFairness a) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return name;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new Resolver(changed, result), new Verdict(changed, result, a.data()));
            }
        };
    }

    /** Resolves {@link Counterfactual} (null when nothing changed) and {@link CounterfactualResult} parameters. */
    private record Resolver(Counterfactual changed, CounterfactualResult result) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            return type == Counterfactual.class || type == CounterfactualResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == Counterfactual.class ? changed : result;
        }
    }

    /** Runs the method's body, then fails an invocation whose sample's prediction changed. */
    private record Verdict(Counterfactual changed, CounterfactualResult result, String data)
            implements InvocationInterceptor {

        @Override
        public void interceptTestTemplateMethod(
                Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> invocationContext,
                ExtensionContext context)
                throws Throwable {
            invocation.proceed();
            if (changed != null) {
                throw new AssertionFailedError("Model " + result.model() + " is not counterfactually fair on sample "
                        + changed.sample() + " of " + data + ": " + changed.describe());
            }
        }
    }
}
