package org.deepjunit.model.dl4j;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Dl4jModel}'s layer-by-layer forward pass (activations, neuron values, recorded predicts): every wanted
 * layer's array, in model order, to a visitor that copies what it needs onto the Java heap.
 *
 * <p>Every array of a pass — the input, each layer's output and working memory, the visitor's reductions — lives in
 * one ND4J workspace per thread, reset after the pass and reused by the next. Without it each pass allocated its
 * arrays with {@code malloc} and freed them only when the garbage collector found their small Java handles, so a
 * test run's native memory rose with the heap's young generation: ≈280 MiB after 2,000 recorded one-image
 * LeNet-5 invocations, ≈66 MiB with the workspace (see {@code RecordingMemoryBenchmark}). The cost is that each
 * thread that ran a pass keeps a workspace as large as its largest pass, as DL4J's own inference workspaces do.
 */
final class LayerPass {

    /** What a pass gives for one wanted layer: its index, the converted input and its array (null: an input node). */
    interface LayerVisitor {
        void visit(int index, Tensor converted, INDArray array);
    }

    private static final String WORKSPACE = "DEEPJUNIT_LAYER_PASS";

    /** DL4J's own configuration for its inference activations: sized by the first pass, grown when one spills. */
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    private final Dl4jNet net;
    private final List<Layer> layers;
    private final Set<String> inputNodes;
    private final String outputNode;
    private final Layout outputLayout;

    LayerPass(Dl4jNet net, List<Layer> layers, Set<String> inputNodes, Layout outputLayout) {
        this.net = net;
        this.layers = layers;
        this.inputNodes = Set.copyOf(inputNodes);
        this.outputNode = net.outputNodeName();
        this.outputLayout = outputLayout;
    }

    /**
     * One pass over {@code converted} (already in the model's data type): each wanted layer to {@code visitor},
     * then the output through {@code toTensor}. No array may outlive the call; the caller holds the model's lock.
     */
    Tensor run(
            Tensor converted,
            Collection<String> layerNames,
            Function<Tensor, INDArray> toNet,
            Function<INDArray, Tensor> toTensor,
            LayerVisitor visitor) {
        Set<String> wanted = new HashSet<>(layerNames);
        // A recurrent layer opens and closes its loop memory's workspace at every time step: were that the pass's
        // workspace, the layer would end the pass's iteration under the arrays it still holds ("outdated workspace
        // pointer"). DL4J gives that memory a workspace of its own; here it gets none.
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder()
                .defaultWorkspace(WORKSPACE, CONFIG)
                .noWorkspaceFor(ArrayType.RNN_FF_LOOP_WORKING_MEM)
                .build();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, WORKSPACE)) {
            Map<String, INDArray> all = net.feedForward(toNet.apply(converted), mgr);
            for (int i = 0; i < layers.size(); i++) {
                String layer = layers.get(i).name();
                if (wanted.contains(layer)) {
                    visitor.visit(i, converted, inputNodes.contains(layer) ? null : all.get(layer));
                }
            }
            return toTensor.apply(outputLayout.toChannelsLast(all.get(outputNode)));
        } finally {
            net.clearLayerStates();
        }
    }
}
