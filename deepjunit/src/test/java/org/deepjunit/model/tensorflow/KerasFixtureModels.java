package org.deepjunit.model.tensorflow;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Tensor;

/**
 * The committed Keras-layout SavedModels under {@code keras-savedmodels/} (made by {@link KerasSavedModelFixtures})
 * as the tests that load them need them: their directories, the random inputs fed to them and their layers' names.
 */
final class KerasFixtureModels {

    private KerasFixtureModels() {}

    /** A committed fixture as a directory. */
    static Path fixture(String name) {
        try {
            return Path.of(KerasFixtureModels.class
                    .getResource("/keras-savedmodels/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random inputs in [0.2, 0.8] (MNIST's runs of equal pixels make exact max-pool ties). */
    static Tensor randomInputs() {
        Random values = new Random(17);
        float[] v = new float[2 * 784];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.2f + 0.6f * values.nextFloat();
        }
        return Tensor.of(v, 2, 28, 28, 1);
    }

    static List<String> names(List<Layer> layers) {
        List<String> n = new ArrayList<>();
        layers.forEach(l -> n.add(l.name()));
        return n;
    }
}
