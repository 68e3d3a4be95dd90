package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.onnx.GradientEstimate;
import org.deepjunit.model.onnx.OnnxLeNets;
import org.deepjunit.model.onnx.OnnxModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;

/**
 * The model layer's costs for DeepXplore's LeNet-5 at batch 64 on CPU, every adapter in one run (DL4J, TensorFlow,
 * and ONNX Runtime on an ONNX twin with the same weights): plain inference, a forward pass returning every layer's
 * output, and an input gradient of a DeepXplore-shaped objective (one logit and one hidden neuron per sample). ONNX
 * Runtime computes no gradients: its rows time the estimates (central finite differences, SPSA with 50 directions),
 * with fewer runs since one finite-difference gradient costs 2 × 784 forward passes per sample. Each adapter's
 * measures run in turn ({@link Timer#inTurn}), and their ratios to predict are medians of each iteration's pair with
 * a 95% confidence interval. DL4J speeds up over its first ≈600 runs: {@code -Dbench.warmup=600} for its steady state.
 *
 * <p>Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@model-benchmark}; optional arguments
 * {@code -Dbench.warmup=20 -Dbench.runs=50}.
 */
public final class ModelLayerBenchmark {

    private ModelLayerBenchmark() {}

    /** Per sample: push its predicted logit down, one fc1 neuron up. */
    private static Objective objective(Model model, Tensor images) {
        int[] predicted = model.predict(images).argMax();
        Objective.Builder objective = Objective.builder();
        for (int s = 0; s < predicted.length; s++) {
            objective.logit(s, predicted[s], -1.0).neuron(s, "fc1", s % 120, 0.1);
        }
        return objective.build();
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 20);
        int runs = Integer.getInteger("bench.runs", 50);
        int batch = 64;
        Timer timer = new Timer(warmup, runs);
        Tensor images = Mnist.images(0, batch);
        Path dir = Files.createTempDirectory("deepjunit-bench");
        System.out.printf(
                Locale.ROOT,
                "LeNet-5, batch %d, %d warm-up + %d measured runs, %d CPU cores, %s%n",
                batch,
                warmup,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"));
        Path onnxFile = OnnxLeNets.write(LeNet.LENET5, dir);
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET5);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"));
                Model onnx = OnnxModel.builder(onnxFile).name("lenet5-onnx").build();
                Model fd = OnnxModel.builder(onnxFile)
                        .name("onnx-fd")
                        .estimatedGradients(GradientEstimate.finiteDifferences())
                        .build();
                Model spsa = OnnxModel.builder(onnxFile)
                        .name("onnx-spsa")
                        .estimatedGradients(GradientEstimate.spsa(50, 1e-2, 1))
                        .build()) {
            double[] onnxPredict = null;
            for (Model model : new Model[] {dl4j, tf, onnx}) {
                // ONNX Runtime has no gradient of its own: the estimates follow
                Objective obj = model == onnx ? null : objective(model, images);
                double[][] ms = model == onnx
                        ? timer.inTurn(() -> model.predict(images), () -> model.activations(images))
                        : timer.inTurn(
                                () -> model.predict(images),
                                () -> model.activations(images),
                                () -> model.inputGradient(images, obj));
                Results.row("model", model.name() + " predict", Timer.sorted(ms[0]));
                Results.pairedRow("model", model.name() + " all layer outputs", ms[1], "predict", ms[0]);
                if (model != onnx) {
                    Results.pairedRow("model", model.name() + " input gradient", ms[2], "predict", ms[0]);
                }
                onnxPredict = Timer.sorted(ms[0]);
            }
            Timer few = new Timer(1, Integer.getInteger("bench.gradientRuns", 5));
            for (Model estimated : new Model[] {fd, spsa}) {
                Objective obj = objective(estimated, images);
                double[] gradient = few.measure(() -> estimated.inputGradient(images, obj));
                Results.row(
                        "model",
                        estimated.name() + " input gradient (" + estimated.gradientSource() + ")",
                        gradient,
                        "onnx predict",
                        onnxPredict);
            }
        }
    }
}
