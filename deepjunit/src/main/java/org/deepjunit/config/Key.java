package org.deepjunit.config;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One {@code deepjunit.*} configuration parameter: its name, what it may hold, its default and what it does. Every
 * key DeepJUnit reads is declared once as a {@code Key}; unknown {@code deepjunit.*} names are reported with the
 * nearest known one.
 *
 * @param <T> the parsed type
 */
@API(status = STABLE, since = "0.1")
public final class Key<T> {

    /** Every DeepJUnit parameter starts with this. */
    public static final String PREFIX = "deepjunit.";

    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final String description;

    private Key(String name, ValueType<T> type, T defaultValue, String defaultText, String description) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("DeepJUnit keys start with " + PREFIX + ": " + name);
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = description;
    }

    /** A key with a default value, shown in documentation as {@code defaultText}. */
    public static <T> Key<T> of(
            String name, ValueType<T> type, T defaultValue, String defaultText, String description) {
        return new Key<>(name, type, defaultValue, defaultText, description);
    }

    /** A key without a default: unset means "not used" (or a default that depends on other settings). */
    public static <T> Key<T> optional(String name, ValueType<T> type, String defaultText, String description) {
        return new Key<>(name, type, null, defaultText, description);
    }

    public String name() {
        return name;
    }

    public ValueType<T> type() {
        return type;
    }

    /** The value when the parameter is not set; null when there is none. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as documentation shows it. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** Parses a value of this parameter; a bad one is a {@link ConfigurationException} naming this key. */
    public T parse(String text) {
        return type.parse(text, name);
    }

    @Override
    public String toString() {
        return name;
    }
}
