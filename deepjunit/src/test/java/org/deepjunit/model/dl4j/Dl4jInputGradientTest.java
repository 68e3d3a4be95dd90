package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.deepjunit.model.dl4j.Dl4jTestNets.finiteDifferences;
import static org.deepjunit.model.dl4j.Dl4jTestNets.relativeError;

import org.deepjunit.model.DataType;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** Input gradients against central finite differences of the inference-mode function, in double precision. */
class Dl4jInputGradientTest {

    private static final double H = 1e-6;

    private static double check(
            String what, Dl4jModel model, Tensor x, Objective objective, Dl4jTestNets.Logits logits) {
        double[] analytic = model.inputGradient(x, objective).toDoubleArray();
        double[] numeric = finiteDifferences(model, x, objective, logits, H);
        double err = relativeError(analytic, numeric);
        double norm =
                Math.sqrt(java.util.Arrays.stream(analytic).map(v -> v * v).sum());
        System.out.printf("FD %s: relative error %.3e (gradient norm %.3e)%n", what, err, norm);
        assertThat(norm).as("gradient must not vanish").isGreaterThan(1e-4);
        assertThat(err).as(what).isLessThan(1e-6);
        return err;
    }

    @Test
    void denseMlpWithSoftmaxOutput() {
        MultiLayerNetwork net = Dl4jTestNets.mlp(1);
        try (Dl4jModel model = Dl4jModel.of(net)) {
            assertThat(model.dataType()).isEqualTo(DataType.FLOAT64);
            Tensor x = Dl4jTestNets.randomDoubles(11, 1.5, 3, 4);
            Dl4jTestNets.Logits logits = Dl4jTestNets.outputLayerLogits(net.getLayer(1), "hidden");
            check(
                    "mlp logit, one sample",
                    model,
                    x,
                    Objective.builder().logit(1, 2, 1.0).build(),
                    logits);
            check(
                    "mlp logit, all samples",
                    model,
                    x,
                    Objective.builder().logit(0, -0.7).build(),
                    logits);
            check(
                    "mlp hidden neurons",
                    model,
                    x,
                    Objective.builder()
                            .neuron("hidden", 3, 1.0)
                            .neuron(2, "hidden", 0, -2.0)
                            .build(),
                    logits);
            check(
                    "mlp probability + logit + hidden",
                    model,
                    x,
                    Objective.builder()
                            .neuron("out", 1, 3.0)
                            .logit(0, 1, 1.0)
                            .neuron(1, "hidden", 4, 0.5)
                            .build(),
                    logits);
        }
    }

    /** DL4J's ActivationLayer works in place on its input in inference mode; neither activations nor gradients may see that. */
    @Test
    void standaloneActivationLayers() {
        MultiLayerNetwork net = Dl4jTestNets.activationLayers(5);
        try (Dl4jModel model = Dl4jModel.of(net)) {
            Tensor x = Dl4jTestNets.randomDoubles(15, 2.0, 3, 4);
            org.deepjunit.model.Activations acts = model.activations(x);
            double[] dense = acts.layer("dense").toDoubleArray();
            double[] tanh = acts.layer("tanh").toDoubleArray();
            double[] sigmoid = acts.layer("sigmoid").toDoubleArray();
            for (int i = 0; i < dense.length; i++) {
                assertThat(tanh[i]).isCloseTo(Math.tanh(dense[i]), org.assertj.core.api.Assertions.within(1e-12));
                assertThat(sigmoid[i])
                        .isCloseTo(1 / (1 + Math.exp(-tanh[i])), org.assertj.core.api.Assertions.within(1e-12));
            }
            check(
                    "activation layers",
                    model,
                    x,
                    Objective.builder()
                            .neuron("dense", 1, 1.0)
                            .neuron("tanh", 2, -1.0)
                            .neuron(0, "sigmoid", 4, 2.0)
                            .logit(1, 1.0)
                            .build(),
                    Dl4jTestNets.outputLayerLogits(net.getLayer(3), "sigmoid"));
        }
    }

