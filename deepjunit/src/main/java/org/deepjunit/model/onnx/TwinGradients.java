package org.deepjunit.model.onnx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Tensor;

/**
 * Input gradients from a gradient-capable twin with the same weights. The twin is checked against the ONNX model on
 * a probe batch when the model is built, so that a twin with other weights is an error rather than a search that
 * climbs the wrong function.
 */
final class TwinGradients implements GradientSource {

    private final Model twin;
    /** ONNX layer name to the twin's, for objective terms on layers; empty when the layers do not correspond. */
    private final Map<String, String> layers;

    private TwinGradients(Model twin, Map<String, String> layers) {
        this.twin = twin;
        this.layers = layers;
    }

    static TwinGradients check(String model, List<Layer> onnxLayers, Tensor probeOutput, Tensor probe, Model twin) {
        Tensor twinOutput = twin.predict(probe.as(twin.dataType()));
        if (!twinOutput.shape().equals(probeOutput.shape())) {
            throw new ModelLoadException("Gradient twin '" + twin.name() + "' gives outputs of shape "
                    + twinOutput.shape() + " where ONNX model '" + model + "' gives " + probeOutput.shape());
        }
        double scale = 0;
        for (int i = 0; i < probeOutput.size(); i++) {
            scale = Math.max(scale, Math.abs(probeOutput.getDouble(i)));
        }
        double difference = twinOutput.maxAbsDifference(probeOutput);
        if (difference > 1e-4 + 1e-3 * scale) {
            throw new ModelLoadException("Gradient twin '" + twin.name() + "' disagrees with ONNX model '" + model
                    + "' on a probe batch by up to " + difference + " (outputs up to " + scale
                    + "): it does not hold the same weights, so its gradients would mislead the search");
        }
        return new TwinGradients(twin, matchLayers(onnxLayers, twin.layers()));
    }

    private static Map<String, String> matchLayers(List<Layer> onnx, List<Layer> twin) {
        Map<String, String> byName = new HashMap<>();
        Map<String, Layer> twinByName = new HashMap<>();
        twin.forEach(l -> twinByName.put(l.name(), l));
        for (Layer layer : onnx) {
            Layer same = twinByName.get(layer.name());
            if (same != null && same.neuronCount() == layer.neuronCount()) {
                byName.put(layer.name(), same.name());
            }
        }
        if (byName.size() == onnx.size()) {
            return byName;
        }
        List<Layer> counted =
                twin.stream().filter(l -> l.kind().countedByDefault()).toList();
        if (counted.size() != onnx.size()) {
            return Map.of();
        }
        Map<String, String> byPosition = new HashMap<>();
        for (int i = 0; i < onnx.size(); i++) {
            if (counted.get(i).neuronCount() != onnx.get(i).neuronCount()) {
                return Map.of();
            }
            byPosition.put(onnx.get(i).name(), counted.get(i).name());
        }
        return byPosition;
    }

    @Override
    public Tensor inputGradient(OnnxModel model, Tensor inputs, Objective objective) {
        Objective.Builder translated = Objective.builder();
        for (Objective.Term term : objective.terms()) {
            if (term.isLogit()) {
                translated.logit(term.sample(), term.unit(), term.weight());
            } else if (term.weight() != 0) {
                String layer = layers.get(term.layer());
                if (layer == null) {
                    throw new ModelException("Objective term on layer '" + term.layer() + "' of ONNX model '"
                            + model.name() + "' has no counterpart in gradient twin '" + twin.name()
                            + "': its layers "
                            + twin.layers().stream().map(Layer::name).toList()
                            + " match neither by name nor by position. Name the ONNX layers as the twin's");
                }
                translated.neuron(term.sample(), layer, term.unit(), term.weight());
            }
        }
        return twin.inputGradient(inputs.as(twin.dataType()), translated.build())
                .as(inputs.dataType());
    }

    @Override
    public String describe() {
        return "exact, from twin '" + twin.name() + "'";
    }

    @Override
    public void close() {
        twin.close();
    }
}
