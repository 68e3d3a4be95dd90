package org.deepjunit.model.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.LayerKind;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.PreprocessorVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A MultiLayerNetwork or a ComputationGraph behind one small interface. Not thread-safe. */
final class Dl4jNet {

    /** One step of the forward order: an input, a layer (with its input preprocessor) or a preprocessor alone. */
    static final class Node {
        final String name;
        final LayerKind kind;
        final InputPreProcessor pre;
        final Layer layer;
        final boolean input;
        /** Vertex index (ComputationGraph), layer index (MultiLayerNetwork). */
        final int index;
        /** For a ComputationGraph vertex: the indices of the vertices it reads. */
        final int[] inputs;
        /** Filled in by Dl4jModel from a trial forward pass. */
        Layout layout;

        Node(String name, LayerKind kind, InputPreProcessor pre, Layer layer, boolean input, int index, int[] inputs) {
            this.name = name;
            this.kind = kind;
            this.pre = pre;
            this.layer = layer;
            this.input = input;
            this.index = index;
            this.inputs = inputs;
        }

        org.deeplearning4j.nn.conf.layers.Layer conf() {
            return layer == null ? null : layer.conf().getLayer();
        }
    }

    final MultiLayerNetwork mln;
    final ComputationGraph cg;
    final List<Node> nodes;

    private Dl4jNet(MultiLayerNetwork mln, ComputationGraph cg) {
        this.mln = mln;
        this.cg = cg;
        this.nodes = mln != null ? mlnNodes(mln) : cgNodes(cg);
    }

    static Dl4jNet of(MultiLayerNetwork mln) {
        return new Dl4jNet(mln, null);
    }

    static Dl4jNet of(ComputationGraph cg) {
        return new Dl4jNet(null, cg);
    }

    /**
     * SHA-256 of the network's structure (type, nodes and layer classes, and what the adapter adds) and all its
     * parameters: equal for the same architecture and weights. (The configuration JSON is not hashed: it differs
     * between two loads of the same file.)
     */
    String fingerprint(String adapterStructure) {
        INDArray params = mln != null ? mln.params() : cg.params();
        java.security.MessageDigest sha = org.deepjunit.model.Sha256.digest();
        StringBuilder structure = new StringBuilder(typeName()).append(';');
        for (Node node : nodes) {
            structure
                    .append(node.name)
                    .append(':')
                    .append(node.kind)
                    .append(':')
                    .append(node.layer == null ? "" : node.layer.getClass().getName())
                    .append(':')
                    .append(
                            node.layer == null || node.layer.conf() == null
                                    ? ""
                                    : node.layer.conf().getLayer().getClass().getSimpleName())
                    .append(';');
        }
        structure.append(adapterStructure);
        sha.update(structure.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (params != null && !params.isEmpty()) {
            double[] values = params.toDoubleVector();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * values.length);
            bytes.asDoubleBuffer().put(values);
            sha.update(bytes);
        }
        return org.deepjunit.model.Sha256.hex(sha);
    }

    /** Closes the network's native memory. */
    void close() {
        if (mln != null) {
            mln.close();
        } else {
            cg.close();
        }
    }

    String typeName() {
        return mln != null ? "MultiLayerNetwork" : "ComputationGraph";
    }

    DataType dataType() {
        INDArray p = mln != null ? mln.params() : cg.params();
        if (p != null && !p.isEmpty()) {
            return p.dataType();
        }
        return mln != null
                ? mln.getLayerWiseConfigurations().getDataType()
                : cg.getConfiguration().getDataType();
    }

    /**
     * Every node's output in inference mode, keyed by node name. Walks the layers itself and hands
     * a copy of its input to every layer that may write it: DL4J's own {@code feedForward(x, false)}
     * lets an ActivationLayer apply its function in place on its input, so the layer before it would
     * be reported with the activation applied (a Keras {@code Dense} + {@code Activation('softmax')}
     * pair would show the probabilities as logits). Layers known to only read their input get it as
     * it is, which saves copying every activation.
     */
    Map<String, INDArray> feedForward(INDArray x) {
        return feedForward(x, LayerWorkspaceMgr.noWorkspaces());
    }

