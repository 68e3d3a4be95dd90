package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepjunit.model.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An architecture whose layers do not fit the stored weights fails at load, naming layer and both shapes. */
class Dl4jKerasMismatchTest {

    @TempDir
    Path dir;

    private Path edited(String source, String name, String from, String to) throws IOException {
        String json = Files.readString(Dl4jDeepXploreMnistTest.resource(source));
        int at = json.indexOf(from);
        return Files.writeString(dir.resolve(name), json.substring(0, at) + to + json.substring(at + from.length()));
    }

    @Test
    void millionUnitsAgainstTenStoredIsRefusedBeforeBuilding() throws IOException {
        Path json = edited("lenet1.json", "units.json", "\"units\": 10", "\"units\": 1000000");
        Path h5 = Dl4jDeepXploreMnistTest.resource("Model1.h5");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, h5))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(h5.toString())
                .hasMessageContaining(json.toString())
                .hasMessageContaining("layer 'before_softmax' (Dense)")
                .hasMessageContaining("needs its bias shaped [1000000], but the weights file stores [10]");
    }

    @Test
    void moreFiltersThanStoredIsRefused() throws IOException {
        Path json = edited("lenet1.json", "filters.json", "\"filters\": 12", "\"filters\": 13");
        Path h5 = Dl4jDeepXploreMnistTest.resource("Model1.h5");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, h5))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("layer 'block2_conv1' (Conv2D)")
                .hasMessageContaining("needs its bias shaped [13], but the weights file stores [12]");
    }

    @Test
    void changedInputSizeOfADenseLayerIsRefused() throws IOException {
        // Pooling 2x2 with stride 1 instead of 2: the flattened input of before_softmax is no longer 588 long.
        Path json = edited(
                "lenet1.json",
                "pool.json",
                "\"padding\": \"valid\", \"strides\": [2, 2]",
                "\"padding\": \"valid\", \"strides\": [1, 1]");
        Path h5 = Dl4jDeepXploreMnistTest.resource("Model1.h5");
        assertThatThrownBy(() -> Dl4jModel.importKeras(json, h5))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(h5.toString())
                .hasMessageContaining("layer 'before_softmax' needs parameter W shaped [")
                .hasMessageContaining("the weights file stores [588, 10]")
                .hasMessageContaining(json.toString());
    }
}
