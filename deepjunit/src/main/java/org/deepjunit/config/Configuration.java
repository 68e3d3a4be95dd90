package org.deepjunit.config;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where DeepJUnit's configuration parameters come from, seen without JUnit: under JUnit, the parameters of the
 * run (Surefire's {@code configurationParameters}, {@code -D} system properties, {@code junit-platform.properties}).
 * Annotation attributes win over parameters: see {@link #resolve}.
 */
@API(status = STABLE, since = "0.1")
public interface Configuration {

    /** The raw text of a parameter, trimmed; empty when unset. A parameter set to nothing is "". */
    Optional<String> raw(String name);

    /** The parsed parameter; empty when unset; a {@link ConfigurationException} when its value is bad. */
    default <T> Optional<T> get(Key<T> key) {
        return raw(key.name()).map(key::parse);
    }

    /** The parameter, else the key's default (null when it has none). */
    default <T> T getOrDefault(Key<T> key) {
        return get(key).orElse(key.defaultValue());
    }

    /**
     * The attribute's value when it is set (checked, a bad one naming {@code attribute} such as
     * {@code @NeuronCoverage(k)}), else the parameter, else the key's default.
     */
    default <T> T resolve(Key<T> key, T attributeValue, boolean attributeSet, String attribute) {
        return attributeSet ? key.type().check(attributeValue, attribute) : getOrDefault(key);
    }

    /** Parameters from a map, as JUnit would hand them over: for tests and for use outside JUnit. */
    static Configuration of(Map<String, String> parameters) {
        Map<String, String> copy = Map.copyOf(parameters);
        return name -> Optional.ofNullable(copy.get(name)).map(String::trim);
    }
}
