package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.deepjunit.coverage.CoverageRule.Element;
import org.deepjunit.coverage.CoverageRule.Value;

/**
 * A coverage gate (see {@link CoverageRule}) and its check. Messages are shaped like JaCoCo's:
 * "Rule violated for layer fc1 of model lenet5: NC covered ratio is 0.62, but expected minimum is 0.70".
 * Ratios are printed with the expected value's decimals (at least 2), rounded towards failing, as JaCoCo does.
 */
@API(status = INTERNAL, since = "0.1")
public record Gate(String model, Element element, Criterion criterion, Value value, double minimum, double maximum) {

    /** How rules are written in configuration, completing "expected …". */
    public static final String SYNTAX = "ELEMENT[(model)]:CRITERION:VALUE:MINIMUM[:MAXIMUM] such as "
            + "LAYER:NC:COVEREDRATIO:0.70 or MODEL(lenet5):NC:COVEREDRATIO:0.5";

    /** Refuses a rule that cannot be checked; the message completes "expected …". */
    public Gate {
        model = model == null ? "" : model.trim();
        if (element == Element.LAYER && criterion == Criterion.TKNP) {
            throw new IllegalArgumentException("a MODEL rule: TKNP counts patterns per model, not per layer");
        }
        if (criterion == Criterion.TKNP && value != Value.COVEREDCOUNT) {
            throw new IllegalArgumentException("COVEREDCOUNT: TKNP is a plain count");
        }
        if (Double.isNaN(minimum) && Double.isNaN(maximum)) {
            throw new IllegalArgumentException("a minimum or a maximum");
        }
        if (value.isRatio()
                && (!Double.isNaN(minimum) && (minimum < 0 || minimum > 1)
                        || !Double.isNaN(maximum) && (maximum < 0 || maximum > 1))) {
            throw new IllegalArgumentException("a minimum and maximum in [0, 1] for a ratio");
        }
        if (minimum > maximum) { // false when either is NaN
            throw new IllegalArgumentException("a minimum no larger than the maximum");
        }
        if (!value.isRatio() && (minimum < 0 || maximum < 0)) {
            throw new IllegalArgumentException("a count of at least 0");
        }
    }

    /** The rule as configuration writes it: {@code ELEMENT[(model)]:CRITERION:VALUE:MIN[:MAX]}. */
    public static String describe(
            String model, Element element, Criterion criterion, Value value, double minimum, double maximum) {
        return element + (model.isEmpty() ? "" : "(" + model + ")") + ":" + criterion + ":" + value + ":"
                + (Double.isNaN(minimum) ? "" : minimum) + (Double.isNaN(maximum) ? "" : ":" + maximum);
    }

    public static Gate of(CoverageRule rule) {
        return new Gate(rule.model(), rule.element(), rule.criterion(), rule.value(), rule.minimum(), rule.maximum());
    }

