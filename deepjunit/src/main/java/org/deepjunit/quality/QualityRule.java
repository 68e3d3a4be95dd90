package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A quality rule written in a POM, {@code MODEL[SLICE]:METRIC:atLeast|atMost:LIMIT}, judged on the figures a run's
 * {@code @ModelQuality} tests measured ({@link RunFigures}): {@code lenet5:accuracy:atLeast:0.98},
 * {@code lenet5[class=3]:accuracy:atLeast:0.95}, {@code *:ECE:atMost:0.05}. The slice defaults to all samples, the
 * model {@code *} matches every model, metric names are those of the reports ("accuracy", "macro F1", "ECE"), in any
 * case. Every matching figure must keep the limit, and a rule that matches no figure fails: a rule about a model or
 * metric the run did not measure is a mistake to report, not a pass.
 */
@API(status = INTERNAL, since = "0.9")
public record QualityRule(String model, String slice, String metric, boolean atLeast, double limit) {

    private static final Pattern SYNTAX =
            Pattern.compile("([^:\\[\\]]+)(?:\\[([^\\]]+)\\])?:([^:]+):(atLeast|atMost):([^:]+)");

    /** The rules in {@code text}, separated by commas or new lines. */
    public static List<QualityRule> parse(String text) {
        List<QualityRule> rules = new ArrayList<>();
        for (String part : text.split("[,\\n]")) {
            String rule = part.strip();
            if (!rule.isEmpty()) {
                rules.add(parseOne(rule));
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no quality rule in '" + text + "'");
        }
        return rules;
    }

    private static QualityRule parseOne(String rule) {
        Matcher m = SYNTAX.matcher(rule);
        if (!m.matches()) {
            throw new IllegalArgumentException("quality rule '" + rule + "' is not MODEL[SLICE]:METRIC:atLeast|atMost"
                    + ":LIMIT, e.g. lenet5:accuracy:atLeast:0.98 or lenet5[class=3]:ECE:atMost:0.05");
        }
        double limit;
        try {
            limit = Double.parseDouble(m.group(5).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "quality rule '" + rule + "' has limit '" + m.group(5) + "', which is not a number");
        }
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("quality rule '" + rule + "' needs a finite limit");
        }
        String slice = m.group(2) == null ? Evaluation.ALL : m.group(2).strip();
        return new QualityRule(
                m.group(1).strip(), slice, m.group(3).strip(), m.group(4).equals("atLeast"), limit);
    }

    /** The rule's verdict on each figure it matches; a single failure when it matches none. */
    public List<Verdict> check(List<RunFigures.Figure> figures) {
        List<Verdict> verdicts = new ArrayList<>();
        for (RunFigures.Figure f : figures) {
            if (matches(f)) {
                boolean kept = atLeast ? f.value() >= limit : f.value() <= limit;
                verdicts.add(new Verdict(
                        kept,
                        String.format(
                                        Locale.ROOT,
                                        "%s of %s on %s (%d samples, %s) is %.6g, %s %s %s",
                                        f.metric(),
                                        f.model(),
                                        f.slice(),
                                        f.n(),
                                        f.test(),
                                        f.value(),
                                        kept ? "within" : "breaking",
                                        this,
                                        kept ? "" : atLeast ? "(below the limit)" : "(above the limit)")
                                .strip()));
            }
        }
        if (verdicts.isEmpty()) {
            List<String> measured = figures.stream()
                    .map(f -> f.model() + "[" + f.slice() + "]:" + f.metric())
                    .distinct()
                    .sorted()
                    .toList();
            verdicts.add(new Verdict(
                    false,
                    "no figure matches " + this + ": the run measured "
                            + (measured.isEmpty() ? "none" : String.join(", ", measured))
                            + "; gate the metric in a @ModelQuality test, or correct the rule"));
        }
        return verdicts;
    }

    private boolean matches(RunFigures.Figure f) {
        return (model.equals("*") || model.equals(f.model()))
                && slice.equals(f.slice())
                && metric.equalsIgnoreCase(f.metric());
    }

    /** Whether one figure kept the rule, and a sentence saying so. */
    public record Verdict(boolean passed, String message) {}

    @Override
    public String toString() {
        return model + (slice.equals(Evaluation.ALL) ? "" : "[" + slice + "]") + ":" + metric + ":"
                + (atLeast ? "atLeast" : "atMost") + ":" + limit;
    }
}
