package org.deepjunit.config;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What a setting may hold, the one parser of its text and the one check of its value, shared by a configuration
 * parameter and the annotation attribute that overrides it, so that both fail with the same words.
 *
 * @param <T> the parsed type
 */
@API(status = STABLE, since = "0.1")
public final class ValueType<T> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private final String expected;
    private final Function<String, T> parser;
    private final Predicate<T> valid;

    private ValueType(String expected, Function<String, T> parser, Predicate<T> valid) {
        this.expected = expected;
        this.parser = parser;
        this.valid = valid;
    }

    /**
     * A type of its own. For text that is not a value, {@code parser} may throw a plain
     * {@link IllegalArgumentException} whose message completes "expected …" more precisely than {@code expected}
     * (such as {@code a minimum no larger than the maximum}); any other runtime exception reads as {@code expected}.
     */
    public static <T> ValueType<T> of(String expected, Function<String, T> parser, Predicate<T> valid) {
        return new ValueType<>(expected, parser, valid);
    }

    /** What a value must be, completing "expected …", such as {@code a number between 0 and 1}. */
    public String expected() {
        return expected;
    }

    /** Parses and checks the (trimmed) text of {@code where}, a parameter name or attribute. */
    public T parse(String text, String where) {
        T value;
        try {
            value = parser.apply(text.trim());
        } catch (RuntimeException e) {
            // Subclasses (NumberFormatException, PatternSyntaxException, ...) carry the JDK's words, not ours.
            boolean ours = e.getClass() == IllegalArgumentException.class && e.getMessage() != null;
            throw ConfigurationException.invalid(where, text, ours ? e.getMessage() : expected);
        }
        if (value == null || !valid.test(value)) {
            throw ConfigurationException.invalid(where, text, expected);
        }
        return value;
    }

    /** Checks a value given in code or an annotation attribute; returns it. */
    public T check(T value, String where) {
        if (value == null || !valid.test(value)) {
            throw ConfigurationException.invalid(where, value, expected);
        }
        return value;
    }

    // ---------------------------------------------------------------- the types DeepJUnit uses

    /** A finite number within bounds; an infinite bound is no bound. */
    public static ValueType<Double> number(double min, boolean minInclusive, double max, boolean maxInclusive) {
        String text;
        if (minInclusive && maxInclusive && Double.isFinite(min) && Double.isFinite(max)) {
            text = "a number between " + show(min) + " and " + show(max);
        } else {
            String low = Double.isFinite(min) ? (minInclusive ? ">= " : "> ") + show(min) : null;
            String high = Double.isFinite(max) ? (maxInclusive ? "<= " : "< ") + show(max) : null;
            text = "a number" + (low == null ? "" : " " + low) + (low != null && high != null ? " and" : "")
                    + (high == null ? "" : " " + high);
        }
        return new ValueType<>(
                text,
                Double::parseDouble,
                d -> Double.isFinite(d) && (minInclusive ? d >= min : d > min) && (maxInclusive ? d <= max : d < max));
    }

    /** An integer of at least {@code min}. */
    public static ValueType<Integer> integerAtLeast(int min) {
        return new ValueType<>("an integer >= " + min, Integer::parseInt, i -> i >= min);
    }

    /** Any 64-bit integer. */
    public static ValueType<Long> anyLong() {
        return new ValueType<>("an integer", Long::parseLong, l -> true);
    }

    /** {@code true} or {@code false}, in any case. */
    public static ValueType<Boolean> bool() {
        return new ValueType<>(
                "true or false",
                s -> switch (s.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> null;
                },
                b -> true);
    }

    /** A positive duration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT30S}. */
    public static ValueType<Duration> duration() {
        return new ValueType<>(
                "a positive duration such as 500ms, 30s, 2m, 1h or PT30S",
                ValueType::parseDuration,
                d -> !d.isNegative() && !d.isZero());
    }

    /** Text matching {@code pattern} as a whole. */
    public static ValueType<String> text(String pattern, String expected) {
        Pattern p = Pattern.compile(pattern);
        return new ValueType<>(expected, s -> s, s -> p.matcher(s).matches());
    }

    /** A file or directory path. */
    public static ValueType<Path> path() {
        return new ValueType<>(
                "a file system path", Path::of, p -> !p.toString().isEmpty());
    }

    /** A constant of {@code type}, by name in any case. */
    public static <E extends Enum<E>> ValueType<E> enumOf(Class<E> type) {
        return new ValueType<>(
                "one of " + Arrays.toString(type.getEnumConstants()),
                s -> {
                    for (E constant : type.getEnumConstants()) {
                        if (constant.name().equalsIgnoreCase(s)) {
                            return constant;
                        }
                    }
                    return null;
                },
                e -> true);
    }

    /** Comma-separated values of {@code element}, at least one, blanks skipped; each checked by it. */
    public static <E> ValueType<List<E>> listOf(ValueType<E> element, String expected) {
        return new ValueType<>(
                expected,
                s -> Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .map(x -> element.parse(x, ""))
                        .toList(),
                l -> !l.isEmpty() && l.stream().allMatch(element.valid::test));
    }

    private static Duration parseDuration(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        if (s.startsWith("pt")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            return null;
        }
        double millis = Double.parseDouble(m.group(1))
                * switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "m" -> 60_000;
                    default -> 3_600_000;
                };
        return Duration.ofMillis((long) millis);
    }

    /** A value as messages show it: numbers without trailing zeros ({@code 0.5}, {@code -1}). */
    static String show(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Float f && Float.isFinite(f)) {
            return show((double) f);
        }
        if (value instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof Object[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(value);
    }
}
