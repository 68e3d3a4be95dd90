package org.deepjunit;

import org.deepjunit.model.Model;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link TestModel}: checks the class's declarations before its tests run, and injects
 * {@code @TestModel("name") Model} parameters with the declared model, observed. Every DeepJUnit annotation
 * registers it, as does {@code @TestModel} on a field or parameter.
 */
final class TestModelExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        DeclaredModels.of(context).checkFields();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.isAnnotated(TestModel.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        String value =
                parameterContext.findAnnotation(TestModel.class).orElseThrow().value();
        if (value.isEmpty() && !parameterContext.getParameter().isNamePresent()) {
            throw new ParameterResolutionException("@TestModel parameter " + parameterContext.getIndex() + " of "
                    + parameterContext.getDeclaringExecutable().getName() + " has no name: write @TestModel(\"name\"),"
                    + " or compile with -parameters");
        }
        String name = value.isEmpty() ? parameterContext.getParameter().getName() : value;
        if (!type.isAssignableFrom(Model.class) && !Model.class.isAssignableFrom(type)) {
            throw new ParameterResolutionException("@TestModel parameter '" + name + "' must be of type "
                    + Model.class.getName() + ", not " + type.getName());
        }
        Model model = DeclaredModels.of(extensionContext).get(name);
        if (!type.isInstance(model)) {
            throw new ParameterResolutionException(
                    "@TestModel '" + name + "' is a " + model.getClass().getName()
                            + " (DeepJUnit hands models out observed), not a " + type.getName()
                            + ": declare the parameter as " + Model.class.getName());
        }
        return model;
    }
}
