package org.deepjunit.model;

import java.util.List;
import java.util.Locale;

/**
 * The default {@link Model#fingerprint()}: SHA-256 of the model's structure (input shape, data type, layers) and of
 * what it computes on a fixed pseudo-random probe batch (every layer's neuron values and the output, rounded to
 * 6 significant digits so that bit-level noise does not matter). Changing a weight changes the fingerprint unless
 * the change is invisible on the probe.
 */
final class Fingerprints {

    private Fingerprints() {}

    public static String of(Model model) {
        StringBuilder text = new StringBuilder();
        text.append(model.inputShape()).append(';').append(model.dataType()).append(';');
        for (Layer layer : model.layers()) {
            text.append(layer).append(';');
        }
        int batch = 2;
        int per = model.inputShape().size();
        float[] probe = new float[batch * per];
        long state = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < probe.length; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            probe[i] = (float) ((state >>> 40) / (double) (1L << 24));
        }
        Tensor inputs = Tensor.wrap(probe, model.inputShape().withBatch(batch)).as(model.dataType());
        List<String> layers = ForwardListeners.observedLayers(model);
        NeuronValues values = model.neuronValues(inputs, layers);
        for (NeuronValues.LayerValues lv : values.layers().values()) {
            for (double v : lv.means()) {
                text.append(round(v)).append(',');
            }
        }
        Tensor out = values.output();
        for (int i = 0; i < out.size(); i++) {
            text.append(round(out.getDouble(i))).append(',');
        }
        return Sha256.hex(text.toString());
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.5e", v);
    }
}
