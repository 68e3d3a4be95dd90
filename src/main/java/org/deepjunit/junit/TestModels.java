package org.deepjunit.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.Model;
import org.deepjunit.TestModel;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link TestModel}s of a test class: static fields read as they are, static methods called once
 * per class and their models closed after it. Kept in the class's store.
 */
@SuppressWarnings("deprecation")
final class TestModels implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestModels.class);

    private final Class<?> testClass;
    private final Map<String, java.lang.reflect.Member> declared = new LinkedHashMap<>();
    private final Map<String, Model> created = new LinkedHashMap<>();
    private final List<Model> owned = new ArrayList<>();

    private TestModels(Class<?> testClass) {
        this.testClass = testClass;
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                TestModel a = f.getAnnotation(TestModel.class);
                if (a != null) {
                    if (!Modifier.isStatic(f.getModifiers()) || !Model.class.isAssignableFrom(f.getType())) {
                        throw new ExtensionConfigurationException("@TestModel field " + c.getSimpleName() + "."
                                + f.getName() + " must be static and of type Model");
                    }
                    declared.putIfAbsent(a.value().isEmpty() ? f.getName() : a.value(), f);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                TestModel a = m.getAnnotation(TestModel.class);
                if (a != null) {
                    if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
                            || !Model.class.isAssignableFrom(m.getReturnType())) {
                        throw new ExtensionConfigurationException("@TestModel method " + c.getSimpleName() + "."
                                + m.getName() + " must be static, take no arguments and return a Model");
                    }
                    declared.putIfAbsent(a.value().isEmpty() ? m.getName() : a.value(), m);
                }
            }
        }
    }

    static TestModels of(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass, TestModels::new, TestModels.class);
    }

    /** The model of that name, created on first use; the error lists the declared names. */
    synchronized Model get(String name) {
        Model model = created.get(name);
        if (model != null) {
            return model;
        }
        java.lang.reflect.Member member = declared.get(name);
        if (member == null) {
            throw new ExtensionConfigurationException("No @TestModel named '" + name + "' in "
                    + testClass.getSimpleName() + "; declared: " + new java.util.TreeSet<>(declared.keySet()));
        }
        try {
            if (member instanceof Field f) {
                f.setAccessible(true);
                model = (Model) f.get(null);
            } else {
                Method m = (Method) member;
                m.setAccessible(true);
                model = (Model) m.invoke(null);
                if (model != null) {
                    owned.add(model);
                }
            }
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            throw new ExtensionConfigurationException("@TestModel '" + name + "' of " + testClass.getSimpleName()
                    + " failed: " + cause, cause);
        }
        if (model == null) {
            throw new ExtensionConfigurationException("@TestModel '" + name + "' of " + testClass.getSimpleName()
                    + " is null");
        }
        created.put(name, model);
        return model;
    }

    @Override
    public synchronized void close() {
        for (Model m : owned) {
            m.close();
        }
        owned.clear();
    }
}
