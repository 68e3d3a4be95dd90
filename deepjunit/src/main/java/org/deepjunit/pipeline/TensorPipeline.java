package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelChecks;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Objective;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * The tensor part of a pipeline as a {@link Model}: stages before the model (resize, scale, reshape…), the model,
 * stages after it (softmax…). Declare it with {@code @TestModel} and use it wherever a model goes:
 * {@code @NeuronCoverage} records the model's layers on the pre-processed inputs, {@code @GeneratedInputs} searches
 * in the pipeline's input space, {@code @DifferentialAgainst} compares whole pipelines.
 *
 * <pre>{@code
 * @TestModel("digits")
 * static Model digits() {
 *     return TensorPipeline.builder("digits", Shape.of(28, 28, 1))
 *             .then(Tensors.scale(1 / 255.0))                        // the model was trained on [0, 1]
 *             .model(Dl4jModel.load(Path.of("lenet5.zip")))
 *             .then(Outputs.softmax())
 *             .build();
 * }
 * }</pre>
 *
 * <p>Its {@link #layers()} are the model's. Its input gradient is the model's, carried back through every stage
 * before the model by the stages' vector–Jacobian products; an {@link Objective}'s logit terms mean the model's
 * outputs, before the stages after it. Shapes are checked when it is built. Closing it closes the model.
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class TensorPipeline extends ObservedModel {

    /** The name of the model's step in a {@link #trace}; no stage may have it. */
    public static final String MODEL_STEP = "model";

    private final String name;
    private final Shape inputShape;
    private final List<TensorStage> before;
    private final Model model;
    private final List<TensorStage> after;
    private final Shape outputShape;

    private TensorPipeline(
            String name, Shape inputShape, List<TensorStage> before, Model model, List<TensorStage> after) {
        this.name = name;
        this.inputShape = inputShape;
        this.before = List.copyOf(before);
        this.model = model;
        this.after = List.copyOf(after);
        this.outputShape = Shapes.through(name, after, model.outputShape());
    }

    /**
     * Starts a pipeline whose inputs are samples of {@code inputShape} (e.g. decoded pixels {@code [56, 56, 3]}).
     */
    public static Before builder(String name, Shape inputShape) {
        return new Before(Objects.requireNonNull(name, "name"), Objects.requireNonNull(inputShape, "inputShape"));
    }

    /** Collects the stages before the model. */
    public static final class Before {
        private final String name;
        private final Shape inputShape;
        private final List<TensorStage> stages = new ArrayList<>();

        private Before(String name, Shape inputShape) {
            this.name = name;
            this.inputShape = inputShape;
        }

        /** Adds a stage before the model. */
        public Before then(TensorStage stage) {
            stages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        /**
         * The model, which must take what the stages give.
         *
         * @throws StageException naming the stage whose output does not fit the next stage or the model
         */
        public After model(Model model) {
            Objects.requireNonNull(model, "model");
            Shape given = Shapes.through(name, stages, inputShape);
            if (!model.inputShape().accepts(given)) {
                String from = stages.isEmpty()
                        ? "the pipeline's input shape " + inputShape
                        : "stage '" + stages.get(stages.size() - 1).name() + "' gives " + given + ", but";
                throw new StageException(
                        stages.isEmpty()
                                ? "input"
                                : stages.get(stages.size() - 1).name(),
                        from + (stages.isEmpty() ? " does not fit" : "") + " model '" + model.name() + "' takes "
                                + model.inputShape() + " (pipeline '" + name + "')");
            }
            return new After(this, model);
        }
    }

    /** Collects the stages after the model. */
    public static final class After {
        private final Before before;
        private final Model model;
        private final List<TensorStage> stages = new ArrayList<>();

        private After(Before before, Model model) {
            this.before = before;
            this.model = model;
        }

        /** Adds a stage after the model, e.g. {@link Outputs#softmax()}. */
        public After then(TensorStage stage) {
            stages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        public TensorPipeline build() {
            List<TensorStage> all = new ArrayList<>(before.stages);
            all.addAll(stages);
            Shapes.requireUniqueNames(before.name, all);
            if (all.stream().anyMatch(stage -> stage.name().equals(MODEL_STEP))) {
                throw new IllegalArgumentException("Pipeline '" + before.name + "': no stage may be named '"
                        + MODEL_STEP + "', the model's step in a trace");
            }
            return new TensorPipeline(before.name, before.inputShape, before.stages, model, stages);
        }
    }

    /** The stages before the model, in order. */
    public List<TensorStage> stagesBefore() {
        return before;
    }

    /** The model. */
    public Model model() {
        return model;
    }

    /** The stages after the model, in order. */
    public List<TensorStage> stagesAfter() {
        return after;
    }

    /** What the model is fed for {@code inputs}: the stages before it applied, nothing observed. */
    public Tensor preprocess(Tensor inputs) {
        Tensor x = inputs;
        for (TensorStage stage : before) {
            x = Shapes.applyChecked(stage, x);
        }
        return x;
    }

    /**
     * Every step's output for {@code inputs}, in order: each stage before the model, the model
     * ({@value #MODEL_STEP}), each stage after it. Nothing is observed: a trace is a diagnosis, not a test input.
     */
    public List<StageOutput> trace(Tensor inputs) {
        ModelChecks.checkInput(this, inputs);
        return ForwardListeners.unobserved(() -> {
            List<StageOutput> steps = new ArrayList<>();
            Tensor x = inputs;
            for (TensorStage stage : before) {
                x = Shapes.applyChecked(stage, x);
                steps.add(new StageOutput(stage.name(), x));
            }
            x = model.predict(x);
            steps.add(new StageOutput(MODEL_STEP, x));
            for (TensorStage stage : after) {
                x = Shapes.applyChecked(stage, x);
                steps.add(new StageOutput(stage.name(), x));
            }
            return List.copyOf(steps);
        });
    }

    @Override
    public String name() {
        return name;
    }

    /** The model's: the stages' vector–Jacobian products are exact. */
    @Override
    public String gradientSource() {
        return model.gradientSource();
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public DataType dataType() {
        return model.dataType();
    }

    @Override
    public List<Layer> layers() {
        return model.layers();
    }

    @Override
    public ModelFiles files() {
        return model.files();
    }

    @Override
    protected Tensor computePredict(Tensor inputs) {
        return postprocess(model.predict(preprocess(inputs)));
    }

    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        Activations a = model.activations(preprocess(inputs), layerNames);
        return new Activations(a.asMap(), postprocess(a.output()));
    }

    @Override
    protected NeuronValues computeNeuronValues(Tensor inputs, Collection<String> layerNames) {
        NeuronValues v = model.neuronValues(preprocess(inputs), layerNames);
        return new NeuronValues(postprocess(v.output()), v.layers());
    }

    @Override
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        List<Tensor> stageInputs = new ArrayList<>();
        Tensor x = inputs;
        for (TensorStage stage : before) {
            if (!(stage instanceof DifferentiableStage)) {
                throw new StageException(
                        stage.name(),
                        "is not differentiable, so input gradients of pipeline '" + name + "' cannot reach its"
                                + " input: gradient-based generation needs the input space after it (start a"
                                + " pipeline after that stage), or make the stage a DifferentiableStage");
            }
            stageInputs.add(x);
            x = Shapes.applyChecked(stage, x);
        }
        Tensor gradient = model.inputGradient(x, objective);
        for (int i = before.size() - 1; i >= 0; i--) {
            gradient = ((DifferentiableStage) before.get(i)).vectorJacobianProduct(stageInputs.get(i), gradient);
        }
        return gradient;
    }

    private Tensor postprocess(Tensor output) {
        Tensor y = output;
        for (TensorStage stage : after) {
            y = Shapes.applyChecked(stage, y);
        }
        return y;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "TensorPipeline " + name + ": " + before + " → " + model.name() + " → " + after;
    }
}
