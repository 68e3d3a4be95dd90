package org.deepjunit;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.deepjunit.model.Model;
import org.deepjunit.model.ObservedModel;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The {@link TestModel}s of one test class, shared by every DeepJUnit extension: found once in the class and its
 * superclasses (a {@code @Nested} class also sees its enclosing classes' models), each factory called once, every
 * model handed out observed, and the models DeepJUnit created closed after the class. Kept in the class's store.
 */
@SuppressWarnings("deprecation")
final class DeclaredModels implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DeclaredModels.class);

    /** One declaration: a static field or a static no-argument factory method. */
    record Declaration(String name, Member member) {
        /** {@code Class.field} or {@code Class.method()}. */
        String describe() {
            return member.getDeclaringClass().getSimpleName() + "." + member.getName()
                    + (member instanceof Method ? "()" : "");
        }
    }

    private final Class<?> testClass;
    private final DeclaredModels enclosing;
    private final Map<String, Declaration> declarations = new LinkedHashMap<>();
    private final Map<String, ObservedModel> handedOut = new LinkedHashMap<>();
    private final List<ObservedModel> created = new ArrayList<>();
    private boolean closed;

    private DeclaredModels(Class<?> testClass, DeclaredModels enclosing) {
        this.testClass = testClass;
        this.enclosing = enclosing;
        for (Field field : AnnotationSupport.findAnnotatedFields(testClass, TestModel.class)) {
            check(field, field.getType(), field.getModifiers());
            add(new Declaration(name(field.getAnnotation(TestModel.class), field.getName()), field));
        }
        for (Method method :
                AnnotationSupport.findAnnotatedMethods(testClass, TestModel.class, HierarchyTraversalMode.TOP_DOWN)) {
            check(method, method.getReturnType(), method.getModifiers());
            if (method.getParameterCount() != 0) {
                throw new ExtensionConfigurationException("@TestModel method " + describe(method)
                        + " must take no arguments: DeepJUnit calls it once per test class");
            }
            add(new Declaration(name(method.getAnnotation(TestModel.class), method.getName()), method));
        }
    }

    /** The models of the test class around {@code context}, created on first use. */
    static DeclaredModels of(ExtensionContext context) {
        ExtensionContext classContext = Contexts.classContext(context);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        testClass,
                        c -> {
                            DeclaredModels outer = null;
                            if (testClass.getEnclosingClass() != null && !Modifier.isStatic(testClass.getModifiers())) {
                                outer = classContext
                                        .getParent()
                                        .filter(p -> p.getTestClass().isPresent())
                                        .map(DeclaredModels::of)
                                        .orElse(null);
                            }
                            return new DeclaredModels(testClass, outer);
                        },
                        DeclaredModels.class);
    }

    Class<?> testClass() {
        return testClass;
    }

    /** Whether {@code name} is declared here or in an enclosing class. */
    boolean isDeclared(String name) {
        return declarations.containsKey(name) || (enclosing != null && enclosing.isDeclared(name));
    }

    /** The names this class (and its superclasses) declares, without enclosing classes'. */
    List<String> ownNames() {
        return List.copyOf(declarations.keySet());
    }

    /** Every declared name, enclosing classes' included. */
    TreeSet<String> names() {
        TreeSet<String> names = enclosing == null ? new TreeSet<>() : enclosing.names();
        names.addAll(declarations.keySet());
        return names;
    }

    /** Where {@code name} is declared, for messages. */
    Optional<Declaration> declaration(String name) {
        Declaration d = declarations.get(name);
        return d != null ? Optional.of(d) : enclosing == null ? Optional.empty() : enclosing.declaration(name);
    }

    /**
     * Checks what can be checked before any test runs: every field that already holds a model holds one DeepJUnit
     * observes. A field that is still null is checked when it is first used.
     */
    synchronized void checkFields() {
        for (Declaration d : declarations.values()) {
            if (d.member() instanceof Field field) {
                Object value = read(field, d);
                if (value != null) {
                    requireObserved(d, (Model) value);
                }
            }
        }
    }

    /** The model declared as {@code name}, created on first use; the error lists the declared names. */
    synchronized ObservedModel get(String name) {
        ObservedModel model = handedOut.get(name);
        if (model != null) {
            return model;
        }
        Declaration d = declarations.get(name);
        if (d == null) {
            if (enclosing != null && enclosing.isDeclared(name)) {
                return enclosing.get(name);
            }
            throw new ExtensionConfigurationException("No @TestModel named '" + name + "' in " + testClass.getName()
                    + " or its superclasses" + (enclosing == null ? "" : " or enclosing classes")
                    + "; declared: " + names());
        }
        if (closed) {
            throw new ExtensionConfigurationException(
                    "@TestModel '" + name + "' of " + testClass.getName() + " was asked for after its class finished");
        }
        if (d.member() instanceof Field field) {
            Object value = read(field, d);
            if (value == null) {
                throw new ExtensionConfigurationException("@TestModel field " + d.describe() + " is null: initialise "
                        + "it in its declaration or a static block, or declare a static factory method instead");
            }
            model = requireObserved(d, (Model) value);
        } else {
            model = ObservedModel.observe(create((Method) d.member(), d));
            created.add(model);
        }
        handedOut.put(name, model);
        return model;
    }

    /**
     * The declared name of a model instance this class handed out or holds in a declared field, without creating
     * anything; empty for a model the test made itself.
     */
    synchronized Optional<String> nameOf(Model model) {
        for (Map.Entry<String, ObservedModel> e : handedOut.entrySet()) {
            if (e.getValue() == model) {
                return Optional.of(e.getKey());
            }
        }
        for (Declaration d : declarations.values()) {
            if (d.member() instanceof Field field && !handedOut.containsKey(d.name()) && read(field, d) == model) {
                return Optional.of(d.name());
            }
        }
        return enclosing == null ? Optional.empty() : enclosing.nameOf(model);
    }

    /** The model declared as {@code name} if it exists already (handed out, or held by its field); never creates one. */
    synchronized Optional<Model> existing(String name) {
        Declaration d = declarations.get(name);
        if (d == null) {
            return enclosing == null ? Optional.empty() : enclosing.existing(name);
        }
        if (handedOut.containsKey(name)) {
            return Optional.of(handedOut.get(name));
        }
        return d.member() instanceof Field field ? Optional.ofNullable((Model) read(field, d)) : Optional.empty();
    }

    /** Closes the models DeepJUnit created from factory methods, once; fields' models stay their owner's. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (ObservedModel model : created) {
            try {
                model.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        created.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private void add(Declaration declaration) {
        Declaration previous = declarations.putIfAbsent(declaration.name(), declaration);
        if (previous != null) {
            throw new ExtensionConfigurationException("@TestModel '" + declaration.name() + "' is declared twice in "
                    + testClass.getName() + ": " + previous.describe() + " and " + declaration.describe()
                    + "; give each model its own name");
        }
    }

    private ObservedModel requireObserved(Declaration d, Model model) {
        if (model instanceof ObservedModel observed) {
            return observed;
        }
        throw new ExtensionConfigurationException("@TestModel field " + d.describe() + " holds a "
                + model.getClass().getName() + ", which does not extend " + ObservedModel.class.getName()
                + ": test code that reads the field directly would run it unobserved, so coverage and differential "
                + "checks could not see it. Either make " + model.getClass().getSimpleName() + " extend ObservedModel"
                + ", or declare the model with a static factory method (@TestModel(\"" + d.name() + "\") static Model "
                + d.member().getName() + "() {...}) and take it as a test parameter (@TestModel(\"" + d.name()
                + "\") Model " + d.member().getName() + ")");
    }

    private static Object read(Field field, Declaration d) {
        try {
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot read @TestModel field " + d.describe() + ": " + e, e);
        }
    }

    private Model create(Method method, Declaration d) {
        Object value;
        try {
            method.setAccessible(true);
            value = method.invoke(null);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException(
                    "@TestModel method " + d.describe() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot call @TestModel method " + d.describe() + ": " + e, e);
        }
        if (value == null) {
            throw new ExtensionConfigurationException("@TestModel method " + d.describe() + " returned null");
        }
        return (Model) value;
    }

    private static void check(Member member, Class<?> type, int modifiers) {
        String what = "@TestModel " + (member instanceof Method ? "method " : "field ") + describe(member);
        if (!Modifier.isStatic(modifiers)) {
            throw new ExtensionConfigurationException(
                    what + " must be static: models are shared by the whole test " + "class");
        }
        if (!Model.class.isAssignableFrom(type)) {
            throw new ExtensionConfigurationException(
                    what + " must " + (member instanceof Method ? "return" : "be of type")
                            + " org.deepjunit.model.Model (or a subtype), not " + type.getName());
        }
    }

    private static String describe(Member member) {
        return member.getDeclaringClass().getSimpleName() + "." + member.getName()
                + (member instanceof Method ? "()" : "");
    }

    private static String name(TestModel annotation, String memberName) {
        return annotation.value().isEmpty() ? memberName : annotation.value();
    }
}
