package org.deepjunit.report;

import java.util.Collection;
import java.util.List;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ICoverageNode;
import org.jacoco.core.analysis.ILine;
import org.jacoco.core.analysis.IMethodCoverage;
import org.jacoco.core.analysis.IPackageCoverage;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.analysis.ISourceNode;

/**
 * JaCoCo coverage nodes for neurons, built on JaCoCo's public analysis interfaces only.
 *
 * <p>Mapping: bundle = model, package = class = source file = layer, method = line = neuron. A neuron counts one
 * INSTRUCTION and one LINE, covered or missed; BRANCH, COMPLEXITY, METHOD and CLASS stay 0. All nodes are immutable.
 */
final class NeuronNodes {

    private NeuronNodes() {}

    /** One source line: one neuron (one instruction) or nothing. */
    static final class NeuronLine implements ILine {

        static final NeuronLine NONE = new NeuronLine(NeuronCounter.ZERO);
        static final NeuronLine MISSED = new NeuronLine(NeuronCounter.ONE_MISSED);
        static final NeuronLine COVERED = new NeuronLine(NeuronCounter.ONE_COVERED);

        private final NeuronCounter instructions;

        private NeuronLine(NeuronCounter instructions) {
            this.instructions = instructions;
        }

        static NeuronLine of(boolean covered) {
            return covered ? COVERED : MISSED;
        }

        @Override
        public ICounter getInstructionCounter() {
            return instructions;
        }

        @Override
        public ICounter getBranchCounter() {
            return NeuronCounter.ZERO;
        }

        @Override
        public int getStatus() {
            return instructions.getStatus();
        }
    }

    /** A node with neuron counters only: INSTRUCTION = LINE = neurons. */
    static class Node implements ICoverageNode {

        private final ElementType type;
        private final String name;
        private final NeuronCounter neurons;

        Node(ElementType type, String name, NeuronCounter neurons) {
            this.type = type;
            this.name = name;
            this.neurons = neurons;
        }

        @Override
        public final ElementType getElementType() {
            return type;
        }

        @Override
        public final String getName() {
            return name;
        }

        @Override
        public final ICounter getInstructionCounter() {
            return neurons;
        }

        @Override
        public final ICounter getBranchCounter() {
            return NeuronCounter.ZERO;
        }

        @Override
        public final ICounter getLineCounter() {
            return neurons;
        }

        @Override
        public final ICounter getComplexityCounter() {
            return NeuronCounter.ZERO;
        }

        @Override
        public final ICounter getMethodCounter() {
            return NeuronCounter.ZERO;
        }

        @Override
        public final ICounter getClassCounter() {
            return NeuronCounter.ZERO;
        }

        @Override
        public final ICounter getCounter(CounterEntity entity) {
            switch (entity) {
                case INSTRUCTION:
                case LINE:
                    return neurons;
                default:
                    return NeuronCounter.ZERO;
            }
        }

        @Override
        public final boolean containsCode() {
            return neurons.getTotalCount() != 0;
        }

        @Override
        public final ICoverageNode getPlainCopy() {
            return new Node(type, name, neurons);
        }

        @Override
        public String toString() {
            return type + " " + name + " " + neurons;
        }
    }

    /** A neuron: one line of its layer's source text. */
    static final class NeuronMethod extends Node implements IMethodCoverage {

        private final int line;
        private final NeuronLine status;

        NeuronMethod(String name, boolean covered, int line) {
            super(ElementType.METHOD, name, covered ? NeuronCounter.ONE_COVERED : NeuronCounter.ONE_MISSED);
            this.line = line;
            this.status = NeuronLine.of(covered);
        }

        @Override
        public int getFirstLine() {
            return line;
        }

        @Override
        public int getLastLine() {
            return line;
        }

        @Override
        public ILine getLine(int nr) {
            return nr == line ? status : NeuronLine.NONE;
        }

        /** Empty: there is no JVM descriptor (report.dtd requires the attribute, so it cannot be null). */
        @Override
        public String getDesc() {
            return "";
        }

        @Override
        public String getSignature() {
            return null;
        }
    }

