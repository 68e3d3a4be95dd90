package org.deepjunit.model.tensorflow;

import org.deepjunit.model.DataType;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Shape;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/** Reading a graph's tensors as DeepJUnit sees them: by name, their type, their per-sample shape, their logits. */
final class TfGraphs {

    private TfGraphs() {}

    /** The output of an op, given as "op" or "op:index". */
    static Output<?> resolve(Graph g, String opOrTensor, String what, String modelName) {
        String opName = opOrTensor;
        int index = 0;
        int colon = opOrTensor.lastIndexOf(':');
        if (colon > 0
                && colon < opOrTensor.length() - 1
                && opOrTensor.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            opName = opOrTensor.substring(0, colon);
            index = Integer.parseInt(opOrTensor.substring(colon + 1));
        }
        GraphOperation op = g.operation(opName);
        if (op == null) {
            throw new ModelLoadException("Model '" + modelName + "' has no op '" + opName + "' for its " + what
                    + "; expected an op name such as \"conv1/Relu\" or a tensor name such as \"conv1/Relu:0\""
                    + " from the graph (a SavedModel written by TF2 Keras keeps layers inside functions: "
                    + "see TensorFlowModel's documentation)");
        }
        if (index >= op.numOutputs()) {
            throw new ModelLoadException("Op '" + opName + "' (" + op.type() + ") of model '" + modelName + "' has "
                    + op.numOutputs() + " outputs; " + opOrTensor + " names output " + index);
        }
        return op.output(index);
    }

    static DataType dataTypeOf(Output<?> o, String what, String modelName) {
        switch (o.dataType()) {
            case DT_FLOAT:
                return DataType.FLOAT32;
            case DT_DOUBLE:
                return DataType.FLOAT64;
            default:
                throw new ModelLoadException("The " + what + " " + o.name() + " of model '" + modelName + "' has type "
                        + o.dataType() + "; DeepJUnit supports float32 (DT_FLOAT) and float64 (DT_DOUBLE) models");
        }
    }

    /** The per-sample shape of a batch-first output, from graph shape inference. */
    static Shape perSample(Output<?> o, String what) {
        org.tensorflow.ndarray.Shape s = o.shape();
        if (s.isUnknown()) {
            throw new ModelLoadException("The shape of " + what + " (" + o.op().name() + ") is unknown, even its rank;"
                    + " DeepJUnit needs at least the rank to check inputs");
        }
        if (s.numDimensions() < 1) {
            throw new ModelLoadException("The " + what + " (" + o.op().name() + ") is a scalar; DeepJUnit expects "
                    + "batch-first tensors [batch, ...]");
        }
        long[] dims = s.asArray();
        long[] sample = new long[dims.length - 1];
        System.arraycopy(dims, 1, sample, 0, sample.length);
        return Shape.ofLongs(sample);
    }

    /** The input of a final Softmax (through Identity ops), or the output itself. */
    static Output<?> logitsOf(Output<?> out) {
        GraphOperation op = (GraphOperation) out.op();
        for (int guard = 0; guard < 8; guard++) {
            if ("Softmax".equals(op.type())) {
                return op.input(0);
            }
            if (!"Identity".equals(op.type()) || op.numInputs() < 1) {
                break;
            }
            op = (GraphOperation) op.input(0).op();
        }
        return out;
    }

    /** {@code log(output)}: logits up to a per-sample constant, when the softmax is not a visible op. */
    static Output<?> logOf(Graph graph, Output<?> output) {
        synchronized (graph) {
            return org.tensorflow.op.Ops.create(graph)
                    .withSubScope("deepjunit_logits")
                    .math
                    .log((org.tensorflow.Operand<org.tensorflow.types.family.TNumber>) (Output) output)
                    .asOutput();
        }
    }
}