    @Test
    void cnnWithConvPoolDenseSoftmax() {
        MultiLayerNetwork net = Dl4jTestNets.cnn(2);
        try (Dl4jModel model =
                Dl4jModel.builder(net).name("cnn").inputShape(8, 8, 2).build()) {
            assertThat(model.layer("conv").outputShape()).isEqualTo(org.deepjunit.model.Shape.of(6, 6, 3));
            assertThat(model.layer("pool").outputShape()).isEqualTo(org.deepjunit.model.Shape.of(3, 3, 3));
            Tensor x = Dl4jTestNets.randomDoubles(12, 1.0, 2, 8, 8, 2);
            Dl4jTestNets.Logits logits = Dl4jTestNets.outputLayerLogits(net.getLayer(3), "fc");
            check(
                    "cnn logits",
                    model,
                    x,
                    Objective.builder().logit(0, 3, 1.0).logit(2, -1.0).build(),
                    logits);
            check(
                    "cnn conv channel means",
                    model,
                    x,
                    Objective.builder()
                            .neuron("conv", 1, 1.0)
                            .neuron(1, "conv", 2, -0.5)
                            .build(),
                    logits);
            check(
                    "cnn pool channel + fc neuron + logit",
                    model,
                    x,
                    Objective.builder()
                            .neuron(0, "pool", 0, 1.0)
                            .neuron("fc", 4, 2.0)
                            .logit(1, 0, 0.3)
                            .build(),
                    logits);
        }
    }

    /** A CNN configured with InputType.convolutionalFlat takes flat (c, h, w) rows; the model still takes [n, h, w, c]. */
    @Test
    void flatInputCnnTakesChannelsLastImages() {
        MultiLayerNetwork image = Dl4jTestNets.cnn(2);
        MultiLayerNetwork flat =
                Dl4jTestNets.cnn(2, org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(8, 8, 2));
        flat.setParams(image.params());
        try (Dl4jModel a = Dl4jModel.builder(image).inputShape(8, 8, 2).build();
                Dl4jModel b = Dl4jModel.of(flat)) {
            assertThat(b.inputShape()).isEqualTo(org.deepjunit.model.Shape.of(8, 8, 2));
            Tensor x = Dl4jTestNets.randomDoubles(16, 1.0, 2, 8, 8, 2);
            assertThat(b.predict(x).maxAbsDifference(a.predict(x))).isLessThan(1e-12);
            assertThat(b.activations(x)
                            .layer("conv")
                            .maxAbsDifference(a.activations(x).layer("conv")))
                    .isLessThan(1e-12);
            Objective objective =
                    Objective.builder().logit(0, 3, 1.0).neuron("conv", 1, 1.0).build();
            assertThat(b.inputGradient(x, objective).maxAbsDifference(a.inputGradient(x, objective)))
                    .isLessThan(1e-12);
            check("flat-input cnn", b, x, objective, Dl4jTestNets.outputLayerLogits(flat.getLayer(3), "fc"));
        }
    }

    @Test
    void batchNormUsesRunningStatisticsAndDropoutIsOff() {
        MultiLayerNetwork net = Dl4jTestNets.batchNormDropout(3);
        // Training moved the running statistics away from their initial (0, 1).
        assertThat(net.getLayer(1).getParam("mean").maxNumber().doubleValue()).isGreaterThan(0.05);
        try (Dl4jModel model = Dl4jModel.builder(net).inputShape(6, 6, 1).build()) {
            Tensor x = Dl4jTestNets.randomDoubles(13, 2.0, 3, 6, 6, 1);
            Objective objective = Objective.builder()
                    .logit(1, 1.0)
                    .neuron(0, "bn1", 2, 0.5)
                    .neuron("fc", 3, -1.0)
                    .neuron(2, "bn2", 1, 0.7)
                    .build();
            Tensor first = model.inputGradient(x, objective);
            for (int i = 0; i < 3; i++) {
                assertThat(model.inputGradient(x, objective))
                        .as("deterministic")
                        .isEqualTo(first);
            }
            assertThat(model.predict(x)).isEqualTo(model.predict(x));
            check("batch norm + dropout", model, x, objective, Dl4jTestNets.outputLayerLogits(net.getLayer(5), "bn2"));
        }
    }

    @Test
    void chainShapedComputationGraph() {
        ComputationGraph graph = Dl4jTestNets.graph(4);
        try (Dl4jModel model = Dl4jModel.of(graph)) {
            assertThat(model.layers()).extracting(l -> l.name()).containsExactly("in", "d1", "d2", "out");
            Tensor x = Dl4jTestNets.randomDoubles(14, 1.5, 3, 4);
            Dl4jTestNets.Logits logits = Dl4jTestNets.outputLayerLogits(graph.getLayer("out"), "d2");
            check(
                    "graph logits + neurons",
                    model,
                    x,
                    Objective.builder()
                            .logit(2, 1.0)
                            .neuron(1, "d1", 2, -1.0)
                            .neuron("d2", 0, 0.5)
                            .neuron("out", 1, 1.0)
                            .build(),
                    logits);
        }
    }
}
