package org.deepjunit.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.deepjunit.Model;
import org.deepjunit.ModelUnderTest;
import org.deepjunit.ReferenceModel;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Finds the static fields and methods that declare models ({@link ReferenceModel},
 * {@link ModelUnderTest}) in a test class and its superclasses, and creates each model once per
 * test class, in the class's store, closed with it.
 */
final class ModelMembers {

    private ModelMembers() {
    }

    /** A declaring member; {@link #describe()} names it as {@code Class.field} or {@code Class.method()}. */
    record ModelMember(Member member, String name) {
        String describe() {
            return member.getDeclaringClass().getSimpleName() + "." + member.getName() + (member instanceof Method ? "()" : "");
        }
    }

    /** A model created for a test class; closes it with the class when a method created it. */
    @SuppressWarnings("deprecation")
    static final class Handle implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final Model model;
        private final boolean owned;
        private boolean closed;

        Handle(Model model, boolean owned) {
            this.model = model;
            this.owned = owned;
        }

        @Override
        public synchronized void close() {
            if (owned && !closed) {
                closed = true;
                model.close();
            }
        }
    }

    static Optional<ModelMember> reference(Class<?> testClass, String name) {
        List<ModelMember> found = new ArrayList<>();
        for (ModelMember m : members(testClass, ReferenceModel.class)) {
            if (m.name().equals(name)) {
                found.add(m);
            }
        }
        if (found.size() > 1) {
            throw new ExtensionConfigurationException("@ReferenceModel(\"" + name + "\") is declared more than once in "
                    + testClass.getName() + ": " + found.stream().map(ModelMember::describe).toList());
        }
        return found.stream().findFirst();
    }

    static TreeSet<String> referenceNames(Class<?> testClass) {
        TreeSet<String> names = new TreeSet<>();
        members(testClass, ReferenceModel.class).forEach(m -> names.add(m.name()));
        return names;
    }

    static Optional<ModelMember> modelUnderTest(Class<?> testClass) {
        List<ModelMember> found = members(testClass, ModelUnderTest.class);
        if (found.size() > 1) {
            throw new ExtensionConfigurationException("@ModelUnderTest is declared more than once in "
                    + testClass.getName() + ": " + found.stream().map(ModelMember::describe).toList());
        }
        return found.stream().findFirst();
    }

    /** The member's model, created (or read) once per test class and kept in the class store. */
    static Model model(ExtensionContext classContext, ModelMember member, String role) {
        ExtensionContext.Store store = classContext.getStore(DifferentialExtension.NAMESPACE);
        Object key = "model:" + member.member().getDeclaringClass().getName() + "#" + member.member().getName();
        return store.getOrComputeIfAbsent(key, k -> create(member, role), Handle.class).model;
    }

    private static Handle create(ModelMember member, String role) {
        Object value;
        boolean owned;
        try {
            if (member.member() instanceof Field field) {
                value = ReflectionSupport.tryToReadFieldValue(field, null).get();
                owned = false;
            } else {
                value = ReflectionSupport.invokeMethod((Method) member.member(), null);
                owned = true;
            }
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            throw new ExtensionConfigurationException("Cannot create the " + role + " from " + member.describe() + ": " + cause, cause);
        }
        if (!(value instanceof Model model)) {
            throw new ExtensionConfigurationException("The " + role + " " + member.describe() + " is null"
                    + (member.member() instanceof Field ? " (initialise the field in its declaration or a static block)" : ""));
        }
        return new Handle(model, owned);
    }

    private static <A extends java.lang.annotation.Annotation> List<ModelMember> members(Class<?> testClass, Class<A> type) {
        List<ModelMember> result = new ArrayList<>();
        for (Field field : AnnotationSupport.findAnnotatedFields(testClass, type)) {
            check(field, field.getType(), field.getModifiers(), type);
            result.add(new ModelMember(field, name(field.getAnnotation(type))));
        }
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, type, HierarchyTraversalMode.TOP_DOWN)) {
            check(method, method.getReturnType(), method.getModifiers(), type);
            if (method.getParameterCount() != 0) {
                throw new ExtensionConfigurationException("@" + type.getSimpleName() + " method "
                        + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "() must take no arguments");
            }
            result.add(new ModelMember(method, name(method.getAnnotation(type))));
        }
        return result;
    }

    private static void check(Member member, Class<?> type, int modifiers, Class<?> annotation) {
        String what = "@" + annotation.getSimpleName() + " " + (member instanceof Method ? "method " : "field ")
                + member.getDeclaringClass().getSimpleName() + "." + member.getName();
        if (!Modifier.isStatic(modifiers)) {
            throw new ExtensionConfigurationException(what + " must be static: models are shared by the whole test class");
        }
        if (!Model.class.isAssignableFrom(type)) {
            throw new ExtensionConfigurationException(what + " must be " + (member instanceof Method ? "return " : "of type ")
                    + "org.deepjunit.Model (or a subtype), not " + type.getName());
        }
    }

    private static String name(java.lang.annotation.Annotation a) {
        return a instanceof ReferenceModel r ? r.value() : "";
    }
}
