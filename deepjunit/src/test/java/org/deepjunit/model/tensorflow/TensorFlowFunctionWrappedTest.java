package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SavedModels whose layers live inside a function called by a PartitionedCall op, as TF2/Keras
 * writes them: inference works, hidden layers are out of reach with a clear message, and logit
 * terms are refused when the softmax is inside the function instead of silently using probabilities.
 */
class TensorFlowFunctionWrappedTest {

    static TfFixtures.Sequential mlp(boolean softmax) {
        return TfFixtures.sequential(DataType.FLOAT64, 4)
                .dense(
                        "dense",
                        4,
                        3,
                        TestWeights.uniform(new Random(1), 12, 1),
                        TestWeights.uniform(new Random(3), 3, 0.1),
                        "relu")
                .dense(
                        "dense_1",
                        3,
                        2,
                        TestWeights.uniform(new Random(2), 6, 1),
                        new double[2],
                        softmax ? "softmax" : null);
    }

    static final Tensor X = Tensor.of(new double[] {0.1, 0.5, 0.3, 0.9, 0.7, 0.2, 0.4, 0.6}, 2, 4);

    @Test
    void functionsAreInlinedSoLayersLogitsAndGradientsMatchTheFlatGraph(@TempDir Path dir) {
        TfFixtures.Exported flat = mlp(true).export(dir.resolve("flat"));
        TfFixtures.Exported wrapped = mlp(true).exportWrapped(dir.resolve("wrapped"));
        try (TensorFlowModel f = TensorFlowModel.load(flat.dir());
                TensorFlowModel w = TensorFlowModel.load(wrapped.dir())) {
            assertThat(w.predict(X).maxAbsDifference(f.predict(X))).isLessThan(1e-15);
            assertThat(w.layers())
                    .extracting(l -> l.name() + ":" + l.kind())
                    .containsExactly("dense:DENSE", "dense_1:DENSE");
            assertThat(w.toString()).contains("1 function call(s) inlined").doesNotContain("through function call");
            assertThat(w.outputIsProbabilities()).isTrue();
            Objective o = Objective.builder()
                    .logit(0, 0, 1.0)
                    .neuron(1, "dense", 2, 0.5)
                    .build();
            assertThat(w.inputGradient(X, o)
                            .maxAbsDifference(f.inputGradient(
                                    X,
                                    Objective.builder()
                                            .logit(0, 0, 1.0)
                                            .neuron(1, "dense/Relu", 2, 0.5)
                                            .build())))
                    .isLessThan(1e-12);
        }
        // op names from the function body resolve too
        try (TensorFlowModel byOp = TensorFlowModel.builder(wrapped.dir())
                .layer(wrapped.op("dense"))
                .build()) {
            assertThat(byOp.layers()).extracting(l -> l.name()).containsExactly("dense/Relu");
        }
    }

    @Test
    void gradientThroughAFunctionWithoutSoftmaxMatchesTheFlatGraph(@TempDir Path dir) {
        TfFixtures.Exported flat = mlp(false).export(dir.resolve("flat"));
        TfFixtures.Exported wrapped = mlp(false).exportWrapped(dir.resolve("wrapped"));
        try (TensorFlowModel f = TensorFlowModel.load(flat.dir());
                TensorFlowModel w = TensorFlowModel.load(wrapped.dir())) {
            Objective o = Objective.builder()
                    .logit(0, 1, 1.0)
                    .logit(Objective.ALL_SAMPLES, 0, -0.5)
                    .build();
            Tensor gf = f.inputGradient(X, o);
            Tensor gw = w.inputGradient(X, o);
            assertThat(TensorFlowGradientTest.norm(gf.toDoubleArray())).isGreaterThan(1e-3);
            assertThat(gw.maxAbsDifference(gf)).isLessThan(1e-12);
        }
    }
}
