package org.deepjunit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.Model;
import org.deepjunit.Tensor;
import org.deepjunit.model.tensorflow.InputScale;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both adapters compute neuron values inside the framework; they equal the reference {@link NeuronValues#of}. */
class AdapterNeuronValuesTest {

    @Test
    void dl4jLeNet5() {
        try (Model model = DeepXploreModels.dl4j(LeNet.LENET5)) {
            check(model);
        }
    }

    @Test
    void tensorFlowLeNet5(@TempDir Path dir) {
        try (Model model = DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5"))) {
            check(model);
            check(model); // the cached graph ops again
        }
    }

    /** A model that rescales its input must compute neuron values from the same scaled input as predict. */
    @Test
    void tensorFlowWithAnInputScale(@TempDir Path dir) {
        DeepXploreModels.tensorflow(LeNet.LENET1, dir.resolve("lenet1")).close();
        try (Model model = TensorFlowModel.builder(dir.resolve("lenet1")).inputScale(InputScale.divideBy(2)).build()) {
            check(model);
        }
    }

    static void check(Model model) {
        Tensor images = Mnist.images(0, 33);
        List<String> layers = ForwardListeners.observedLayers(model);
        NeuronValues inFramework = model.neuronValues(images, layers);
        NeuronValues reference = NeuronValues.of(model.activations(images, layers));
        assertThat(inFramework.layers().keySet()).containsExactlyElementsOf(reference.layers().keySet());
        assertThat(inFramework.output().maxAbsDifference(reference.output())).isZero();
        for (String layer : layers) {
            NeuronValues.LayerValues a = inFramework.layer(layer);
            NeuronValues.LayerValues b = reference.layer(layer);
            assertThat(a.batch()).isEqualTo(b.batch());
            assertThat(a.neurons()).as(layer).isEqualTo(b.neurons());
            assertThat(a.mins()).as(layer).containsExactly(b.mins());
            assertThat(a.maxs()).as(layer).containsExactly(b.maxs());
            for (int i = 0; i < a.means().length; i++) {
                // TF reduces float32 layers in float32: allow float rounding relative to the input's layer range
                int sample = i / a.neurons();
                double tol = 1e-5 * Math.max(1e-3, b.maxs()[sample] - b.mins()[sample]);
                assertThat(a.means()[i]).as("%s mean %d", layer, i).isCloseTo(b.means()[i],
                        org.assertj.core.data.Offset.offset(tol));
            }
        }
    }
}
