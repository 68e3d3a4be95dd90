package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.model.tensorflow.TfFixtures;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardListenersTest {

    @TempDir
    Path dir;

    /** Collects events; optionally asks for neuron values. */
    private static final class Recorder implements ForwardListener {
        final List<ForwardEvent> events = new CopyOnWriteArrayList<>();
        final boolean values;

        Recorder(boolean values) {
            this.values = values;
        }

        @Override
        public boolean wantsNeuronValues() {
            return values;
        }

        @Override
        public void onForward(ForwardEvent event) {
            events.add(event);
        }
    }

    @Test
    void seesPredictAndActivationsOfBothAdaptersWithNeuronValues() {
        Recorder recorder = new Recorder(true);
        Tensor images = Mnist.images(0, 3);
        try (Model dl4j = DeepXploreModels.dl4j(LeNet.LENET1);
                Model tf = DeepXploreModels.tensorflow(LeNet.LENET1, dir)) {
            Tensor expectedDl4j;
            Activations allTf;
            try (ForwardListeners.Binding ignored = ForwardListeners.bind(recorder)) {
                expectedDl4j = dl4j.predict(images);
                tf.activations(images, List.of("block1_conv1"));
            }
            allTf = tf.activations(images);
            assertThat(recorder.events).hasSize(2);

            ForwardEvent first = recorder.events.get(0);
            assertThat(first.model()).isSameAs(dl4j);
            assertThat(first.output()).isEqualTo(expectedDl4j);
            assertThat(first.neuronValues().layers().keySet())
                    .containsExactly(
                            "block1_conv1",
                            "block1_pool1",
                            "block2_conv1",
                            "block2_pool1",
                            "flatten",
                            "before_softmax",
                            "predictions");

            ForwardEvent second = recorder.events.get(1);
            assertThat(second.model()).isSameAs(tf);
            assertHandComputedValues(second.neuronValues(), allTf, "block2_conv1");
            assertHandComputedValues(second.neuronValues(), allTf, "before_softmax");
        }
    }

    /** Neuron values against plain loops over the layer output: channel mean, and the scaled mean. */
    private static void assertHandComputedValues(NeuronValues values, Activations activations, String layer) {
        Tensor out = activations.layer(layer);
        int batch = out.batchSize();
        int channels = out.shape().last();
        int positions = out.size() / batch / channels;
        NeuronValues.LayerValues v = values.layer(layer);
        for (int s = 0; s < batch; s++) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int i = 0; i < positions * channels; i++) {
                min = Math.min(min, out.getDouble(s * positions * channels + i));
                max = Math.max(max, out.getDouble(s * positions * channels + i));
            }
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                double scaledSum = 0;
                for (int p = 0; p < positions; p++) {
                    double x = out.getDouble((s * positions + p) * channels + c);
                    sum += x;
                    scaledSum += (x - min) / (max - min);
                }
                assertThat(v.raw(s, c)).as("%s raw [%d,%d]", layer, s, c).isCloseTo(sum / positions, within(1e-5));
                assertThat(v.scaled(s, c))
                        .as("%s scaled [%d,%d]", layer, s, c)
                        .isCloseTo(scaledSum / positions, within(1e-5));
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    @Test
    void noValuesUnlessWantedAndNothingAfterUnbinding() {
        Recorder recorder = new Recorder(false);
        TfFixtures.Exported mlp = TfFixtures.mlp(DataType.FLOAT32, new int[] {4, 5, 3}, new Random(1), dir);
        try (Model model = TensorFlowModel.load(mlp.dir())) {
            Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4);
            ForwardListeners.Binding binding = ForwardListeners.bind(recorder);
            assertThat(ForwardListeners.active()).isTrue();
            model.predict(x);
            binding.close();
            binding.close();
            model.predict(x);
            assertThat(ForwardListeners.active()).isFalse();
            assertThat(recorder.events).hasSize(1);
            assertThat(recorder.events.get(0).neuronValues()).isNull();
        }
    }

    @Test
    void aListenerMayRunAnotherModelWithoutBeingCalledAgain() {
        TfFixtures.Exported mlp = TfFixtures.mlp(DataType.FLOAT32, new int[] {4, 5, 3}, new Random(2), dir);
        try (Model model = TensorFlowModel.load(mlp.dir())) {
            List<Tensor> replayed = new CopyOnWriteArrayList<>();
            ForwardListener replaying = event -> replayed.add(model.predict(event.inputs()));
            Tensor x = Tensor.of(new float[] {1, 0, 0, 1}, 1, 4);
            try (ForwardListeners.Binding ignored = ForwardListeners.bind(replaying)) {
                model.predict(x);
            }
            assertThat(replayed).hasSize(1);
        }
    }

    @Test
    void bindingsAreConfinedToTheirThread() throws Exception {
        Recorder recorder = new Recorder(true);
        TfFixtures.Exported mlp = TfFixtures.mlp(DataType.FLOAT32, new int[] {4, 5, 3}, new Random(3), dir);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Model model = TensorFlowModel.load(mlp.dir());
                ForwardListeners.Binding ignored = ForwardListeners.bind(recorder)) {
            Tensor x = Tensor.of(new float[] {1, 0, 0, 1}, 1, 4);
            other.submit(() -> model.predict(x)).get();
            assertThat(recorder.events).isEmpty();
            model.predict(x);
            assertThat(recorder.events).hasSize(1);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void listenerFailuresReachTheCaller() {
        TfFixtures.Exported mlp = TfFixtures.mlp(DataType.FLOAT32, new int[] {4, 5, 3}, new Random(4), dir);
        try (Model model = TensorFlowModel.load(mlp.dir());
                ForwardListeners.Binding ignored = ForwardListeners.bind(event -> {
                    throw new AssertionError("models disagree");
                })) {
            assertThatThrownBy(() -> model.predict(Tensor.of(new float[4], 1, 4)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("models disagree");
        }
    }
}
