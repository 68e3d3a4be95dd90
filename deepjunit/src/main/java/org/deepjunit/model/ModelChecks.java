package org.deepjunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The checks every adapter runs before and after handing work to its framework, so that all
 * adapters fail the same way with the same messages. For adapter implementers.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelChecks {

    private ModelChecks() {}

    /**
     * Checks that {@code inputs} is a non-empty batch of samples of {@code model.inputShape()}.
     * Runs before anything reaches native code: TensorFlow aborts the JVM on a wrong-rank feed.
     */
    public static void checkInput(Model model, Tensor inputs) {
        Shape expected = model.inputShape();
        Shape given = inputs.shape();
        if (given.rank() != expected.rank() + 1 || !expected.accepts(given.withoutBatch())) {
            throw new InputShapeException(model.name(), given, expected);
        }
        if (given.dim(0) < 1) {
            throw new InputShapeException(model.name(), given, expected);
        }
        int bad = inputs.firstNonFinite();
        if (bad >= 0) {
            int perSample = inputs.size() / given.dim(0);
            throw new NonFiniteValueException("Input sample " + bad / perSample + " for model '" + model.name()
                    + "' contains " + inputs.getDouble(bad) + " at index " + bad % perSample
                    + " of the sample; inputs must be finite numbers");
        }
    }

    /** Checks that every name is a layer of the model. */
    public static void checkLayers(Model model, Collection<String> layerNames) {
        Map<String, Layer> byName = layersByName(model);
        for (String name : layerNames) {
            if (!byName.containsKey(name)) {
                throw new UnknownLayerException(name, byName.keySet());
            }
        }
    }

    /**
     * Checks an objective against the model and a batch size: known layers, neuron and logit
     * indices in range, sample indices inside the batch.
     */
    public static void checkObjective(Model model, Objective objective, int batchSize) {
        Map<String, Layer> byName = layersByName(model);
        for (Objective.Term term : objective.terms()) {
            if (term.sample() >= batchSize) {
                throw new ModelException("Objective term " + term + " names sample " + term.sample()
                        + " but the batch has " + batchSize + " samples");
            }
            int units;
            String what;
            if (term.isLogit()) {
                units = model.outputShape().last();
                what = "the output of model '" + model.name() + "'";
            } else {
                Layer layer = byName.get(term.layer());
                if (layer == null) {
                    throw new UnknownLayerException(term.layer(), byName.keySet());
                }
                units = layer.neuronCount();
                what = "layer '" + layer.name() + "'";
            }
            if (term.unit() >= units) {
                throw new ModelException("Objective term " + term + " names unit " + term.unit() + " but " + what
                        + " has " + units + " (valid indices 0.." + (units - 1) + ")");
            }
        }
    }

    /** Throws {@link NonFiniteValueException} naming the sample if {@code values} holds a NaN or infinity. */
    public static Tensor checkFinite(Model model, String where, Tensor values) {
        int bad = values.firstNonFinite();
        if (bad >= 0) {
            int perSample = Math.max(1, values.size() / values.batchSize());
            throw new NonFiniteValueException("Model '" + model.name() + "' produced " + values.getDouble(bad)
                    + " in " + where + " for input sample " + bad / perSample + " (at index " + bad % perSample
                    + " of the sample); check the weights and the input scale for overflow or division by zero");
        }
        return values;
    }

    private static Map<String, Layer> layersByName(Model model) {
        return model.layers().stream()
                .collect(Collectors.toMap(Layer::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
