package org.deepjunit;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Wraps the body of every kind of test — {@code @Test}, test templates such as
 * {@code @ParameterizedTest} and {@code @GeneratedInputs}, and dynamic tests — in one method, on
 * the thread that runs it. DeepJUnit's extensions bind their forward listeners there.
 */
abstract class TestBodyInterceptor implements InvocationInterceptor {

    /**
     * Runs {@code invocation.proceed()} with whatever this extension needs around it; {@code arguments} are the
     * test method's resolved arguments (none for a dynamic test).
     */
    protected abstract void aroundTestBody(
            Invocation<Void> invocation, ExtensionContext context, List<Object> arguments) throws Throwable;

    @Override
    public final void interceptTestMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        aroundTestBody(invocation, context, invocationContext.getArguments());
    }

    @Override
    public final void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        aroundTestBody(invocation, context, invocationContext.getArguments());
    }

    @Override
    public final void interceptDynamicTest(
            Invocation<Void> invocation, DynamicTestInvocationContext invocationContext, ExtensionContext context)
            throws Throwable {
        aroundTestBody(invocation, context, List.of());
    }
}
