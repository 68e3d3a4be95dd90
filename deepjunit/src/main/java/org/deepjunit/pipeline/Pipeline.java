package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * A whole pipeline, from what arrives (image bytes, CSV lines) to what is shipped (labels, decisions): an input
 * stage into a {@link TensorPipeline}, then output stages. Call it from plain test code; its tensor part is a
 * {@link org.deepjunit.model.Model} for DeepJUnit's annotations, and every forward pass through it is observed.
 *
 * <pre>{@code
 * Pipeline<String, List<List<Prediction>>> churn = Pipeline.of(Stage.of("parse", Csv::row), tensors)
 *         .then(Outputs.topK(1, Labels.of("stays", "leaves")));
 * assertThat(churn.apply("42,3,0.5").get(0).get(0).label()).isEqualTo("stays");
 * }</pre>
 *
 * <p>A failure inside an input or output stage is a {@link StageException} naming the stage.
 *
 * @param <I> what the pipeline takes
 * @param <O> what it gives
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class Pipeline<I, O> implements AutoCloseable {

    private final Stage<I, Tensor> input;
    private final TensorPipeline tensors;
    private final List<Stage<Object, Object>> outputs;

    private Pipeline(Stage<I, Tensor> input, TensorPipeline tensors, List<Stage<Object, Object>> outputs) {
        this.input = input;
        this.tensors = tensors;
        this.outputs = List.copyOf(outputs);
        List<Stage<?, ?>> all = new ArrayList<>();
        if (input != null) {
            all.add(input);
        }
        all.addAll(tensors.stagesBefore());
        all.addAll(tensors.stagesAfter());
        all.addAll(outputs);
        Shapes.requireUniqueNames(tensors.name(), all);
    }

    /** A pipeline that takes tensors: the tensor part alone, for adding output stages. */
    public static Pipeline<Tensor, Tensor> of(TensorPipeline tensors) {
        return new Pipeline<>(null, Objects.requireNonNull(tensors, "tensors"), List.of());
    }

    /** A pipeline whose {@code input} stage makes the batch the tensor part takes, e.g. decoded pixels. */
    public static <I> Pipeline<I, Tensor> of(Stage<I, Tensor> input, TensorPipeline tensors) {
        return new Pipeline<>(
                Objects.requireNonNull(input, "input"), Objects.requireNonNull(tensors, "tensors"), List.of());
    }

    /** This pipeline followed by an output stage. */
    @SuppressWarnings("unchecked")
    public <R> Pipeline<I, R> then(Stage<? super O, R> output) {
        List<Stage<Object, Object>> more = new ArrayList<>(outputs);
        more.add((Stage<Object, Object>) (Stage<?, ?>) Objects.requireNonNull(output, "output"));
        return new Pipeline<>(input, tensors, more);
    }

    /** Runs the whole pipeline on one input (which may hold a batch, as the input stage defines). */
    @SuppressWarnings("unchecked")
    public O apply(I value) {
        Tensor batch = input == null ? (Tensor) value : run(input, value);
        Object result = tensors.predict(batch);
        for (Stage<Object, Object> stage : outputs) {
            result = run(stage, result);
        }
        return (O) result;
    }

    /** The tensor part, a model. */
    public TensorPipeline tensors() {
        return tensors;
    }

    /** The pipeline's name, its tensor part's. */
    public String name() {
        return tensors.name();
    }

    private static <A, B> B run(Stage<A, B> stage, A value) {
        try {
            return stage.apply(value);
        } catch (StageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StageException(stage.name(), "failed: " + e.getMessage(), e);
        }
    }

    /** Closes the tensor part and with it the model. */
    @Override
    public void close() {
        tensors.close();
    }

    @Override
    public String toString() {
        return "Pipeline " + name();
    }
}
