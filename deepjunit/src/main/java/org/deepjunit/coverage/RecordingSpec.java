package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Model;

/**
 * What shapes recorded coverage data (as opposed to how it is judged): KMNC sections, top-k, layer selection and
 * the profile's source. Coverage recorded under different specs is kept apart, so merging stays exact.
 *
 * @param k            KMNC sections, at least 1
 * @param topK         TKNC/TKNP k, at least 1; 0 when neither is recorded (a recording without them skips the top-k
 *                     search and the patterns)
 * @param include      regular expressions (whole-name match) of layers to count; empty: the default layers
 * @param exclude      regular expressions of layers not to count
 * @param profileData  the profile's data source, or {@code null} for none
 * @param profileScale factor applied to profile data; NaN for the default (1/255 for byte data, else 1)
 */
@API(status = INTERNAL, since = "0.1")
public record RecordingSpec(
        int k, int topK, List<String> include, List<String> exclude, String profileData, double profileScale) {

    public static final int DEFAULT_K = 10;
    public static final int DEFAULT_TOP_K = 2;

    public RecordingSpec {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 1 (or 0 for none), was " + topK);
        }
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String p : include) {
            compile(p);
        }
        for (String p : exclude) {
            compile(p);
        }
    }

    /** The defaults: k = 10, top-2, default layers, no profile. */
    public static RecordingSpec defaults() {
        return new RecordingSpec(DEFAULT_K, DEFAULT_TOP_K, List.of(), List.of(), null, Double.NaN);
    }

    public boolean hasProfile() {
        return profileData != null;
    }

    /** Whether TKNC and TKNP are recorded: {@code topK > 0}. */
    public boolean hasTopK() {
        return topK > 0;
    }

    /** A short stable id of this spec, part of a model's key in coverage data. */
    public String id() {
        return sha256(canonical()).substring(0, 12);
    }

    String canonical() {
        return "k=" + k + ";topk=" + topK + ";include=" + include + ";exclude=" + exclude + ";profile=" + profileData
                + ";scale=" + profileScale;
    }

    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "a regular expression, but '" + regex + "' is not one: " + e.getDescription());
        }
    }

    /**
     * The model's counted layers in model order. Throws {@link IllegalArgumentException} naming the pattern and
     * the model's layers when an include or exclude pattern matches no layer, or when no layer is left to count.
     */
    public List<Layer> select(Model model) {
        List<Layer> layers = model.layers();
        List<Pattern> in = include.stream().map(RecordingSpec::compile).toList();
        List<Pattern> out = exclude.stream().map(RecordingSpec::compile).toList();
        for (int i = 0; i < in.size(); i++) {
            requireMatch(model, layers, in.get(i), "deepjunit.coverage.layers.include");
        }
        for (int i = 0; i < out.size(); i++) {
            requireMatch(model, layers, out.get(i), "deepjunit.coverage.layers.exclude");
        }
        List<Layer> selected = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.kind() == LayerKind.INPUT) {
                continue;
            }
            boolean counted = in.isEmpty()
                    ? layer.kind().countedByDefault()
                    : in.stream().anyMatch(p -> p.matcher(layer.name()).matches());
            if (counted && out.stream().noneMatch(p -> p.matcher(layer.name()).matches())) {
                selected.add(layer);
            }
        }
        if (selected.isEmpty()) {
            // A model with no neurons would be "100% covered" by any suite.
            throw new IllegalArgumentException("The layer patterns (deepjunit.coverage.layers.include " + include
                    + ", deepjunit.coverage.layers.exclude " + exclude + ") leave no layer of model " + model.name()
                    + " to count; its layers are "
                    + layers.stream().map(Layer::name).toList());
        }
        return selected;
    }

    private static void requireMatch(Model model, List<Layer> layers, Pattern p, String what) {
        if (layers.stream().noneMatch(l -> p.matcher(l.name()).matches())) {
            throw new IllegalArgumentException("Layer pattern '" + p.pattern() + "' (" + what
                    + ") matches no layer of model " + model.name() + "; its layers are "
                    + layers.stream().map(Layer::name).toList());
        }
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return org.deepjunit.model.Sha256.hex(bytes);
    }
}
