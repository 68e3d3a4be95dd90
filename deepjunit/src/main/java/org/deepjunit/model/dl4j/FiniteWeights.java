package org.deepjunit.model.dl4j;

import java.util.Map;
import org.deepjunit.model.ModelLoadException;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Refuses loaded weights holding NaN or infinity: damaged bytes in a weights file decode to them, and without this
 * check the first prediction fails naming the model, not the file.
 */
final class FiniteWeights {

    private FiniteWeights() {}

    static void require(Layer[] layers, Object file) {
        for (Layer layer : layers) {
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                INDArray a = p.getValue();
                if (a.isNaN().any() || a.isInfinite().any()) {
                    throw new ModelLoadException(file + ": layer '"
                            + layer.conf().getLayer().getLayerName()
                            + "' has NaN or infinite values in its parameter " + p.getKey() + ": the weights are"
                            + " corrupt. Restore the file (pin its SHA-256 with .sha256(...) to catch any change)");
                }
            }
        }
    }
}