    /** {@link #feedForward(INDArray)} with the layers' arrays placed by {@code mgr}. */
    Map<String, INDArray> feedForward(INDArray x, LayerWorkspaceMgr mgr) {
        int n = (int) x.size(0);
        Map<String, INDArray> result = new LinkedHashMap<>();
        if (mln != null) {
            INDArray current = x;
            for (Node node : nodes) {
                INDArray source = readsInputOnly(node.layer) ? current : current.dup();
                INDArray in = node.pre != null ? node.pre.preProcess(source, n, mgr) : source;
                current = ConvolutionForward.activate(node.layer, in, mgr);
                result.put(node.name, current);
            }
            return result;
        }
        Map<Integer, INDArray> byIndex = new HashMap<>();
        GraphVertex[] vertices = cg.getVertices();
        cg.setInputs(x); // preprocessor vertices read the batch size from the graph's inputs
        for (Node node : nodes) {
            INDArray out;
            if (node.input) {
                out = x;
            } else {
                GraphVertex v = vertices[node.index];
                INDArray[] ins = new INDArray[node.inputs.length];
                boolean readOnly = v instanceof LayerVertex && readsInputOnly(v.getLayer());
                for (int k = 0; k < ins.length; k++) {
                    INDArray in = byIndex.get(node.inputs[k]);
                    ins[k] = readOnly ? in : in.dup();
                }
                v.setInputs(ins);
                if (v instanceof LayerVertex lv) {
                    lv.applyPreprocessorAndSetInput(mgr);
                    out = ConvolutionForward.activate(
                            lv.getLayer(), lv.getLayer().input(), mgr);
                } else {
                    out = v.doForward(false, mgr);
                }
            }
            byIndex.put(node.index, out);
            result.put(node.name, out);
        }
        return result;
    }

    /** Drops the inputs and masks the layers keep from the last pass (they may be arrays of a closed workspace). */
    void clearLayerStates() {
        if (mln != null) {
            mln.clearLayersStates();
        } else {
            cg.clearLayersStates();
            cg.clear(); // the graph's inputs, set by feedForward
        }
    }

    /** Layer configurations whose inference forward pass never writes its input (checked in DL4J 1.0.0-M2.1). */
    private static final java.util.Set<Class<?>> READ_ONLY = java.util.Set.of(
            DenseLayer.class,
            ConvolutionLayer.class,
            org.deeplearning4j.nn.conf.layers.Convolution1DLayer.class,
            SubsamplingLayer.class,
            org.deeplearning4j.nn.conf.layers.Subsampling1DLayer.class,
            BatchNormalization.class,
            org.deeplearning4j.nn.conf.layers.OutputLayer.class,
            GlobalPoolingLayer.class,
            DropoutLayer.class);

    /** Whether the layer only reads its input in inference mode; unknown layers are assumed to write it. */
    static boolean readsInputOnly(Layer layer) {
        return layer != null
                && layer.conf() != null
                && READ_ONLY.contains(layer.conf().getLayer().getClass());
    }

    /** The name of the node whose output is the network's output. */
    String outputNodeName() {
        if (mln != null) {
            return nodes.get(nodes.size() - 1).name;
        }
        return cg.getConfiguration().getNetworkOutputs().get(0);
    }

