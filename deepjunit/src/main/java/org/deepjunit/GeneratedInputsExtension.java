package org.deepjunit;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.explain.ExplainKeys;
import org.deepjunit.generation.CandidateSource;
import org.deepjunit.generation.Deadline;
import org.deepjunit.generation.GenerationKeys;
import org.deepjunit.generation.IntegerInputs;
import org.deepjunit.generation.Rngs;
import org.deepjunit.generation.Seeds;
import org.deepjunit.model.Model;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Provides the invocations of {@link GeneratedInputs}: resolves and checks everything ({@link GenerationPlan}),
 * loads the models and seeds, prints the run seed, then generates lazily, batch by batch, as JUnit asks for the
 * next invocation ({@link GeneratedInvocations}), so a time budget stops between batches.
 */
final class GeneratedInputsExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace DATA =
            ExtensionContext.Namespace.create(GeneratedInputsExtension.class, "datasets");

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), GeneratedInputs.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        try {
            return provide(context);
        } catch (ConfigurationException e) {
            throw Settings.asJUnit(e);
        }
    }

    private Stream<TestTemplateInvocationContext> provide(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        GeneratedInputs a =
                AnnotationSupport.findAnnotation(method, GeneratedInputs.class).orElseThrow();
        Settings settings = Settings.of(context);
        String where = context.getRequiredTestClass().getSimpleName() + "." + method.getName();
        GenerationPlan plan = GenerationPlan.resolve(a, method, settings, where);

        DeclaredModels declared = DeclaredModels.of(context);
        List<Model> models = new ArrayList<>();
        Map<String, Model> byName = new LinkedHashMap<>();
        for (String name : plan.models()) {
            Model model = declared.get(name);
            models.add(model);
            byName.put(name, model);
        }
        Dataset dataset = dataset(context, plan);
        check(plan, models, dataset);

        String replayHint = "re-run with -D" + GenerationKeys.SEED.name() + "=" + plan.runSeed()
                + "; one invocation: -D" + GenerationKeys.REPLAY.name() + "=<n>";
        System.out.println("[deepjunit] @GeneratedInputs " + where + ": "
                + plan.generator().name() + ", run seed " + plan.runSeed() + " (" + replayHint + ")");
        context.publishReportEntry(Map.of("deepjunit.generation.seed", Long.toString(plan.runSeed())));
        Seeds seeds = new Seeds(
                plan.models(),
                models,
                dataset,
                Rngs.sample(dataset.size(), plan.seeds(), plan.runSeed()),
                plan.batch(),
                plan.runSeed(),
                plan.range()[0],
                plan.range()[1],
                plan.integers(),
                Deadline.after(plan.maxTime()));
        if (plan.replay() != null
                && plan.replay().seedId() >= 0
                && Arrays.stream(seeds.ids())
                        .noneMatch(id -> id == plan.replay().seedId())) {
            throw new ConfigurationException(GenerationKeys.REPLAY.name() + "=seed:"
                    + plan.replay().seedId()
                    + " names a seed this run does not draw: with run seed " + plan.runSeed() + " and "
                    + plan.seeds() + " seeds from " + plan.seedSource() + ", the seeds are " + drawn(seeds.ids()));
        }
        CandidateSource source = plan.integers()
                ? IntegerInputs.of(plan.generator().start(seeds), seeds)
                : plan.generator().start(seeds);
        Model explained = settings.getOrDefault(ExplainKeys.OVERLAYS) ? models.get(0) : null;
        GeneratedInvocations invocations =
                new GeneratedInvocations(source, where, plan, seeds.deadline(), context, byName, explained);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(invocations, 0), false);
    }

    private static Dataset dataset(ExtensionContext context, GenerationPlan plan) {
        String key = plan.seedSource() + "\u0000" + plan.labels() + "\u0000" + plan.scale();
        try {
            return context.getRoot()
                    .getStore(DATA)
                    .getOrComputeIfAbsent(
                            key, k -> Datasets.load(plan.seedSource(), plan.labels(), plan.scale()), Dataset.class);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(
                    "Cannot load seed source " + plan.seedSource() + ": " + e.getMessage(), e);
        }
    }

    private static String drawn(int[] ids) {
        return ids.length <= 20
                ? Arrays.toString(ids)
                : Arrays.toString(Arrays.copyOf(ids, 20)).replace("]", ", ...] (" + ids.length + ")");
    }

    /** The seeds fit every model, are finite and lie in the valid range. */
    private static void check(GenerationPlan plan, List<Model> models, Dataset dataset) {
        if (dataset.size() == 0) {
            throw new ConfigurationException("Seed source " + plan.seedSource() + " holds no samples");
        }
        for (int m = 0; m < models.size(); m++) {
            if (!models.get(m).inputShape().accepts(dataset.sampleShape())) {
                throw new ConfigurationException("Seeds from " + plan.seedSource() + " have shape "
                        + dataset.sampleShape() + " but model '" + plan.models().get(m) + "' expects "
                        + models.get(m).inputShape());
            }
        }
        long bad = dataset.firstNonFinite();
        if (bad >= 0) {
            int per = dataset.sampleShape().size();
            throw new ConfigurationException("Seed source " + plan.seedSource() + " holds a non-finite value ("
                    + dataset.value(bad) + ") at sample " + bad / per + ", element " + bad % per
                    + ": seeds must be finite numbers; fix or drop that sample");
        }
        if (plan.integers()) {
            long fraction = dataset.firstNonInteger();
            if (fraction >= 0) {
                int per = dataset.sampleShape().size();
                throw new ConfigurationException("Seed source " + plan.seedSource() + " holds "
                        + dataset.value(fraction)
                        + " at sample " + fraction / per + ", element " + fraction % per + ", but @GeneratedInputs("
                        + "integers = true) needs integer seeds: set scale = 1 for 8-bit data, or drop integers");
            }
        }
        float[] values = dataset.range();
        double[] range = plan.range();
        if (values[0] < range[0] || values[1] > range[1]) {
            throw new ConfigurationException("Seeds from " + plan.seedSource() + " have values in [" + values[0] + ", "
                    + values[1] + "], outside the valid range " + Arrays.toString(range) + ": set scale or range");
        }
    }
}
