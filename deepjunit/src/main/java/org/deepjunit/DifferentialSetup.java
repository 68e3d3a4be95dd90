package org.deepjunit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.differential.ComparedModels;
import org.deepjunit.differential.DifferentialKeys;
import org.deepjunit.differential.OutputOracle;
import org.deepjunit.differential.Tolerance;
import org.deepjunit.explain.ExplainKeys;
import org.deepjunit.explain.ExplainedInputs;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link DifferentialAgainst} resolved for a test class: configuration parsed and checked,
 * then the reference (and the declared model under test) created and their shapes compared.
 */
final class DifferentialSetup implements ComparedModels {

    final Class<?> testClass;
    final DeclaredModels models;
    final String referenceName;
    final Model reference;
    final String modelName; // empty: every declared model but the reference
    final Model modelUnderTest; // null: every declared model but the reference
    final OutputOracle oracle;
    final Tolerance tolerance;
    final String variant;
    final int topK;
    final Map<String, String> layerMap;
    final boolean approve;
    final Path approvedDir;
    final Path inputsDir;
    final boolean overlays;

    private DifferentialSetup(ExtensionContext classContext, DifferentialAgainst annotation) {
        this.testClass = classContext.getRequiredTestClass();
        Settings settings = Settings.of(classContext);
        // Configuration first: nothing is created while a value is wrong.
        double absolute = settings.resolve(
                DifferentialKeys.TOLERANCE_ABSOLUTE,
                annotation.absoluteTolerance(),
                !Double.isNaN(annotation.absoluteTolerance()),
                "@DifferentialAgainst(absoluteTolerance)");
        double relative = settings.resolve(
                DifferentialKeys.TOLERANCE_RELATIVE,
                annotation.relativeTolerance(),
                !Double.isNaN(annotation.relativeTolerance()),
                "@DifferentialAgainst(relativeTolerance)");
        this.tolerance = new Tolerance(absolute, relative);
        this.variant = settings.resolve(
                DifferentialKeys.VARIANT,
                annotation.variant(),
                !annotation.variant().isEmpty(),
                "@DifferentialAgainst(variant)");
        if (annotation.topK() < 1) {
            throw ConfigurationException.invalid("@DifferentialAgainst(topK)", annotation.topK(), "an integer >= 1");
        }
        this.topK = annotation.topK();
        this.layerMap = layerMap(annotation.layerMap());
        this.approve = settings.getOrDefault(DifferentialKeys.APPROVE);
        this.approvedDir = settings.getOrDefault(DifferentialKeys.APPROVED_DIR)
                .toAbsolutePath()
                .normalize();
        this.inputsDir = settings.reportDirectory().resolve("inputs");
        this.overlays = settings.getOrDefault(ExplainKeys.OVERLAYS);
        this.oracle = instantiate(annotation.comparator());
        this.models = DeclaredModels.of(classContext);
        this.referenceName = annotation.reference();
        this.modelName = annotation.model();
        requireDeclared("reference", referenceName);
        if (!modelName.isEmpty()) {
            requireDeclared("model", modelName);
            if (modelName.equals(referenceName)) {
                throw new ExtensionConfigurationException("@DifferentialAgainst(model = \"" + modelName
                        + "\", reference = \"" + referenceName + "\") on " + testClass.getName()
                        + ": the reference is the model under test itself");
            }
        }

        // Then the models, shared per class.
        this.reference = models.get(referenceName);
        this.modelUnderTest = modelName.isEmpty() ? null : models.get(modelName);
        if (modelUnderTest != null) {
            if (modelUnderTest == reference) {
                throw new ExtensionConfigurationException("@DifferentialAgainst(model = \"" + modelName
                        + "\", reference = \"" + referenceName + "\") on " + testClass.getName()
                        + ": both names declare the same model instance");
            }
            checkCompatible(modelUnderTest);
        }
        requireLayers(reference, layerMap.values(), "reference \"" + referenceName + "\"");
    }

