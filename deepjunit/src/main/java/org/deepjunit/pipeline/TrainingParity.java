package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * Training/serving parity: a Java pipeline's stage outputs against tensors exported on the training side, one
 * {@code .npy} per stage named after it ({@code resize.npy}, {@code model.npy} for the model's output) beside
 * {@code input.npy}, the raw inputs. Stages without a file are not compared; a file named after no stage is an
 * error (a typo would otherwise compare nothing).
 *
 * <pre>{@code
 * TrainingParity.in(Path.of("src/test/resources/parity/digits")).within(1e-5, 1e-4).verify(digits);
 * }</pre>
 *
 * On the Python side, a few lines write them:
 *
 * <pre>
 * np.save("input.npy", raw.astype("float32"))            # the raw batch, e.g. [n, 56, 56, 3] pixels
 * x = tf.image.rgb_to_grayscale(raw); np.save("grayscale.npy", x.numpy())
 * x = tf.image.resize(x, (28, 28));   np.save("resize.npy", x.numpy())
 * x = x / 255.0;                      np.save("scale.npy", x.numpy())
 * np.save("model.npy", model(x).numpy())
 * </pre>
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class TrainingParity {

    private static final String INPUT = "input.npy";

    private final Path dir;
    private final double absolute;
    private final double relative;

    private TrainingParity(Path dir, double absolute, double relative) {
        this.dir = dir;
        this.absolute = absolute;
        this.relative = relative;
    }

    /** The exported tensors in {@code dir}, compared within 1e-5 absolute plus 1e-4 relative by default. */
    public static TrainingParity in(Path dir) {
        return new TrainingParity(Objects.requireNonNull(dir, "dir"), 1e-5, 1e-4);
    }

    /** Another tolerance: {@code |a − b| <= absolute + relative · max(|a|, |b|)} element by element. */
    public TrainingParity within(double absolute, double relative) {
        if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException(
                    "Tolerances must be finite and >= 0, got absolute " + absolute + " and relative " + relative);
        }
        return new TrainingParity(dir, absolute, relative);
    }

    /**
     * Every step of the pipeline on {@code input.npy}, compared with its exported tensor where there is one.
     *
     * @throws IllegalArgumentException when there is no {@code input.npy}, no stage file, or a file named after no
     *     stage
     */
    public List<StepDifference> compare(TensorPipeline pipeline) {
        Path input = dir.resolve(INPUT);
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException(
                    "Parity tensors in " + dir + ": no " + INPUT + " (the raw inputs the stage files were made from)");
        }
        List<StageOutput> trace = pipeline.trace(StageFiles.tensor(input).as(pipeline.dataType()));
        Set<String> stages = new TreeSet<>();
        trace.forEach(s -> stages.add(s.stage()));
        Set<String> files = exported();
        for (String file : files) {
            if (!stages.contains(file)) {
                throw new IllegalArgumentException("Parity tensors in " + dir + ": " + file + ".npy names no step of"
                        + " pipeline '" + pipeline.name() + "'; its steps are " + stages);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "Parity tensors in " + dir + ": no stage file; export one of " + stages + " as <stage>.npy");
        }
        List<StepDifference> steps = new ArrayList<>();
        for (StageOutput step : trace) {
            String what = "stage '" + step.stage() + "'";
            if (!files.contains(step.stage())) {
                steps.add(new StepDifference(what, Double.NaN, true, "not exported"));
                continue;
            }
            Tensor exported = StageFiles.tensor(dir.resolve(step.stage() + ".npy"));
            steps.add(StepDifference.of(what, step.output().as(exported.dataType()), exported, absolute, relative));
        }
        return steps;
    }

    /**
     * @throws AssertionError naming the first stage whose output is beyond the tolerance, with every step's
     *     difference
     */
    public void verify(TensorPipeline pipeline) {
        List<StepDifference> steps = compare(pipeline);
        StepDifference first = StepDifference.firstDivergence(steps);
        if (first != null) {
            throw new AssertionError("Pipeline '" + pipeline.name() + "' differs from the training side's tensors in "
                    + dir + ": first at " + first.step() + " (tolerance " + absolute + " absolute + " + relative
                    + " relative)\n" + StepDifference.describe(steps, "  "));
        }
    }

    private Set<String> exported() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".npy") && !n.equals(INPUT))
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot list parity tensors in " + dir + ": " + e, e);
        }
        return names;
    }
}
