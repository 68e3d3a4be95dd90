package org.deepjunit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.deepjunit.generation.Candidate;
import org.deepjunit.generation.CandidateSource;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * The invocations of one {@code @GeneratedInputs} test: pulls candidates batch by batch, numbers them, and stops
 * at the count or time budget (checked between batches), or after the replayed invocation.
 */
final class GeneratedInvocations implements Iterator<TestTemplateInvocationContext> {

    private final CandidateSource source;
    private final String where;
    private final GenerationPlan plan;
    private final ExtensionContext context;
    private final long deadline;
    private final Deque<GeneratedInput> pending = new ArrayDeque<>();
    private int index;
    private boolean done;

    GeneratedInvocations(CandidateSource source, String where, GenerationPlan plan, ExtensionContext context) {
        this.source = source;
        this.where = where;
        this.plan = plan;
        this.context = context;
        this.deadline = plan.maxTime() == null
                ? Long.MAX_VALUE
                : System.nanoTime() + plan.maxTime().toNanos();
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
            } else if (System.nanoTime() > deadline) {
                stop("time budget reached");
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
                        pending.add(GeneratedInput.of(index, plan.runSeed(), c));
                    }
                }
            }
        }
        return !pending.isEmpty();
    }

    private void stop(String reason) {
        done = true;
        String line = "[deepjunit] @GeneratedInputs " + where + " (run seed " + plan.runSeed() + "): " + index
                + " invocations, " + reason + ". " + source.summary();
        System.out.println(line);
        context.publishReportEntry("deepjunit.generation.summary", line);
    }

    @Override
    public TestTemplateInvocationContext next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        GeneratedInput input = pending.poll();
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return input.displayName();
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new InputResolver(input), new GeneratedInputSaver(input, plan.range()));
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