    /**
     * Why the layer-by-layer gradient walk cannot handle this network, or {@code null} if it can:
     * it needs one input, one output and every vertex reading the one before it.
     */
    String chainProblem() {
        if (mln != null) {
            return null;
        }
        List<String> ins = cg.getConfiguration().getNetworkInputs();
        List<String> outs = cg.getConfiguration().getNetworkOutputs();
        if (ins.size() != 1 || outs.size() != 1) {
            return "input gradients of a ComputationGraph with " + ins.size() + " inputs and " + outs.size()
                    + " outputs are not supported (only a single input-to-output chain is)";
        }
        for (Node node : nodes) {
            GraphVertex v = cg.getVertices()[node.index];
            if (!node.input && !(v instanceof LayerVertex) && !(v instanceof PreprocessorVertex)) {
                return "input gradients through vertex '" + node.name + "' ("
                        + v.getClass().getSimpleName()
                        + ") are not supported (only layer and preprocessor vertices in a single chain are)";
            }
        }
        Node previous = null;
        for (Node node : nodes) {
            if (node.input) {
                previous = node;
                continue;
            }
            if (node.inputs.length != 1 || previous == null || node.inputs[0] != previous.index) {
                return "input gradients of a ComputationGraph that is not a single chain are not supported: vertex '"
                        + node.name + "' does not read only the vertex before it";
            }
            previous = node;
        }
        if (previous == null || !previous.name.equals(outs.get(0))) {
            return "input gradients are only supported when the output vertex is the last of the chain";
        }
        return null;
    }

    /**
     * A network for the gradient walk: same parameters (shared, not copied), no dropout or weight
     * noise, gradient views initialised.
     */
    Dl4jNet inferenceClone() {
        Dl4jNet clone;
        if (mln != null) {
            MultiLayerNetwork copy =
                    new MultiLayerNetwork(mln.getLayerWiseConfigurations().clone());
            copy.init(mln.params(), false);
            clone = of(copy);
        } else {
            ComputationGraph copy = new ComputationGraph(cg.getConfiguration().clone());
            copy.init(cg.params(), false);
            clone = of(copy);
        }
        for (Node node : clone.nodes) {
            org.deeplearning4j.nn.conf.layers.Layer conf = node.conf();
            if (conf != null) {
                conf.setIDropout(null);
                if (conf instanceof BaseLayer base) {
                    base.setWeightNoise(null);
                }
            }
        }
        if (clone.mln != null) {
            clone.mln.initGradientsView();
        } else {
            clone.cg.initGradientsView();
        }
        return clone;
    }

    private static List<Node> mlnNodes(MultiLayerNetwork net) {
        List<Node> result = new ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layers[i].conf().getLayer();
            String name = conf.getLayerName() != null && !conf.getLayerName().isBlank()
                    ? conf.getLayerName()
                    : String.valueOf(i);
            result.add(new Node(
                    name,
                    LayerConfigs.kindOf(conf),
                    net.getLayerWiseConfigurations().getInputPreProcess(i),
                    layers[i],
                    false,
                    i,
                    new int[] {i - 1}));
        }
        return result;
    }

    private static List<Node> cgNodes(ComputationGraph graph) {
        List<Node> result = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        for (int idx : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[idx];
            int[] ins = new int[v.getInputVertices() == null ? 0 : v.getInputVertices().length];
            for (int k = 0; k < ins.length; k++) {
                ins[k] = v.getInputVertices()[k].getVertexIndex();
            }
            if (v.isInputVertex()) {
                result.add(new Node(v.getVertexName(), LayerKind.INPUT, null, null, true, idx, ins));
            } else if (v instanceof LayerVertex lv) {
                result.add(new Node(
                        v.getVertexName(),
                        LayerConfigs.kindOf(lv.getLayer().conf().getLayer()),
                        lv.getLayerPreProcessor(),
                        lv.getLayer(),
                        false,
                        idx,
                        ins));
            } else if (v instanceof PreprocessorVertex pv) {
                LayerKind kind = pv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor
                        ? LayerKind.FLATTEN
                        : LayerKind.RESHAPE;
                result.add(new Node(v.getVertexName(), kind, pv.getPreProcessor(), null, false, idx, ins));
            } else {
                String cls = v.getClass().getSimpleName();
                LayerKind kind = cls.contains("Merge") || cls.contains("ElementWise") || cls.contains("Stack")
                        ? LayerKind.MERGE
                        : cls.contains("Reshape") ? LayerKind.RESHAPE : LayerKind.OTHER;
                result.add(new Node(v.getVertexName(), kind, null, null, false, idx, ins));
            }
        }
        return result;
    }
}
