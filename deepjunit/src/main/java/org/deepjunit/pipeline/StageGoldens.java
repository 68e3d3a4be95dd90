package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.deepjunit.data.Npy;
import org.deepjunit.model.Tensor;

/**
 * Approved outputs of every stage of a pipeline for chosen inputs, so that a change anywhere — your code, a
 * dependency upgrade (an image decoder, a resize routine), the model — shows which stage changed and by how much.
 * They live in {@code <dir>/<pipeline>/approved/} ({@code .npy} per stage with a SHA-256 index); a run that differs
 * writes {@code <dir>/<pipeline>/received/} and fails naming the first stage beyond the tolerance. Approve as
 * differential verdicts are approved: rename {@code received} to {@code approved}, or run once with
 * {@code -Ddeepjunit.differential.approve=true}.
 *
 * <pre>{@code
 * @Test
 * void stagesAreTheApprovedOnes() {
 *     StageGoldens.in(Path.of("src/test/resources/deepjunit/stages")).verify(digits, goldenImages);
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class StageGoldens {

    /** The system property (and JUnit configuration parameter) that approves what a run gives. */
    public static final String APPROVE = "deepjunit.differential.approve";

    private final Path dir;
    private final double absolute;
    private final double relative;
    private final boolean approve;

    private StageGoldens(Path dir, double absolute, double relative, boolean approve) {
        this.dir = dir;
        this.absolute = absolute;
        this.relative = relative;
        this.approve = approve;
    }

    /**
     * Goldens under {@code dir}, compared within 1e-6 absolute plus 1e-5 relative (float32 rounding), approving
     * when the system property {@value #APPROVE} is {@code true}.
     */
    public static StageGoldens in(Path dir) {
        return new StageGoldens(Objects.requireNonNull(dir, "dir"), 1e-6, 1e-5, Boolean.getBoolean(APPROVE));
    }

    /** Another tolerance: {@code |a − b| <= absolute + relative · max(|a|, |b|)} element by element. */
    public StageGoldens within(double absolute, double relative) {
        if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException(
                    "Tolerances must be finite and >= 0, got absolute " + absolute + " and relative " + relative);
        }
        return new StageGoldens(dir, absolute, relative, approve);
    }

    /** Approves (or not) what the next {@link #verify} gives, whatever the system property says. */
    public StageGoldens approving(boolean approve) {
        return new StageGoldens(dir, absolute, relative, approve);
    }

    /**
     * Traces {@code inputs} through the pipeline and compares every step with the approved outputs.
     *
     * @throws AssertionError naming the first step beyond the tolerance, or saying that nothing is approved yet
     */
    public void verify(TensorPipeline pipeline, Tensor inputs) {
        Path home = dir.resolve(pipeline.name());
        Path approved = home.resolve("approved");
        Path received = home.resolve("received");
        List<StageOutput> trace = pipeline.trace(inputs);
        if (approve) {
            StageFiles.write(approved, pipeline.name(), inputs, trace);
            delete(received);
            return;
        }
        StageFiles.Index index = StageFiles.read(approved);
        String approveHint =
                " Review them, then rename " + received + " to approved, or run once with -D" + APPROVE + "=true";
        if (index == null) {
            StageFiles.write(received, pipeline.name(), inputs, trace);
            throw new AssertionError("No approved stage outputs of pipeline '" + pipeline.name() + "' in " + approved
                    + "; this run's are in " + received + "." + approveHint);
        }
        if (!index.inputs().equals(StageFiles.sha256(Npy.toBytes(inputs)))) {
            StageFiles.write(received, pipeline.name(), inputs, trace);
            throw new AssertionError("The inputs differ from the approved ones of pipeline '" + pipeline.name()
                    + "' (" + approved.resolve(StageFiles.INPUTS) + "): give the same inputs, or approve the new"
                    + " ones." + approveHint);
        }
        List<StepDifference> steps = compare(approved, index, trace);
        StepDifference first = StepDifference.firstDivergence(steps);
        if (first == null) {
            delete(received);
            return;
        }
        StageFiles.write(received, pipeline.name(), inputs, trace);
        throw new AssertionError("Stage outputs of pipeline '" + pipeline.name() + "' changed: first at "
                + first.step() + " (tolerance " + absolute + " absolute + " + relative + " relative)\n"
                + StepDifference.describe(steps, "  ") + "This run's outputs are in " + received + "." + approveHint);
    }

    private List<StepDifference> compare(Path approved, StageFiles.Index index, List<StageOutput> trace) {
        List<StepDifference> steps = new ArrayList<>();
        int n = Math.max(index.stages().size(), trace.size());
        for (int i = 0; i < n; i++) {
            StageFiles.Entry was = i < index.stages().size() ? index.stages().get(i) : null;
            StageOutput now = i < trace.size() ? trace.get(i) : null;
            if (was == null || now == null || !was.stage().equals(now.stage())) {
                steps.add(new StepDifference(
                        "step " + (i + 1),
                        Double.NaN,
                        false,
                        "approved " + (was == null ? "nothing" : "'" + was.stage() + "'") + ", now "
                                + (now == null ? "nothing" : "'" + now.stage() + "'")));
                continue;
            }
            Tensor before = StageFiles.tensor(approved.resolve(was.file()));
            steps.add(StepDifference.of(
                    "stage '" + now.stage() + "'", now.output().as(before.dataType()), before, absolute, relative));
        }
        return steps;
    }

    private static void delete(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot delete " + folder + ": " + e, e);
        }
    }
}
