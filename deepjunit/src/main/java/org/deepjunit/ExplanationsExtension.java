package org.deepjunit;

import org.deepjunit.config.ConfigurationException;
import org.deepjunit.explain.ApprovedAttributions;
import org.deepjunit.explain.ExplainKeys;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** {@link Explanations}' extension: injects {@link ApprovedAttributions} configured for the run and named for the test. */
final class ExplanationsExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ApprovedAttributions.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            Settings settings = Settings.of(context);
            // the declaring class: a test inherited by several classes keeps one set of maps
            String test = context.getRequiredTestMethod().getDeclaringClass().getName() + "."
                    + context.getRequiredTestMethod().getName() + ".";
            return ApprovedAttributions.in(
                            settings.getOrDefault(ExplainKeys.APPROVED_DIR)
                                    .toAbsolutePath()
                                    .normalize(),
                            settings.getOrDefault(ExplainKeys.APPROVE))
                    .prefixed(test);
        } catch (ConfigurationException e) {
            throw Settings.asJUnit(e);
        }
    }
}
