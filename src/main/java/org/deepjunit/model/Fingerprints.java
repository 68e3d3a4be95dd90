package org.deepjunit.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        MessageDigest sha = sha256();
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
        return hex(sha, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.5e", v);
    }

    /** SHA-256 of bytes, as lowercase hex. */
    public static String hex(byte[] bytes) {
        return hex(sha256(), bytes);
    }

    private static String hex(MessageDigest sha, byte[] bytes) {
        return HexFormat.of().formatHex(sha.digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
