package org.deepjunit.report;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.IMethodCoverage;
import org.jacoco.core.analysis.IPackageCoverage;
import org.jacoco.report.ILanguageNames;
import org.jacoco.report.ISourceFileLocator;

/**
 * A report model turned into JaCoCo bundles (one per model), with the names JaCoCo shows for them and the
 * generated {@code .neurons} source text of each layer.
 *
 * <p>VM names are identifiers: package {@code <model>/<layer>}, class {@code <model>/<layer>/<layer>}, source file
 * {@code <layer>.neurons}, method {@code neuron_<index>}. The real names come back in the HTML and CSV through
 * {@link #languageNames()}.
 */
final class NeuronTree {

    static final String SOURCE_SUFFIX = ".neurons";

    /** One layer with its identifiers. */
    private record Layer(
            ModelEntry model,
            LayerEntry entry,
            String packageName,
            String className,
            String sourceFileName,
            Map<Integer, NeuronEntry> byIndex) {}

    private final List<IBundleCoverage> bundles = new ArrayList<>();
    private final Map<String, Layer> byPackage = new HashMap<>();
    private final Map<String, Layer> byClass = new HashMap<>();

    NeuronTree(NeuronCoverageReport report) {
        Identifiers modelIds = new Identifiers();
        long classId = 1;
        for (ModelEntry model : report.models()) {
            String modelId = modelIds.unique(model.name());
            // a layer's class page is "<layer id>.html" next to the package's "index.html" and "index.source.html"
            Identifiers layerIds = new Identifiers("index", "index.source");
            List<IPackageCoverage> packages = new ArrayList<>();
            NeuronCounter modelNeurons = NeuronCounter.ZERO;
            for (LayerEntry entry : model.layers()) {
                String layerId = layerIds.unique(entry.name());
                String packageName = modelId + "/" + layerId;
                Map<Integer, NeuronEntry> byIndex = new HashMap<>();
                for (NeuronEntry n : entry.neurons()) {
                    byIndex.put(n.index(), n);
                }
                Layer layer = new Layer(
                        model, entry, packageName, packageName + "/" + layerId, layerId + SOURCE_SUFFIX, byIndex);
                byPackage.put(packageName, layer);
                byClass.put(layer.className(), layer);
                IPackageCoverage p = layerPackage(layer, classId++);
                packages.add(p);
                modelNeurons = modelNeurons.plus(p.getInstructionCounter());
            }
            bundles.add(new NeuronNodes.ModelBundle(model.name(), modelNeurons, packages));
        }
    }

    private static IPackageCoverage layerPackage(Layer layer, long classId) {
        List<NeuronEntry> neurons = layer.entry().neurons();
        boolean[] covered = new boolean[neurons.size()];
        for (int i = 0; i < covered.length; i++) {
            covered[i] = neurons.get(i).covered();
        }
        NeuronNodes.LayerLines lines = new NeuronNodes.LayerLines(
                NeuronSource.header(layer.model(), layer.entry()).size(), covered);
        List<IMethodCoverage> methods = new ArrayList<>(covered.length);
        for (int i = 0; i < covered.length; i++) {
            methods.add(new NeuronNodes.NeuronMethod(methodName(neurons.get(i).index()), covered[i], lines.lineOf(i)));
        }
        NeuronCounter counter =
                NeuronCounter.of(layer.entry().missedCount(), layer.entry().coveredCount());
        NeuronNodes.LayerClass layerClass = new NeuronNodes.LayerClass(
                classId, layer.className(), layer.packageName(), layer.sourceFileName(), counter, lines, methods);
        NeuronNodes.LayerSourceFile source =
                new NeuronNodes.LayerSourceFile(layer.sourceFileName(), layer.packageName(), counter, lines);
        return new NeuronNodes.LayerPackage(layer.packageName(), layerClass, source);
    }

    static String methodName(int index) {
        return "neuron_" + index;
    }

    /** One bundle per model, in the report's order. */
    List<IBundleCoverage> bundles() {
        return bundles;
    }

    /** Serves each layer's generated source text. */
    ISourceFileLocator sourceLocator() {
        return new ISourceFileLocator() {
            @Override
            public Reader getSourceFile(String packageName, String fileName) {
                Layer layer = byPackage.get(packageName);
                if (layer == null || !layer.sourceFileName().equals(fileName)) {
                    return null;
                }
                return new StringReader(NeuronSource.text(layer.model(), layer.entry()));
            }

            @Override
            public int getTabWidth() {
                return 4;
            }
        };
    }

    /** Labels in the real names: layers, "layer (kind)", neurons with their largest value. */
    ILanguageNames languageNames() {
        return new ILanguageNames() {
            @Override
            public String getPackageName(String vmname) {
                Layer layer = byPackage.get(vmname);
                return layer == null
                        ? vmname.replace('/', '.')
                        : Text.oneLine(layer.entry().name());
            }

            @Override
            public String getClassName(String vmname, String vmsignature, String vmsuperclass, String[] vminterfaces) {
                Layer layer = byClass.get(vmname);
                if (layer == null) {
                    return vmname.substring(vmname.lastIndexOf('/') + 1);
                }
                String kind = layer.entry().kind().isBlank()
                        ? ""
                        : " (" + Text.oneLine(layer.entry().kind()) + ")";
                return Text.oneLine(layer.entry().name()) + kind;
            }

            @Override
            public String getQualifiedClassName(String vmname) {
                Layer layer = byClass.get(vmname);
                if (layer == null) {
                    return vmname.replace('/', '.');
                }
                return Text.oneLine(layer.model().name()) + " / "
                        + Text.oneLine(layer.entry().name());
            }

            @Override
            public String getMethodName(String vmclassname, String vmmethodname, String vmdesc, String vmsignature) {
                Layer layer = byClass.get(vmclassname);
                NeuronEntry neuron = layer == null ? null : neuronOf(layer, vmmethodname);
                if (neuron == null) {
                    return vmmethodname;
                }
                return "neuron " + neuron.index()
                        + (neuron.activated() ? " (max " + Text.value(neuron.maxValue()) + ")" : " (never activated)");
            }

            @Override
            public String getQualifiedMethodName(
                    String vmclassname, String vmmethodname, String vmdesc, String vmsignature) {
                return getQualifiedClassName(vmclassname) + " / "
                        + getMethodName(vmclassname, vmmethodname, vmdesc, vmsignature);
            }
        };
    }

    private static NeuronEntry neuronOf(Layer layer, String methodName) {
        String prefix = "neuron_";
        if (!methodName.startsWith(prefix)) {
            return null;
        }
        try {
            return layer.byIndex().get(Integer.parseInt(methodName.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