    /**
     * A layer's lines: header lines (no neurons) then one line per neuron, in the layer's order.
     */
    static final class LayerLines {

        private final int firstLine;
        private final boolean[] covered;

        LayerLines(int headerLines, boolean[] covered) {
            this.firstLine = headerLines + 1;
            this.covered = covered.clone();
        }

        int firstLine() {
            return covered.length == 0 ? ISourceNode.UNKNOWN_LINE : firstLine;
        }

        int lastLine() {
            return covered.length == 0 ? ISourceNode.UNKNOWN_LINE : firstLine + covered.length - 1;
        }

        int lineOf(int position) {
            return firstLine + position;
        }

        ILine line(int nr) {
            int position = nr - firstLine;
            if (position < 0 || position >= covered.length) {
                return NeuronLine.NONE;
            }
            return NeuronLine.of(covered[position]);
        }
    }

    /** A layer as a class: its neurons are the methods. */
    /** A node of a layer's lines: its class and its source file, which JaCoCo shows line by line. */
    abstract static class LayerLinesNode extends Node {

        private final String packageName;
        private final LayerLines lines;

        LayerLinesNode(ElementType type, String name, NeuronCounter neurons, String packageName, LayerLines lines) {
            super(type, name, neurons);
            this.packageName = packageName;
            this.lines = lines;
        }

        public String getPackageName() {
            return packageName;
        }

        public int getFirstLine() {
            return lines.firstLine();
        }

        public int getLastLine() {
            return lines.lastLine();
        }

        public ILine getLine(int nr) {
            return lines.line(nr);
        }
    }

    static final class LayerClass extends LayerLinesNode implements IClassCoverage {

        private final long id;
        private final String sourceFileName;
        private final List<IMethodCoverage> methods;

        LayerClass(
                long id,
                String vmName,
                String packageName,
                String sourceFileName,
                NeuronCounter neurons,
                LayerLines lines,
                List<IMethodCoverage> methods) {
            super(ElementType.CLASS, vmName, neurons, packageName, lines);
            this.id = id;
            this.sourceFileName = sourceFileName;
            this.methods = List.copyOf(methods);
        }

        @Override
        public long getId() {
            return id;
        }

        @Override
        public boolean isNoMatch() {
            return false;
        }

        @Override
        public String getSignature() {
            return null;
        }

        @Override
        public String getSuperName() {
            return null;
        }

        @Override
        public String[] getInterfaceNames() {
            return new String[0];
        }

        @Override
        public String getSourceFileName() {
            return sourceFileName;
        }

        @Override
        public Collection<IMethodCoverage> getMethods() {
            return methods;
        }
    }

    /** A layer's generated {@code .neurons} source text. */
    static final class LayerSourceFile extends LayerLinesNode implements ISourceFileCoverage {

        LayerSourceFile(String fileName, String packageName, NeuronCounter neurons, LayerLines lines) {
            super(ElementType.SOURCEFILE, fileName, neurons, packageName, lines);
        }
    }

    /** A layer as a package holding its class and its source file. */
    static final class LayerPackage extends Node implements IPackageCoverage {

        private final List<IClassCoverage> classes;
        private final List<ISourceFileCoverage> sourceFiles;

        LayerPackage(String vmName, LayerClass layerClass, LayerSourceFile sourceFile) {
            super(ElementType.PACKAGE, vmName, (NeuronCounter) layerClass.getInstructionCounter());
            this.classes = List.of(layerClass);
            this.sourceFiles = List.of(sourceFile);
        }

        @Override
        public Collection<IClassCoverage> getClasses() {
            return classes;
        }

        @Override
        public Collection<ISourceFileCoverage> getSourceFiles() {
            return sourceFiles;
        }
    }

    /** A model as a bundle of layer packages. */
    static final class ModelBundle extends Node implements IBundleCoverage {

        private final List<IPackageCoverage> packages;

        ModelBundle(String name, NeuronCounter neurons, List<IPackageCoverage> packages) {
            super(ElementType.BUNDLE, name, neurons);
            this.packages = List.copyOf(packages);
        }

        @Override
        public Collection<IPackageCoverage> getPackages() {
            return packages;
        }
    }
}
