package org.deepjunit;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.deepjunit.config.Configuration;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.config.Key;
import org.deepjunit.report.ReportFolder;
import org.deepjunit.report.ReportKeys;
import org.deepjunit.report.ReportWriteException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run's configuration parameters as JUnit hands them to extensions: from {@code junit-platform.properties},
 * Surefire's {@code <configurationParameters>} or {@code -D} system properties. Each key is parsed once per run
 * and cached in the root store.
 */
final class Settings implements Configuration {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Settings.class);

    private final ExtensionContext root;
    private final ConcurrentMap<String, Optional<Object>> parsed = new ConcurrentHashMap<>();
    private final List<String> unknownKeys;

    private Settings(ExtensionContext root) {
        this.root = root;
        this.unknownKeys = ConfigurationKeys.problems();
    }

    /**
     * The run's settings, created once and kept in the root store. Fails every DeepJUnit extension of the run while
     * a {@code deepjunit.*} parameter is not one DeepJUnit knows: a misspelt key must not pass silently.
     */
    public static Settings of(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        Settings settings =
                root.getStore(NAMESPACE).getOrComputeIfAbsent(Settings.class, k -> new Settings(root), Settings.class);
        if (!settings.unknownKeys.isEmpty()) {
            throw new ExtensionConfigurationException(String.join("\n", settings.unknownKeys));
        }
        return settings;
    }

    /** The parameter's text, trimmed; a parameter set to nothing is "", which its type may refuse. */
    @Override
    public Optional<String> raw(String name) {
        // JUnit's launcher already falls back to system properties; EngineTestKit runs do not, and must see -D too
        return root.getConfigurationParameter(name)
                .or(() -> Optional.ofNullable(System.getProperty(name)))
                .map(String::trim);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> get(Key<T> key) {
        return (Optional<T>) parsed.computeIfAbsent(key.name(), k -> raw(k).map(key::parse));
    }

    /**
     * The report directory, resolved against the working directory (the module's base under Maven). On first use in
     * this JVM it is checked to be writable (so that a bad folder fails the test class, not only the end-of-run
     * report) and recovered from a write that a kill interrupted.
     */
    public Path reportDirectory() {
        Path dir = getOrDefault(ReportKeys.DIRECTORY).toAbsolutePath().normalize();
        try {
            ReportFolder.prepareOnce(dir);
        } catch (ReportWriteException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
        return dir;
    }

    /** A bad setting as JUnit reports it: an {@link ExtensionConfigurationException} with the same message. */
    public static ExtensionConfigurationException asJUnit(ConfigurationException e) {
        return new ExtensionConfigurationException(e.getMessage(), e);
    }
}
