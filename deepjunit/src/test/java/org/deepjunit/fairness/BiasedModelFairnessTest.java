package org.deepjunit.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.Slicing;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The proof on a trained model: synthetic credit data with a bias injected into its labels (sex = 1 raises the
 * score by 1), a small DL4J network trained on it with a fixed seed, which learns the bias; then the report's
 * disparate impact equals the one plain loops compute from the model's predictions, the four-fifths gate fails, and
 * the counterfactual check finds exactly the samples whose prediction plain loops see change with sex.
 */
class BiasedModelFairnessTest {

    /** Features: income, debt, sex (0 or 1); label 1 (credit) when income − debt/2 + sex − 1/2 + noise > 0. */
    static Dataset credit(long seed, int n) {
        Random random = new Random(seed);
        float[] x = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double income = random.nextGaussian();
            double debt = random.nextGaussian();
            int sex = random.nextBoolean() ? 1 : 0;
            x[i * 3] = (float) income;
            x[i * 3 + 1] = (float) debt;
            x[i * 3 + 2] = sex;
            labels[i] = income - 0.5 * debt + 1.0 * sex - 0.5 + 0.3 * random.nextGaussian() > 0 ? 1 : 0;
        }
        return new Dataset("credit-" + seed, Shape.of(3), x, labels);
    }

    static Model train(Dataset train) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05))
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(3)
                        .nOut(8)
                        .activation(Activation.TANH)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        int n = train.size();
        float[] y = new float[n * 2];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            y[i * 2 + train.label(i).getAsInt()] = 1;
            all[i] = i;
        }
        float[] x = train.batch(all).toFloatArray();
        for (int epoch = 0; epoch < 20; epoch++) {
            net.fit(Nd4j.create(x, new long[] {n, 3}, 'c'), Nd4j.create(y, new long[] {n, 2}, 'c'));
        }
        return Dl4jModel.builder(net).name("credit").build();
    }

    private static Model model;
    private static Dataset test;

    @BeforeAll
    static void trainOnce() {
        model = train(credit(1, 1000));
        test = credit(2, 1000);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<String> sexes() {
        List<String> sexes = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            sexes.add(String.valueOf((int) test.value(i * 3L + 2)));
        }
        return sexes;
    }

    @Test
    void disparateImpactIsWhatPlainLoopsCountAndFailsTheFourFifthsRule() {
        Evaluation e = Evaluation.of(model, test);
        FairnessReport r = Fairness.of(e, Slicing.byValues("sex", sexes()))
                .privileged("sex=1")
                .report();

        int[] predicted = model.predict(test.batch(
                        java.util.stream.IntStream.range(0, test.size()).toArray()))
                .argMax();
        int[] selected = new int[2];
        int[] members = new int[2];
        for (int i = 0; i < test.size(); i++) {
            int sex = (int) test.value(i * 3L + 2);
            members[sex]++;
            selected[sex] += predicted[i] == 1 ? 1 : 0;
        }
        double expected = ((double) selected[0] / members[0]) / ((double) selected[1] / members[1]);
        FairnessFigure di = r.figure(FairnessMetric.DISPARATE_IMPACT, "sex=0 vs sex=1");
        assertThat(di.value()).isCloseTo(expected, within(1e-12));
        assertThat(di.n()).isEqualTo(test.size());
        assertThat(di.value()).as("the model learned the injected bias").isLessThan(0.7);
        assertThat(di.upper()).isLessThan(0.8);

        assertThatThrownBy(() -> FairnessGates.on(r)
                        .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
                        .check())
                .hasMessageStartingWith("1 fairness gate failed:\nFairness gate failed for credit: disparate impact"
                        + " (sex=0 vs sex=1, n = 1000) is " + Figures.fmt(expected) + " (95% interval ")
                .hasMessageContaining("but expected minimum is 0.8000; selection rate "
                        + Figures.fmt((double) selected[0] / members[0]) + " (sex=0) against "
                        + Figures.fmt((double) selected[1] / members[1]) + " (sex=1)");
        List<GateVerdict> passing = FairnessGates.on(r)
                .gate(FairnessMetric.ACCURACY, g -> g.atLeast(0.7))
                .check();
        assertThat(passing).hasSize(2).allMatch(v -> v.status() == GateVerdict.Status.PASSED);
    }

    @Test
    void theCounterfactualCheckFindsTheSamplesWhosePredictionFlipsWithSex() {
        CounterfactualResult result =
                CounterfactualCheck.of(model, test, "sex", 2).run();
        List<Integer> flipped = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            float[] x = test.sample(i).toFloatArray();
            int before = model.predict(Tensor.of(x, 1, 3)).argMax()[0];
            x[2] = 1 - x[2];
            if (model.predict(Tensor.of(x, 1, 3)).argMax()[0] != before) {
                flipped.add(i);
            }
        }
        assertThat(flipped).hasSizeGreaterThan(50);
        assertThat(result.changed()).extracting(Counterfactual::sample).isEqualTo(flipped);
        assertThat(result.samples()).isEqualTo(1000);
        assertThat(result.checked()).isEqualTo(1000);
        assertThat(result.values()).containsExactly(0, 1);
        Counterfactual first = result.changed().get(0);
        assertThat(first.describe())
                .isEqualTo("changing only sex from " + (int) first.value() + " to " + (1 - (int) first.value())
                        + " changes the prediction from class " + first.prediction() + " to class "
                        + (1 - first.prediction()));
        // a woman (sex = 0) refused turns accepted as a man, never the other way round: the bias's direction
        assertThat(result.changed()).allMatch(c -> c.prediction() == (int) c.value());
    }
}