    private static Map<String, String> layerMap(String[] entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] sides = entry.split("=", -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw ConfigurationException.invalid(
                        "@DifferentialAgainst(layerMap)", entry, "\"layerOfTheModelUnderTest=layerOfTheReference\"");
            }
            map.put(sides[0].trim(), sides[1].trim());
        }
        return Collections.unmodifiableMap(map);
    }

    private void requireLayers(Model model, Collection<String> names, String which) {
        Set<String> layers = model.layers().stream().map(Layer::name).collect(Collectors.toSet());
        for (String name : names) {
            if (!layers.contains(name)) {
                throw new ExtensionConfigurationException("@DifferentialAgainst(layerMap) on " + testClass.getName()
                        + " names layer '" + name + "', which " + which + " (" + model.name() + ") does not have;"
                        + " its layers are "
                        + model.layers().stream().map(Layer::name).toList());
            }
        }
    }

    private void requireDeclared(String attribute, String name) {
        if (!models.isDeclared(name)) {
            throw new ExtensionConfigurationException("@DifferentialAgainst(" + attribute + " = \"" + name + "\") on "
                    + testClass.getName() + ": no @TestModel(\"" + name + "\") in " + testClass.getSimpleName()
                    + " or its superclasses (declared: " + models.names() + ")");
        }
    }

    /** Whether a model's forward passes are checked: the named model under test, else any declared model but the reference. */
    @Override
    public boolean isUnderTest(Model model) {
        if (model == reference) {
            return false;
        }
        if (modelUnderTest != null) {
            return model == modelUnderTest;
        }
        return models.nameOf(model).filter(n -> !n.equals(referenceName)).isPresent();
    }

    static DifferentialSetup of(
            ExtensionContext classContext, AnnotatedElement element, DifferentialAgainst annotation) {
        ExtensionContext.Store store = classContext.getStore(DifferentialExtension.NAMESPACE);
        return store.getOrComputeIfAbsent(
                "setup:" + element, k -> new DifferentialSetup(classContext, annotation), DifferentialSetup.class);
    }

    @Override
    public boolean isDeclared(Model model) {
        return models.nameOf(model).isPresent();
    }

    @Override
    public Model reference() {
        return reference;
    }

    @Override
    public String referenceName() {
        return referenceName;
    }

    @Override
    public Model modelUnderTest() {
        return modelUnderTest;
    }

    @Override
    public String testClassName() {
        return testClass.getSimpleName();
    }

    @Override
    public OutputOracle oracle() {
        return oracle;
    }

    @Override
    public Tolerance tolerance() {
        return tolerance;
    }

    @Override
    public int topK() {
        return topK;
    }

    @Override
    public Map<String, String> layerMap() {
        return layerMap;
    }

    @Override
    public Path inputsDir() {
        return inputsDir;
    }

    /** With {@code deepjunit.explain.overlays}: an explanation of the model under test's class beside the input. */
    @Override
    public void afterSave(Model modelUnderTest, Tensor sample, SavedInputs.Saved saved) {
        if (overlays && modelUnderTest != null) {
            ExplainedInputs.writeBeside(modelUnderTest, sample, saved, null);
        }
    }

    /** Throws when {@code model} takes other inputs or gives other outputs than the reference. */
    @Override
    public void checkCompatible(Model model) {
        requireLayers(model, layerMap.keySet(), "the model under test");
        if (!compatible(model.inputShape(), reference.inputShape())) {
            throw new ExtensionConfigurationException("Reference model \"" + referenceName + "\" (" + reference.name()
                    + ") takes inputs of shape " + reference.inputShape() + " but the model under test (" + model.name()
                    + ") takes " + model.inputShape() + ": @DifferentialAgainst on " + testClass.getName()
                    + " needs a reference for the same inputs");
        }
        if (!compatible(model.outputShape(), reference.outputShape())) {
            throw new ExtensionConfigurationException("Reference model \"" + referenceName + "\" (" + reference.name()
                    + ") gives outputs of shape " + reference.outputShape() + " but the model under test ("
                    + model.name()
                    + ") gives " + model.outputShape() + ": @DifferentialAgainst on " + testClass.getName()
                    + " needs a reference with the same outputs");
        }
    }

    /** Same rank, and equal dimensions where both are known. */
    private static boolean compatible(Shape a, Shape b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (a.dim(i) != Shape.UNKNOWN && b.dim(i) != Shape.UNKNOWN && a.dim(i) != b.dim(i)) {
                return false;
            }
        }
        return true;
    }

    private OutputOracle instantiate(Class<? extends OutputOracle> type) {
        try {
            Constructor<? extends OutputOracle> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException(
                    "@DifferentialAgainst(comparator = " + type.getName() + ".class) on " + testClass.getName()
                            + ": cannot create it with a no-argument constructor (" + e + ")",
                    e);
        }
    }
}
