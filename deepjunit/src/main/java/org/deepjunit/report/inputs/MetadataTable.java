package org.deepjunit.report.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.report.HtmlText;

/**
 * A saved input's JSON as a table a person reads: known keys under plain labels in a fixed order (how it was made,
 * how far it is from its seed, what each model predicted, why it was saved), then any other key as it is; nested
 * values as {@code key = value} lists instead of JSON, numbers to four significant digits. File names are left out:
 * the card shows or links them.
 */
final class MetadataTable {

    /** Known keys and their labels, in the order the table shows them. */
    private static final Map<String, String> LABELS = linked(
            "displayName", "Invocation",
            "generator", "Generator",
            "method", "Constraint or transformation",
            "perturbation", "Perturbation",
            "parameters", "Parameters",
            "seedId", "Seed",
            "seedLabel", "Seed label",
            "label", "Label",
            "Linf", "L∞ distance",
            "linfDistance", "L∞ distance",
            "L2", "L2 distance",
            "l2Distance", "L2 distance",
            "L0", "L0 distance (changed elements)",
            "differenceScale", "Difference map: full colour at ±",
            "maxDifference", "Largest output difference",
            "disagreement", "Models disagree",
            "runSeed", "Run seed (replay: -Ddeepjunit.generation.seed)",
            "index", "Index",
            "shape", "Shape",
            "validRange", "Valid range",
            "reason", "Reason",
            "failure", "Failure",
            "explanation", "Explanation",
            "explanationError", "Explanation error");

    /** Keys shown elsewhere or in rows of their own. */
    private static final Set<String> SPECIAL =
            Set.of("test", "predictions", "scores", "seedScores", "model", "predicted", "modelUnderTest", "reference");

    private MetadataTable() {}

    /** The table's HTML. */
    static String of(JsonNode meta) {
        List<String[]> rows = new ArrayList<>();
        LABELS.forEach((key, label) -> {
            if (meta.has(key)) {
                rows.add(new String[] {label, value(meta.get(key))});
            }
        });
        predictions(meta, rows);
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!LABELS.containsKey(key) && !SPECIAL.contains(key) && !key.endsWith("File")) {
                rows.add(new String[] {key, value(e.getValue())});
            }
        }
        StringBuilder html = new StringBuilder("<table class=\"meta\">\n");
        for (String[] row : rows) {
            html.append("<tr><th>")
                    .append(esc(row[0]))
                    .append("</th><td>")
                    .append(esc(row[1]))
                    .append("</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /**
     * One row per model: {@code scores} and {@code seedScores} (generated inputs: top class and top scores on the
     * input and on its seed; older files: {@code predictions}, the class by model), {@code model} and
     * {@code predicted} (adversarial examples), {@code modelUnderTest} and {@code reference} (differential tests).
     */
    private static void predictions(JsonNode meta, List<String[]> rows) {
        if (meta.has("scores")) {
            meta.get("scores")
                    .fields()
                    .forEachRemaining(
                            e -> rows.add(new String[] {"Prediction of " + e.getKey(), answer(e.getValue())}));
            meta.path("seedScores")
                    .fields()
                    .forEachRemaining(e -> rows.add(new String[] {"Its seed, by " + e.getKey(), answer(e.getValue())}));
        } else {
            meta.path("predictions")
                    .fields()
                    .forEachRemaining(e -> rows.add(new String[] {"Prediction of " + e.getKey(), value(e.getValue())}));
        }
        if (meta.has("predicted")) {
            rows.add(new String[] {
                "Prediction of " + meta.path("model").asText("the model"), value(meta.get("predicted"))
            });
        }
        for (String role : List.of("modelUnderTest", "reference")) {
            JsonNode answer = meta.path(role);
            if (answer.isObject()) {
                rows.add(new String[] {
                    "Prediction of " + answer.path("model").asText(role) + " ("
                            + (role.equals("reference") ? "reference" : "model under test") + ")",
                    answer(answer)
                });
            }
        }
    }

    /** A differential answer: its top class and its top scores, {@code 7 (scores: 7 = 0.912, 2 = 0.051)}. */
    private static String answer(JsonNode a) {
        StringBuilder s = new StringBuilder(value(a.path("top1")));
        List<String> scores = new ArrayList<>();
        a.path("top").forEach(t -> scores.add(value(t.path("label")) + " = " + value(t.path("value"))));
        if (!scores.isEmpty()) {
            s.append(" (scores: ").append(String.join(", ", scores)).append(')');
        }
        return s.toString();
    }

    /** A value as text: numbers rounded, arrays as comma lists, objects as {@code key = value} lists. */
    static String value(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "—";
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return number(v.asDouble());
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(value(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v.isObject()) {
            List<String> items = new ArrayList<>();
            v.fields().forEachRemaining(e -> items.add(e.getKey() + " = " + value(e.getValue())));
            return String.join(", ", items);
        }
        return v.asText();
    }

    private static String number(double d) {
        if (!Double.isFinite(d) || d == 0) {
            return d == 0 ? "0" : String.valueOf(d);
        }
        BigDecimal b = new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros();
        return Math.abs(d) >= 1e-3 && Math.abs(d) < 1e7 ? b.toPlainString() : b.toString();
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String esc(String s) {
        return HtmlText.escape(s, false);
    }
}
