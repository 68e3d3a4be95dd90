package org.deepjunit.model.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deepjunit.model.ModelLoadException;
import org.junit.jupiter.api.Test;

/**
 * The error a project gets when ND4J's JavaCPP 1.5.7 wins over the one TensorFlow Java needs (measured in a project
 * using both frameworks without a pin), explained; any other linkage error passes through unchanged.
 */
class JavaCppMismatchTest {

    @Test
    void theMismatchSaysToImportTheBom() {
        NoSuchMethodError measured = new NoSuchMethodError("'void org.bytedeco.javacpp.PointerScope.<init>()'");
        RuntimeException explained = JavaCppMismatch.explain(measured);
        assertThat(explained)
                .isInstanceOf(ModelLoadException.class)
                .hasCause(measured)
                .hasMessageContaining("JavaCPP on the classpath (version ")
                .hasMessageContaining("org.deepjunit:deepjunit-bom")
                .hasMessageContaining("PointerScope");
    }

    @Test
    void otherLinkageErrorsAreNotRelabelled() {
        NoSuchMethodError other = new NoSuchMethodError("'void com.acme.Widget.<init>()'");
        assertThatThrownBy(() -> JavaCppMismatch.explain(other)).isSameAs(other);
    }
}
