package org.deepjunit.model.tensorflow;

import org.deepjunit.model.ModelLoadException;

/**
 * TensorFlow Java needs JavaCPP 1.5.11 or later; ND4J 1.0.0-M2.1 brings 1.5.7, and Maven's nearest-wins can pick
 * it. TensorFlow then fails deep inside with a {@link LinkageError} (a {@code NoSuchMethodError} for
 * {@code org.bytedeco.javacpp.PointerScope.<init>()}). This turns that error into one that says what to do.
 */
final class JavaCppMismatch {

    private JavaCppMismatch() {}

    /** {@code error} explained when it is a JavaCPP mismatch, else {@code error} itself. */
    static RuntimeException explain(LinkageError error) {
        String message = String.valueOf(error.getMessage());
        if (!message.contains("org.bytedeco.javacpp") && !message.contains("org/bytedeco/javacpp")) {
            throw error;
        }
        return new ModelLoadException(
                "TensorFlow Java cannot run on the JavaCPP on the classpath (" + version()
                        + "): " + error
                        + ". Another dependency (ND4J brings JavaCPP 1.5.7) won over the version TensorFlow"
                        + " needs. Import org.deepjunit:deepjunit-bom in <dependencyManagement> (type pom, scope import), which"
                        + " aligns JavaCPP, ND4J and TensorFlow Java, or pin org.bytedeco:javacpp to 1.5.11",
                error);
    }

    private static String version() {
        Package p = org.bytedeco.javacpp.Loader.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null ? "version unknown" : "version " + version;
    }
}
