package org.deepjunit.config;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A setting DeepJUnit cannot use — a configuration parameter or an annotation attribute — with what is allowed.
 * The extensions report it as JUnit's {@code ExtensionConfigurationException}, before anything runs.
 */
@API(status = STABLE, since = "0.1")
public class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The one shape of every bad-value message: {@code Invalid value 'x' for <where>: expected <what>}, where is
     * a parameter ({@code deepjunit.coverage.k}) or an attribute ({@code @NeuronCoverage(k)}).
     */
    public static ConfigurationException invalid(String where, Object value, String expected) {
        return new ConfigurationException(
                "Invalid value '" + ValueType.show(value) + "' for " + where + ": expected " + expected);
    }
}
