package org.deepjunit.junit.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * DeepJUnit's configuration parameters, all prefixed {@value #PREFIX}: from
 * {@code junit-platform.properties}, Surefire's {@code <configurationParameters>} or {@code -D}
 * system properties (JUnit consults all three). An annotation attribute that is set wins over
 * them; see {@link #resolve}. Each key is parsed once per run and cached in the root store; a
 * bad value is an {@link ExtensionConfigurationException} naming key, value and what is allowed.
 */
public final class Settings {

    public static final String PREFIX = "deepjunit.";

    /** Where reports, saved inputs and data files go; default {@value #DEFAULT_REPORT_DIR}. */
    public static final String REPORT_DIR = PREFIX + "report.dir";

    static final String DEFAULT_REPORT_DIR = "target/deepjunit";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Settings.class);

    private final ExtensionContext root;
    private final ConcurrentMap<String, Optional<Object>> parsed = new ConcurrentHashMap<>();

    private Settings(ExtensionContext root) {
        this.root = root;
    }

    /** The run's settings, created once and kept in the root store. */
    public static Settings of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE).getOrComputeIfAbsent(Settings.class, k -> new Settings(root), Settings.class);
    }

    /** A raw parameter, trimmed; empty when unset or blank. */
    public Optional<String> raw(String key) {
        return root.getConfigurationParameter(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * A parsed parameter, empty when unset. {@code parser} throws {@link IllegalArgumentException}
     * with the allowed values as its message for a bad value.
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(String key, Function<String, T> parser) {
        return (Optional<T>) parsed.computeIfAbsent(key, k -> raw(k).map(value -> {
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                throw invalid(k, value, e.getMessage());
            }
        }));
    }

    /** The annotation's value when it is set (not {@code unset}), else the parameter, else the default. */
    public <T> T resolve(T annotationValue, T unset, String key, Function<String, T> parser, T defaultValue) {
        if (!annotationValue.equals(unset)) {
            return annotationValue;
        }
        return get(key, parser).orElse(defaultValue);
    }

    /** The report directory, resolved against the working directory (the module's base under Maven). */
    public Path reportDirectory() {
        return get(REPORT_DIR, Path::of).orElse(Path.of(DEFAULT_REPORT_DIR)).toAbsolutePath().normalize();
    }

    /** The exception for a bad value: {@code Invalid value 'x' for deepjunit.k: expected ...}. */
    public static ExtensionConfigurationException invalid(String key, Object value, String expected) {
        return new ExtensionConfigurationException(
                "Invalid value '" + value + "' for " + key + ": expected " + expected);
    }

    // Parsers for common value kinds; their messages complete "expected ...".

    /** A number in {@code [min, max]}. */
    public static Function<String, Double> doubleIn(double min, double max) {
        return value -> {
            double d;
            try {
                d = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a number between " + min + " and " + max);
            }
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException("a number between " + min + " and " + max);
            }
            return d;
        };
    }

    /** An integer of at least {@code min}. */
    public static Function<String, Integer> intAtLeast(int min) {
        return value -> {
            try {
                int i = Integer.parseInt(value);
                if (i >= min) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("an integer >= " + min);
        };
    }

    /** {@code true} or {@code false}, in any case. */
    public static Function<String, Boolean> bool() {
        return value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("true or false");
        };
    }

    /** A constant of {@code type}, by name in any case. */
    public static <E extends Enum<E>> Function<String, E> enumOf(Class<E> type) {
        return value -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("one of " + java.util.Arrays.toString(type.getEnumConstants()));
        };
    }
}
