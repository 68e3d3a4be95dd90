package org.deepjunit;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Finds the test class's and the test method's contexts above any extension context. */
final class Contexts {

    private Contexts() {}

    /** The nearest context whose element is the test class: the class itself, or the innermost {@code @Nested} one. */
    static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (!(c.getElement().orElse(null) instanceof Class<?>)) {
            c = c.getParent()
                    .orElseThrow(() -> new IllegalStateException("No test class around " + context.getUniqueId()));
        }
        return c;
    }

    /** The test method of a method, template or invocation context. */
    static Method testMethod(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isEmpty()) {
            c = c.getParent()
                    .orElseThrow(() -> new IllegalStateException("No test method around " + context.getUniqueId()));
        }
        return c.getRequiredTestMethod();
    }
}
