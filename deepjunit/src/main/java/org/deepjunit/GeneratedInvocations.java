package org.deepjunit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.deepjunit.data.Progress;
import org.deepjunit.generation.Candidate;
import org.deepjunit.generation.CandidateSource;
import org.deepjunit.generation.Deadline;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.generation.GenerationKeys;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.quality.history.FigureRecord;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * The invocations of one {@code @GeneratedInputs} test: pulls candidates batch by batch, numbers them, and stops
 * at the count or time budget (checked between batches, and by the generator between its steps), or after the
 * replayed invocation. A run that makes no invocation ends in one skipped invocation that says why, rather than in
 * JUnit's "did not provide any invocation contexts".
 */
final class GeneratedInvocations implements Iterator<TestTemplateInvocationContext> {

    private final CandidateSource source;
    private final String where;
    private final GenerationPlan plan;
    private final ExtensionContext context;
    private final Deadline deadline;
    private final Map<String, Model> models;
    private final Model explained;
    private final Deque<TestTemplateInvocationContext> pending = new ArrayDeque<>();
    private int index;
    private int given;
    private boolean done;
    private final Progress progress;

    /**
     * @param models    the models by their {@code @TestModel} names, whose scores saved inputs keep
     * @param explained the model whose explanation is saved beside saved inputs; null for none
     */
    GeneratedInvocations(
            CandidateSource source,
            String where,
            GenerationPlan plan,
            Deadline deadline,
            ExtensionContext context,
            Map<String, Model> models,
            Model explained) {
        this.source = source;
        this.models = models;
        this.explained = explained;
        this.where = where;
        this.plan = plan;
        this.deadline = deadline;
        this.context = context;
        this.progress =
                new Progress(System.out, "@GeneratedInputs " + where, plan.count(), "inputs of the count budget");
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !done) {
            if (index >= plan.count()) {
                stop("count budget of " + plan.count() + " reached");
            } else if (plan.replay() != null
                    && plan.replay().index() > 0
                    && index >= plan.replay().index()) {
                stop("replayed invocation [" + plan.replay().index() + "]");
            } else if (deadline.passed()) {
                stop("time budget of " + plan.maxTime() + " reached");
            } else {
                List<Candidate> batch = source.nextBatch();
                if (batch == null) {
                    stop("generator finished");
                    break;
                }
                for (Candidate c : batch) {
                    if (index >= plan.count()) {
                        break;
                    }
                    index++;
                    if (plan.replay() == null || plan.replay().matches(index, c.seedId())) {
                        pending.add(invocation(GeneratedInput.of(index, plan.runSeed(), c)));
                        given++;
                    }
                }
                progress.done(index);
            }
        }
        return !pending.isEmpty();
    }

    private void stop(String reason) {
        done = true;
        String made = plan.replay() == null
                ? index + " invocations"
                : given + " of " + index + " invocations replayed (" + GenerationKeys.REPLAY.name() + "="
                        + (plan.replay().index() > 0
                                ? plan.replay().index()
                                : "seed:" + plan.replay().seedId()) + ")";
        String line = "[deepjunit] @GeneratedInputs " + where + " (run seed " + plan.runSeed() + "): " + made + ", "
                + reason + ". " + source.summary();
        System.out.println(line);
        context.publishReportEntry("deepjunit.generation.summary", line);
        if (plan.replay() == null) {
            // the inputs made, into the quality history beside the metrics (a replay is not a run of its own)
            QualityHistory.of(context)
                    .record(
                            Settings.of(context),
                            context.getRequiredTestClass().getName() + "."
                                    + context.getRequiredTestMethod().getName(),
                            String.join(",", plan.models()),
                            "",
                            "",
                            List.of(FigureRecord.of(
                                    "generated", plan.generator().name(), "all", index, plan.seeds())));
        }
        if (given == 0) {
            pending.add(nothingGenerated(line.substring("[deepjunit] ".length())));
        }
    }

    @Override
    public TestTemplateInvocationContext next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    /** The one invocation of a run that made none: skipped, saying what was searched and why nothing came of it. */
    private static TestTemplateInvocationContext nothingGenerated(String why) {
        ExecutionCondition skip = c -> ConditionEvaluationResult.disabled("No input was generated: " + why);
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "no input generated";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(skip);
            }
        };
    }

    private TestTemplateInvocationContext invocation(GeneratedInput input) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return input.displayName();
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(
                        new InputResolver(input), new GeneratedInputSaver(input, plan.range(), models, explained));
            }
        };
    }

    /** Resolves {@link GeneratedInput} and {@link Tensor} parameters to the invocation's input. */
    private record InputResolver(GeneratedInput input) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            return type == GeneratedInput.class || type == Tensor.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == GeneratedInput.class ? input : input.tensor();
        }
    }
}
