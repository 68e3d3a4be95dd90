package org.deepjunit.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.data.Progress;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.NeuronValues;
import org.deepjunit.model.Tensor;

/**
 * Computes DeepGauge profiles and caches them: in memory for the run and as JSON files
 * {@code <dir>/<model>-<fingerprint>-<data hash>.json}, reused across runs and forks.
 */
final class Profiles {

    private static final int BATCH = 256;

    private Profiles() {}

    /**
     * The profile of {@code model} over {@code data} for its counted layers, from the caches or computed.
     *
     * @param cacheDir where profiles are kept as files across runs and forks
     * @param memory   the run's profiles by key, consulted before the files
     *
     * @throws IllegalArgumentException when the data's samples do not fit the model's input (message names both shapes)
     */
    public static Profile profile(
            Model model,
            String fingerprint,
            ProfileData data,
            List<Layer> counted,
            Path cacheDir,
            Map<String, Profile> memory)
            throws IOException {
        if (!data.fits(model.inputShape())) {
            throw new IllegalArgumentException("Profile data " + data.source() + " has samples of shape "
                    + data.sampleShape() + ", which do not fit model " + model.name() + "'s input shape "
                    + model.inputShape());
        }
        String key = org.deepjunit.data.SafeFileNames.of(model.name()) + "-"
                + fingerprint.substring(0, Math.min(16, fingerprint.length())) + "-"
                + data.hash().substring(0, 16);
        Path file = cacheDir.resolve(key + ".json");
        Profile cached = memory.get(key);
        if (cached == null && Files.isRegularFile(file)) {
            try {
                cached = read(file, fingerprint, data.hash());
            } catch (IOException | RuntimeException e) {
                cached = null; // unreadable cache: compute again
            }
        }
        if (cached != null
                && cached.bounds()
                        .keySet()
                        .containsAll(counted.stream().map(Layer::name).toList())) {
            memory.putIfAbsent(key, cached);
            return cached;
        }
        Profile computed = compute(model, fingerprint, data);
        write(file, computed);
        memory.put(key, computed);
        return computed;
    }

    /** Runs the model over all samples (every layer but the input) and keeps each neuron's min and max. */
    static Profile compute(Model model, String fingerprint, ProfileData data) {
        List<String> layers = model.layers().stream()
                .filter(l -> l.kind() != org.deepjunit.model.LayerKind.INPUT)
                .map(Layer::name)
                .toList();
        Profile.Builder builder = new Profile.Builder();
        Progress progress = new Progress(
                System.out, "profile of " + model.name() + " on " + data.source(), data.count(), "samples");
        for (int from = 0; from < data.count(); from += BATCH) {
            int to = Math.min(data.count(), from + BATCH);
            Tensor batch = data.batch(from, to, model.inputShape()).as(model.dataType());
            NeuronValues values = model.neuronValues(batch, layers);
            builder.add(values, layers);
            progress.done(to);
        }
        return builder.build(fingerprint, data.hash());
    }

    static void write(Path file, Profile p) throws IOException {
        ObjectNode root = CoverageData.json().createObjectNode();
        root.put("format", "deepjunit-profile/1");
        root.put("fingerprint", p.fingerprint());
        root.put("dataHash", p.dataHash());
        root.put("samples", p.samples());
        ObjectNode layers = root.putObject("layers");
        p.bounds().forEach((name, b) -> {
            ObjectNode ln = layers.putObject(name);
            ArrayNode low = ln.putArray("low");
            ArrayNode high = ln.putArray("high");
            for (double v : b[0]) {
                low.add(v);
            }
            for (double v : b[1]) {
                high.add(v);
            }
        });
        CoverageData.writeAtomically(file, root);
    }

    static Profile read(Path file, String fingerprint, String dataHash) throws IOException {
        JsonNode root = CoverageData.json().readTree(file.toFile());
        if (!fingerprint.equals(root.path("fingerprint").asText())
                || !dataHash.equals(root.path("dataHash").asText())) {
            return null;
        }
        Map<String, double[][]> bounds = new LinkedHashMap<>();
        root.get("layers").fields().forEachRemaining(e -> {
            JsonNode low = e.getValue().get("low");
            JsonNode high = e.getValue().get("high");
            double[][] b = new double[2][low.size()];
            for (int i = 0; i < low.size(); i++) {
                b[0][i] = low.get(i).asDouble();
                b[1][i] = high.get(i).asDouble();
            }
            bounds.put(e.getKey(), b);
        });
        return new Profile(fingerprint, dataHash, root.get("samples").asLong(), bounds);
    }
}
