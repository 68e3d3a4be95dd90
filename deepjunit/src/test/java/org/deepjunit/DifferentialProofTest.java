package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deepjunit.differential.ApprovedFile;
import org.deepjunit.differential.ApprovedVerdict;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The proofs with real models: DeepXplore's LeNet-1 in DL4J against its TensorFlow twin
 * (identical weights) over an MNIST sample, the same with one DL4J weight perturbed, and a
 * retrained model against the previous model file.
 */
class DifferentialProofTest {

    static final int SAMPLE = 1000;

    @TempDir
    Path dir;

    /** Feeds the MNIST sample to the model under test in batches of 100; the extension replays it on the reference. */
    static int classifySample(Model model, int from, int to, boolean flat) {
        int correct = 0;
        for (int start = from; start < to; start += 100) {
            Tensor images = Mnist.images(start, start + 100);
            int[] predicted =
                    model.predict(flat ? images.reshape(100, 784) : images).argMax();
            int[] labels = Mnist.labels(start, start + 100);
            for (int i = 0; i < 100; i++) {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
        }
        return correct;
    }

    @DifferentialAgainst(model = "lenet1", reference = "lenet1Tf")
    static class Twins {
        static Path tfDir;

        @TestModel("lenet1")
        static Model lenet1() {
            return DeepXploreModels.dl4j(LeNet.LENET1);
        }

        @TestModel("lenet1Tf")
        static Model lenet1Tf() {
            return DeepXploreModels.tensorflow(LeNet.LENET1, tfDir);
        }

        @Test
        void classifiesTheMnistSample(@TestModel("lenet1") Model lenet1) {
            assertThat(classifySample(lenet1, 0, SAMPLE, false)).isGreaterThan(SAMPLE * 95 / 100);
        }
    }

    @DifferentialAgainst(model = "lenet1", reference = "lenet1Tf")
    static class Perturbed {
        static Path tfDir;

        @TestModel("lenet1")
        static Model lenet1() {
            return LeNets.perturbedLenet1("block2_conv1", 5, 2.0);
        }

        @TestModel("lenet1Tf")
        static Model lenet1Tf() {
            return DeepXploreModels.tensorflow(LeNet.LENET1, tfDir);
        }

        @Test
        void classifiesTheMnistSample(@TestModel("lenet1") Model lenet1) {
            classifySample(lenet1, 0, SAMPLE, false);
        }
    }

    @DifferentialAgainst(model = "model", reference = "approvedVersion", absoluteTolerance = 0.05)
    static class Retrained {
        static Path previous;
        static MultiLayerNetwork retrained;

        @TestModel("model")
        static Model retrained() {
            return Dl4jModel.builder(retrained).name("mlp-retrained").build();
        }

        @TestModel("approvedVersion")
        static Model approvedVersion() {
            return Dl4jModel.load(previous);
        }

        @Test
        void classifiesHeldOutDigits(@TestModel("model") Model model) {
            assertThat(classifySample(model, 5000, 5000 + SAMPLE, true)).isGreaterThan(SAMPLE * 70 / 100);
        }
    }

    @Test
    void dl4jLeNet1AgreesWithItsTensorFlowTwinOverTheMnistSample() {
        Twins.tfDir = dir.resolve("tf");
        EngineExecutionResults results = run(Twins.class, Map.of());
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        String entry = reportEntries(results).get(0);
        System.out.println("DL4J LeNet-1 vs TF twin: " + entry);
        assertThat(entry).startsWith("compared " + SAMPLE + " inputs with reference \"lenet1Tf\", largest difference ");
        double maxDiff = Double.parseDouble(entry.substring(entry.lastIndexOf(' ') + 1));
        assertThat(maxDiff).isLessThan(1e-5);
        assertThat(dir.resolve("approved")).doesNotExist();
    }

    @Test
    void oneWeightPerturbedIsFoundReportedSavedAndApproved() throws Exception {
        Perturbed.tfDir = dir.resolve("tf");
        Path received =
                dir.resolve("approved/" + Perturbed.class.getName() + ".classifiesTheMnistSample.received.json");
        Path approved =
                dir.resolve("approved/" + Perturbed.class.getName() + ".classifiesTheMnistSample.approved.json");

        EngineExecutionResults failing = run(Perturbed.class, Map.of());
        failing.testEvents().assertStatistics(s -> s.failed(1));
        String message = failureMessages(failing).get(0);
        System.out.println("Perturbed LeNet-1 vs TF twin, failure message:\n" + message);
        List<ApprovedVerdict> records = ApprovedFile.read(received).records();
        long flips = records.stream()
                .filter(v -> v.modelUnderTest().top1() != v.reference().top1())
                .count();
        System.out.println("Perturbed LeNet-1: " + records.size() + " disagreements of " + SAMPLE + ", " + flips
                + " with another top-1 class");
        assertThat(message)
                .startsWith("lenet1-perturbed (model under test) and reference \"lenet1Tf\" (lenet1-tf) disagree on "
                        + records.size() + " of " + SAMPLE + " inputs");
        assertThat(records).hasSizeGreaterThan(10);
        assertThat(flips).isPositive();
        assertThat(message)
                .contains("top-1 differs: ")
                .contains("model under test top-3: ")
                .contains(".png")
                .contains("... and " + (records.size() - 10) + " more, all in the received file");
        for (ApprovedVerdict v : records) {
            assertThat(dir.resolve("report/inputs/" + v.id() + ".png")).exists();
            assertThat(dir.resolve("report/inputs/" + v.id() + ".npy")).exists();
            assertThat(v.input().shape()).containsExactly(28, 28, 1);
        }
        String index = Files.readString(dir.resolve("report/inputs/index.html"));
        assertThat(index).contains("<h1>Inputs the models disagreed on</h1>");
        for (ApprovedVerdict v : records) {
            assertThat(index)
                    .contains("<img src=\"" + v.id() + ".png\" alt=\"input " + v.id() + "\"")
                    .contains("href=\"" + v.id() + ".npy\"");
        }

        run(Perturbed.class, Map.of("deepjunit.differential.approve", "true"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(received).doesNotExist();
        assertThat(approved).exists();
        run(Perturbed.class, Map.of())
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(received).doesNotExist();
    }

    @Test
    void retrainedModelAgainstTheApprovedPreviousFile() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(42)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder()
                        .name("hidden")
                        .nIn(784)
                        .nOut(32)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .name("out")
                        .nIn(32)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        for (int epoch = 0; epoch < 3; epoch++) {
            train(net, 0, 4000);
        }
        Path previous = dir.resolve("mlp-v1.zip");
        ModelSerializer.writeModel(net, previous.toFile(), false);
        train(net, 0, 4000); // one more epoch: the retrained version
        Retrained.previous = previous;
        Retrained.retrained = net;
        Path received = dir.resolve("approved/" + Retrained.class.getName() + ".classifiesHeldOutDigits.received.json");

        EngineExecutionResults changed = run(Retrained.class, Map.of());
        changed.testEvents().assertStatistics(s -> s.failed(1));
        List<ApprovedVerdict> records = ApprovedFile.read(received).records();
        long flips = records.stream()
                .filter(v -> v.modelUnderTest().top1() != v.reference().top1())
                .count();
        System.out.println("Retrained MLP vs previous file: " + records.size() + " changed answers of " + SAMPLE
                + " held-out digits, " + flips + " with another top-1 class");
        assertThat(records).isNotEmpty().hasSizeLessThan(SAMPLE / 2);
        assertThat(failureMessages(changed).get(0))
                .startsWith("mlp-retrained (model under test) and reference \"approvedVersion\" (mlp-v1) disagree on "
                        + records.size() + " of " + SAMPLE + " inputs");

        run(Retrained.class, Map.of("deepjunit.differential.approve", "true"))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(received).doesNotExist();
        run(Retrained.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
    }

    private static void train(MultiLayerNetwork net, int from, int to) {
        for (int start = from; start < to; start += 100) {
            float[] x = Mnist.images(start, start + 100).toFloatArray();
            int[] labels = Mnist.labels(start, start + 100);
            float[] y = new float[100 * 10];
            for (int i = 0; i < 100; i++) {
                y[i * 10 + labels[i]] = 1;
            }
            net.fit(Nd4j.create(x, new long[] {100, 784}, 'c'), Nd4j.create(y, new long[] {100, 10}, 'c'));
        }
    }

    private EngineExecutionResults run(Class<?> subject, Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("deepjunit.differential.approved.dir", dir.resolve("approved").toString());
        all.put("deepjunit.report.dir", dir.resolve("report").toString());
        all.putIfAbsent("deepjunit.differential.approve", "false");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(all)
                .selectors(selectClass(subject))
                .execute();
    }

    private static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow()
                        .getMessage())
                .toList();
    }

    private static List<String> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .map(p -> ((ReportEntry) p).getKeyValuePairs().get(DifferentialExtension.REPORT_KEY))
                .toList();
    }
}
