package org.deepjunit.differential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.differential.DifferentialChecker.Failure;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.StepDifference;

/** The assertion message of an invocation whose models disagreed: a summary, then the most telling inputs. */
final class DisagreementMessage {

    private DisagreementMessage() {}

    static String of(
            ComparedModels setup,
            GoldenFile golden,
            String modelUnderTest,
            int checked,
            Collection<Failure> failures,
            Map<String, SavedInputs.Saved> saved,
            Function<Tensor, List<StepDifference>> localise) {
        long disagreements = failures.stream().filter(f -> !f.approvedInput()).count();
        long approvedFailures = failures.size() - disagreements;
        StringBuilder msg = new StringBuilder();
        msg.append(modelUnderTest)
                .append(" (model under test) and reference \"")
                .append(setup.referenceName())
                .append("\" (")
                .append(setup.reference().name())
                .append(")");
        if (disagreements > 0) {
            msg.append(" disagree on ")
                    .append(disagreements)
                    .append(" of ")
                    .append(checked)
                    .append(" inputs");
        }
        if (approvedFailures > 0) {
            msg.append(disagreements > 0 ? ", and " : " ")
                    .append("deviate from the approved verdict on ")
                    .append(approvedFailures)
                    .append(approvedFailures == 1 ? " input" : " inputs");
        }
        msg.append(" (tolerance: ")
                .append(setup.tolerance())
                .append(", oracle ")
                .append(setup.oracle().getClass().getSimpleName())
                .append(")\n");
        // Most telling first: deviations from approved verdicts, then other top-1 answers, then the largest
        // differences.
        List<Failure> ordered = new ArrayList<>(failures);
        ordered.sort(java.util.Comparator.comparing((Failure f) -> !f.approvedInput())
                .thenComparing(f -> f.mut().top1() == f.ref().top1())
                .thenComparing(f -> -f.comparison().maxDifference()));
        int shown = 0;
        for (Failure f : ordered) {
            if (shown++ == DifferentialChecker.MESSAGE_LIMIT) {
                msg.append("... and ")
                        .append(failures.size() - DifferentialChecker.MESSAGE_LIMIT)
                        .append(" more, all in the received file\n");
                break;
            }
            msg.append("input ")
                    .append(f.id())
                    .append(" (")
                    .append(f.where())
                    .append("): ")
                    .append(f.reason())
                    .append('\n');
            msg.append("  model under test top-")
                    .append(setup.topK())
                    .append(": ")
                    .append(f.mut().describeTop())
                    .append('\n');
            msg.append("  reference        top-")
                    .append(setup.topK())
                    .append(": ")
                    .append(f.ref().describeTop())
                    .append('\n');
            msg.append(String.format(
                    Locale.ROOT,
                    "  largest difference: %.6g at output %d%n",
                    f.comparison().maxDifference(),
                    f.comparison().maxDifferenceIndex()));
            List<StepDifference> steps = localise.apply(f.sample());
            if (!steps.isEmpty()) {
                StepDifference first = StepDifference.firstDivergence(steps);
                msg.append("  where they part")
                        .append(first == null ? " (every step within the tolerance)" : ": first at " + first.step())
                        .append('\n')
                        .append(StepDifference.describe(steps, "    "));
            }
            msg.append("  input saved: ")
                    .append(String.join(
                            ", ",
                            saved.get(f.id()).all().stream()
                                    .map(DisagreementMessage::show)
                                    .toList()))
                    .append('\n');
        }
        String received = golden.receivedPath().getFileName().toString();
        String approved = golden.approvedPath().getFileName().toString();
        msg.append("Received verdicts written to ")
                .append(show(golden.receivedPath()))
                .append('\n');
        msg.append("To approve: check each record's \"correct\" answer (proposed: the reference's), then rename ")
                .append(received)
                .append(" to ")
                .append(approved)
                .append(", or run once with -D")
                .append(DifferentialKeys.APPROVE.name())
                .append("=true to accept every received file.");
        return msg.toString();
    }

    /** A path relative to the working directory when it lies under it. */
    static String show(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
