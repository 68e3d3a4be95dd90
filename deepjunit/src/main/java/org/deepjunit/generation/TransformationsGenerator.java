package org.deepjunit.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepjunit.config.Configuration;
import org.deepjunit.config.ConfigurationException;

/** {@link Transformations}' generator. */
final class TransformationsGenerator implements InputGenerator<Transformations> {

    private List<TransformSource.Ranged> transformations;
    private double fill;

    @Override
    public String name() {
        return "TRANSFORM";
    }

    @Override
    public void configure(Transformations a, Configuration configuration) {
        Map<Transformation, double[]> ranges = new LinkedHashMap<>();
        for (Transformation t : a.value().length > 0 ? a.value() : Transformation.values()) {
            ranges.put(t, new double[] {t.defaultLow(), t.defaultHigh()});
        }
        for (String spec : a.ranges()) {
            Transformation t = null;
            double[] r = null;
            try {
                String[] kv = spec.split("=", 2);
                t = Transformation.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
                String[] lh = kv[1].split(":", 2);
                r = new double[] {Double.parseDouble(lh[0].trim()), Double.parseDouble(lh[1].trim())};
            } catch (RuntimeException e) {
                // below
            }
            if (t == null || r == null || !(r[0] <= r[1])) {
                throw ConfigurationException.invalid(
                        "@Transformations(ranges)",
                        spec,
                        "<transformation>=<low>:<high> with low <= high, transformation one of "
                                + Arrays.toString(Transformation.values()));
            }
            if (ranges.containsKey(t)) {
                ranges.put(t, r);
            }
        }
        fill = a.fill();
        transformations = new ArrayList<>();
        ranges.forEach((t, r) -> transformations.add(new TransformSource.Ranged(t, r[0], r[1])));
    }

    @Override
    public CandidateSource start(Seeds seeds) {
        seeds.requireImages(name());
        if (Double.isNaN(fill)) {
            return new TransformSource(seeds, transformations, seeds.min());
        }
        if (!(fill >= seeds.min() && fill <= seeds.max())) {
            throw ConfigurationException.invalid(
                    "@Transformations(fill)",
                    String.valueOf(fill),
                    "a value inside @GeneratedInputs(range) [" + seeds.min() + ", " + seeds.max() + "]");
        }
        return new TransformSource(seeds, transformations, fill);
    }
}
