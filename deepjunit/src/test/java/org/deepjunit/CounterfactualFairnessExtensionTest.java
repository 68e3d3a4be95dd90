package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deepjunit.fairness.Counterfactual;
import org.deepjunit.fairness.CounterfactualResult;
import org.deepjunit.model.Model;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code @CounterfactualFairness} through the Jupiter engine, on a linear model whose logit of class 1 is
 * {@code x + w·sex − 1.5} and the six rows of {@code fairness/counterfactual.csv} (x, sex, y, label): with w = 2,
 * changing sex flips samples 0 (x = 0), 2 (x = 1) and 5 (x = 0.5) and no other, so exactly those three invocations
 * run and fail; with w = 0 nothing flips and one invocation passes, saying so.
 */
class CounterfactualFairnessExtensionTest {

    static final String CSV = "classpath:/fairness/counterfactual.csv";

    @TempDir
    Path dir;

    /** Softmax over logits {@code (0, x + sexWeight·sex − 1.5)} of inputs {@code (x, sex, y)}. */
    static Model linear(double sexWeight) {
        return linear(sexWeight, "linear");
    }

    /** {@link #linear(double)} under another name, e.g. two versions of it. */
    static Model linear(double sexWeight, String name) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(3)
                        .nOut(2)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        net.getLayer(0).setParam("W", Nd4j.create(new double[][] {{0, 1}, {0, sexWeight}, {0, 0}}));
        net.getLayer(0).setParam("b", Nd4j.create(new double[][] {{0, -1.5}}));
        return Dl4jModel.builder(net).name(name).build();
    }

    static class Unfair {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @TestModel("linear")
        static Model linear() {
            return CounterfactualFairnessExtensionTest.linear(2);
        }

        @CounterfactualFairness(model = "linear", data = CSV, labels = "-2", attribute = "sex")
        void sexDoesNotDecide(Counterfactual changed, CounterfactualResult result) {
            SEEN.add(changed.sample() + " of " + result.samples());
        }
    }

    static class Fair {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @TestModel("linear")
        static Model linear() {
            return CounterfactualFairnessExtensionTest.linear(0);
        }

        @CounterfactualFairness(model = "linear", data = CSV, labels = "-2", attribute = "sex")
        void sexDoesNotDecide(Counterfactual changed, CounterfactualResult result) {
            SEEN.add(changed + " " + result.checked());
        }
    }

    /** sex = 2 raises the logit by 4: every sample predicted 0 (0, 3 and 5) turns 1. */
    static class OtherValue extends Unfair {
        @CounterfactualFairness(model = "linear", data = CSV, labels = "-2", attribute = "sex", values = 2)
        void sexTwo() {}
    }

    /** The label in the first column: sex is then the second feature, as before. */
    static class LabelFirst extends Unfair {
        @CounterfactualFairness(
                model = "linear",
                data = "classpath:/fairness/counterfactual-label-first.csv",
                labels = "0",
                attribute = "sex")
        void labelFirst() {}
    }

    static class Misnamed extends Unfair {
        @CounterfactualFairness(model = "linear", data = CSV, labels = "-2", attribute = "gender")
        void unknownColumn() {}

        @CounterfactualFairness(model = "linear", data = CSV, labels = "-2", attribute = "label")
        void labelColumn() {}

        @CounterfactualFairness(model = "linear", data = "classpath:/fairness/none.csv", attribute = "sex")
        void noFile() {}
    }

    private EngineExecutionResults run(Class<?> subject) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.parallel.enabled",
                        "false",
                        "deepjunit.report.dir",
                        dir.resolve("report").toString(),
                        "deepjunit.quality.history.url",
                        "jdbc:sqlite:" + dir.resolve("history.db"),
                        "deepjunit.quality.history.project",
                        "counterfactual"))
                .selectors(selectClass(subject))
                .execute();
    }

    private static List<String> names(List<Event> events) {
        return events.stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    private static List<String> messages(List<Event> failed) {
        return failed.stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .toList();
    }

    @Test
    void oneFailingInvocationPerSampleWhosePredictionChanges() {
        EngineExecutionResults r = run(Unfair.class);
        r.testEvents().assertStatistics(s -> s.started(3).failed(3).succeeded(0));
        assertThat(names(r.testEvents().failed().list()))
                .containsExactly(
                        "sample 0: sex 0 → 1 changes class 0 → 1",
                        "sample 2: sex 1 → 0 changes class 1 → 0",
                        "sample 5: sex 0 → 1 changes class 0 → 1");
        assertThat(messages(r.testEvents().failed().list()))
                .containsExactly(
                        "Model linear is not counterfactually fair on sample 0 of " + CSV
                                + ": changing only sex from 0 to 1 changes the prediction from class 0 to class 1",
                        "Model linear is not counterfactually fair on sample 2 of " + CSV
                                + ": changing only sex from 1 to 0 changes the prediction from class 1 to class 0",
                        "Model linear is not counterfactually fair on sample 5 of " + CSV
                                + ": changing only sex from 0 to 1 changes the prediction from class 0 to class 1");
        // the body ran in every invocation, with the changed sample and the whole run injected
        assertThat(Unfair.SEEN).containsExactly("0 of 6", "2 of 6", "5 of 6");
        assertThat(summary(r))
                .isEqualTo("@CounterfactualFairness Unfair.sexDoesNotDecide: 6 samples of linear checked with sex set"
                        + " to each of 0, 1 (6 counterfactual inputs): 3 samples' prediction changed");
        try (HistoryStore history = HistoryStore.openSqlite(dir.resolve("history.db"))) {
            List<RunRecord> runs = history.runs("counterfactual", "linear", 10);
            assertThat(runs)
                    .singleElement()
                    .extracting(RunRecord::testId)
                    .isEqualTo(Unfair.class.getName() + ".sexDoesNotDecide");
            FigureRecord f = runs.get(0).figures().get(0);
            assertThat(f)
                    .extracting(
                            FigureRecord::kind,
                            FigureRecord::name,
                            FigureRecord::value,
                            FigureRecord::n,
                            FigureRecord::verdict)
                    .containsExactly("counterfactual", "changed predictions (sex)", 3.0, 6L, "failed");
        }
    }

    @Test
    void whenNoPredictionChangesOneInvocationPassesSayingWhatWasChecked() {
        EngineExecutionResults r = run(Fair.class);
        r.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(names(r.testEvents().succeeded().list())).containsExactly("no prediction changed (6 samples)");
        assertThat(Fair.SEEN).containsExactly("null 6");
        assertThat(summary(r))
                .endsWith(": 6 samples of linear checked with sex set to each of 0, 1 (6 counterfactual"
                        + " inputs): 0 samples' prediction changed");
    }

    @Test
    void theValuesPutInAndTheLabelColumnsPlace() {
        EngineExecutionResults other = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(
                        org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(OtherValue.class, "sexTwo"))
                .execute();
        assertThat(names(other.testEvents().failed().list()))
                .containsExactly(
                        "sample 0: sex 0 → 2 changes class 0 → 1",
                        "sample 3: sex 1 → 2 changes class 0 → 1",
                        "sample 5: sex 0 → 2 changes class 0 → 1");
        EngineExecutionResults labelFirst = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(
                        LabelFirst.class, "labelFirst"))
                .execute();
        assertThat(names(labelFirst.testEvents().failed().list()))
                .containsExactly(
                        "sample 0: sex 0 → 1 changes class 0 → 1",
                        "sample 2: sex 1 → 0 changes class 1 → 0",
                        "sample 5: sex 0 → 1 changes class 0 → 1");
    }

    @Test
    void anUnknownColumnTheLabelColumnOrAMissingFileIsAClearError() {
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("junit.jupiter.execution.parallel.enabled", "false"))
                .selectors(
                        org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(
                                Misnamed.class, "unknownColumn"),
                        org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(
                                Misnamed.class, "labelColumn"),
                        org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(Misnamed.class, "noFile"))
                .execute();
        r.testEvents().assertStatistics(s -> s.started(0));
        assertThat(messages(r.containerEvents().failed().list()))
                .containsExactlyInAnyOrder(
                        "@CounterfactualFairness Misnamed.unknownColumn: " + CSV + " has no column 'gender' in its"
                                + " header [x, sex, y, label]; name one of those",
                        "@CounterfactualFairness Misnamed.labelColumn: the attribute 'label' is the label column of "
                                + CSV + "; name a feature column",
                        "@CounterfactualFairness Misnamed.noFile: Cannot read classpath:/fairness/none.csv as CSV: No"
                                + " classpath resource /fairness/none.csv");
    }

    private static String summary(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class)
                        .getKeyValuePairs()
                        .get("deepjunit.fairness.counterfactual"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow();
    }
}