    /**
     * Parses {@code ELEMENT[(model)]:CRITERION:VALUE:MIN[:MAX]}, e.g. {@code LAYER:NC:COVEREDRATIO:0.70},
     * {@code MODEL:NC:MISSEDCOUNT::10} (no minimum, maximum 10) or {@code MODEL(lenet5):NC:COVEREDRATIO:0.5} (one
     * model only); several separated by commas.
     */
    public static List<Gate> parse(String text) {
        List<Gate> gates = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] f = p.split(":", -1);
            String shape = SYNTAX;
            if (f.length < 4 || f.length > 5) {
                throw new IllegalArgumentException(shape);
            }
            java.util.regex.Matcher element = java.util.regex.Pattern.compile("\\s*(\\w+)\\s*(?:\\((.+)\\))?\\s*")
                    .matcher(f[0]);
            if (!element.matches()) {
                throw new IllegalArgumentException(shape);
            }
            try {
                gates.add(new Gate(
                        element.group(2),
                        Element.valueOf(element.group(1).toUpperCase(Locale.ROOT)),
                        Criterion.valueOf(f[1].trim().toUpperCase(Locale.ROOT)),
                        Value.valueOf(f[2].trim().toUpperCase(Locale.ROOT)),
                        f[3].isBlank() ? Double.NaN : Double.parseDouble(f[3].trim()),
                        f.length < 5 || f[4].isBlank() ? Double.NaN : Double.parseDouble(f[4].trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(shape + " (" + e.getMessage() + ")");
            }
        }
        return gates;
    }

    /**
     * Checks this gate on every model (or the one it names) and layer of the data; one verdict per element. A
     * named model without coverage fails the gate: unobserved, or not known at all.
     */
    public List<CoverageData.Verdict> check(CoverageData data, double threshold, boolean scaled) {
        List<CoverageData.Verdict> verdicts = new ArrayList<>();
        Map<String, String> names = data.displayNames();
        List<ModelCoverage> chosen = data.models().stream()
                .filter(m -> model.isEmpty() || model.equals(names.get(m.key())) || model.equals(m.name()))
                .toList();
        if (!model.isEmpty() && chosen.isEmpty()) {
            String why = data.unobserved().stream()
                    .filter(u -> model.equals(u.model()) || model.equals(u.declaredName()))
                    .map(CoverageData.Unobserved::reason)
                    .findFirst()
                    .orElse("no coverage was recorded for it (models with coverage: "
                            + new java.util.TreeSet<>(names.values()) + ")");
            verdicts.add(new CoverageData.Verdict(
                    "unobserved:" + model, "model " + model, false, "Rule violated for model " + model + ": " + why));
            return verdicts;
        }
        for (ModelCoverage m : chosen) {
            if (!m.spec().hasProfile() && criterion.needsProfile()) {
                verdicts.add(new CoverageData.Verdict(
                        m.key(),
                        "model " + names.get(m.key()),
                        false,
                        "Rule violated for model " + names.get(m.key()) + ": " + criterion
                                + " needs a profile (deepjunit.coverage.profile.data), none was given"));
                continue;
            }
            if (!m.spec().hasTopK() && (criterion == Criterion.TKNC || criterion == Criterion.TKNP)) {
                verdicts.add(new CoverageData.Verdict(
                        m.key(),
                        "model " + names.get(m.key()),
                        false,
                        "Rule violated for model " + names.get(m.key()) + ": " + criterion
                                + " was not recorded (its tests' criteria had neither TKNC nor TKNP): add it to "
                                + "@NeuronCoverage(criteria) or deepjunit.coverage.criteria"));
                continue;
            }
            String modelName = names.get(m.key());
            if (element == Element.MODEL) {
                verdicts.add(verdict(m.key(), "model " + modelName, m.count(criterion, threshold, scaled)));
            } else {
                for (String layer : m.layers().keySet()) {
                    verdicts.add(verdict(
                            m.key(),
                            "layer " + layer + " of model " + modelName,
                            m.count(layer, criterion, threshold, scaled)));
                }
            }
        }
        return verdicts;
    }

    private CoverageData.Verdict verdict(String key, String what, long[] count) {
        long covered = count[0];
        long total = count[1];
        double actual = switch (value) {
            case COVEREDRATIO -> total == 0 ? Double.NaN : (double) covered / total;
            case MISSEDRATIO -> total == 0 ? Double.NaN : (double) (total - covered) / total;
            case COVEREDCOUNT -> covered;
            case MISSEDCOUNT -> total - covered;
            case TOTALCOUNT -> total;
        };
        if (Double.isNaN(actual)) {
            return new CoverageData.Verdict(key, what, true, "No " + criterion + " items for " + what);
        }
        if (!Double.isNaN(minimum) && actual < minimum) {
            return new CoverageData.Verdict(
                    key, what, false, message(what, actual, minimum, "minimum", RoundingMode.FLOOR));
        }
        if (!Double.isNaN(maximum) && actual > maximum) {
            return new CoverageData.Verdict(
                    key, what, false, message(what, actual, maximum, "maximum", RoundingMode.CEILING));
        }
        return new CoverageData.Verdict(
                key,
                what,
                true,
                "Rule passed for " + what + ": " + criterion + " " + value.words() + " is "
                        + format(actual, Double.isNaN(minimum) ? maximum : minimum, RoundingMode.HALF_EVEN));
    }

    private String message(String what, double actual, double expected, String bound, RoundingMode rounding) {
        return "Rule violated for " + what + ": " + criterion + " " + value.words() + " is "
                + format(actual, expected, rounding) + ", but expected " + bound + " is "
                + format(expected, expected, RoundingMode.HALF_EVEN);
    }

    private String format(double v, double expected, RoundingMode rounding) {
        if (!value.isRatio()) {
            return Long.toString(Math.round(v));
        }
        int scale = Math.max(
                2, Math.max(0, BigDecimal.valueOf(expected).stripTrailingZeros().scale()));
        return BigDecimal.valueOf(v).setScale(scale, rounding).toPlainString();
    }
}
