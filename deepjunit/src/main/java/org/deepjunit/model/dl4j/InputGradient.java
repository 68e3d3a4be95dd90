package org.deepjunit.model.dl4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Objective;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient of a linear objective over neurons and logits with respect to the input, by
 * walking a chain-shaped network forward ({@code activate(x, false)} with input preprocessors)
 * and backward ({@code backpropGradient}), injecting the objective's derivative at each layer it
 * names. Done by hand from their weights: the final layer when it is an output layer or applies
 * a softmax (so that logits are reachable), and every dense layer without layer normalisation
 * (DL4J's backpropagation would also compute its weight gradient); batch normalisation by hand
 * with its running statistics, convolutions by {@link ConvolutionInputGradient}, max pooling by
 * {@link PoolingInputGradient}. Runs on a {@link Dl4jNet#inferenceClone()}; not thread-safe.
 */
final class InputGradient {

    private InputGradient() {}

    /** A layer done by hand: {@code out = act(z)}, {@code z = x·W + b} (or {@code z = x} without W). */
    private record Affine(IActivation activation, INDArray w, INDArray b) {}

    /**
     * @param net      the inference clone
     * @param layouts  the DL4J layout of each node's output, index-aligned with {@code net.nodes}
     * @param x        the input in the network's own layout and type
     * @return the gradient in the network's own input layout
     */
    static INDArray compute(Dl4jNet net, List<Layout> layouts, INDArray x, Objective objective) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        List<Dl4jNet.Node> nodes = net.nodes;
        int n = (int) x.size(0);
        DataType dt = x.dataType();

        // Forward.
        List<INDArray> outs = new ArrayList<>();
        List<INDArray> zs = new ArrayList<>();
        Affine[] affine = new Affine[nodes.size()];
        INDArray current = x;
        int last = nodes.size() - 1;
        for (int i = 0; i < nodes.size(); i++) {
            Dl4jNet.Node node = nodes.get(i);
            INDArray in = current;
            INDArray z = null;
            if (node.input) {
                outs.add(in);
                zs.add(null);
                continue;
            }
            if (node.pre != null) {
                in = node.pre.preProcess(in, n, mgr);
            }
            INDArray out;
            if (node.layer == null) {
                out = in;
            } else if ((affine[i] = i == last ? head(node, in) : dense(node, in)) != null) {
                Affine a = affine[i];
                z = a.w == null ? in : in.mmul(a.w);
                if (a.b != null) {
                    z = z.addRowVector(a.b);
                }
                out = a.activation.getActivation(z.dup(), false);
            } else {
                // A copy where the layer may write it: an ActivationLayer applies its function in place on
                // its input in inference mode, and its backprop reads the input it keeps, which must stay the
                // original.
                out = ConvolutionForward.activate(node.layer, Dl4jNet.readsInputOnly(node.layer) ? in : in.dup(), mgr);
                node.layer.setInput(in, mgr);
            }
            outs.add(out);
            zs.add(z);
            current = out;
        }

        // Objective terms by node.
        Map<String, List<Objective.Term>> byLayer = new HashMap<>();
        List<Objective.Term> logitTerms = new ArrayList<>();
        for (Objective.Term t : objective.terms()) {
            if (t.weight() == 0) {
                continue; // callers add zero terms to keep one TensorFlow graph per model: here they would cost ops
            } else if (t.isLogit()) {
                logitTerms.add(t);
            } else {
                byLayer.computeIfAbsent(t.layer(), k -> new ArrayList<>()).add(t);
            }
        }

        // Backward.
        INDArray eps = null;
        for (int i = last; i >= 0; i--) {
            Dl4jNet.Node node = nodes.get(i);
            INDArray out = outs.get(i);
            INDArray epsOut = eps != null ? eps : Nd4j.zeros(dt, out.shape());
            List<Objective.Term> terms = byLayer.get(node.name);
            if (terms != null) {
                epsOut = epsOut.add(inject(terms, out.shape(), layouts.get(i), n, dt));
            }
            if (i == last && !logitTerms.isEmpty() && affine[i] == null) {
                epsOut = epsOut.add(inject(logitTerms, out.shape(), layouts.get(i), n, dt));
            }
            if (node.input) {
                eps = epsOut;
                continue;
            }
            INDArray epsIn;
            if (node.layer == null) {
                epsIn = epsOut;
            } else if (affine[i] != null) {
                Affine a = affine[i];
                INDArray dz =
                        a.activation.backprop(zs.get(i).dup(), epsOut.dup()).getFirst();
                if (i == last && !logitTerms.isEmpty()) {
                    dz = dz.add(inject(logitTerms, dz.shape(), Layout.FLAT, n, dt));
                }
                epsIn = a.w == null ? dz : dz.mmul(a.w.transpose());
            } else if (node.conf() instanceof BatchNormalization bn) {
                epsIn = batchNormBackward(node.layer, bn, epsOut, layouts.get(i));
            } else {
                INDArray direct = ConvolutionInputGradient.compute(node, out, epsOut);
                if (direct == null) {
                    direct = PoolingInputGradient.compute(node, epsOut);
                }
                epsIn = direct != null
                        ? direct
                        : node.layer.backpropGradient(epsOut.dup(), mgr).getSecond();
            }
            if (node.pre != null) {
                epsIn = node.pre.backprop(epsIn, n, mgr);
            }
            eps = epsIn;
        }
        return eps;
    }

    /** A dense layer before the last, done by hand where it is plain: without layer normalisation, on rows. */
    private static Affine dense(Dl4jNet.Node node, INDArray in) {
        if (node.layer.getClass() == org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class
                && node.conf() instanceof DenseLayer d
                && !d.hasLayerNorm()
                && in.rank() == 2
                && in.dataType() == node.layer.getParam("W").dataType()) {
            return new Affine(d.getActivationFn(), node.layer.getParam("W"), bias(node.layer));
        }
        return null;
    }

    /** The final layer, if it must be done by hand: an output or loss layer, or one that applies a softmax. */
    private static Affine head(Dl4jNet.Node node, INDArray in) {
        Layer layer = node.layer;
        org.deeplearning4j.nn.conf.layers.Layer conf = node.conf();
        if (layer instanceof org.deeplearning4j.nn.layers.BaseOutputLayer<?>) {
            if (in.rank() != 2) {
                throw new ModelException("Input gradients through output layer '" + node.name + "' ("
                        + conf.getClass().getSimpleName() + ") are not supported: only feed-forward output layers are");
            }
            BaseLayer base = (BaseLayer) conf;
            return new Affine(base.getActivationFn(), layer.getParam("W"), bias(layer));
        }
        if (layer instanceof org.deeplearning4j.nn.layers.LossLayer) {
            return new Affine(((org.deeplearning4j.nn.conf.layers.LossLayer) conf).getActivationFn(), null, null);
        }
        if (layer instanceof org.deeplearning4j.nn.api.layers.IOutputLayer) {
            throw new ModelException("Input gradients through output layer '" + node.name + "' ("
                    + conf.getClass().getSimpleName() + ") are not supported: only OutputLayer and LossLayer are");
        }
        if (conf instanceof ActivationLayer a && a.getActivationFn() instanceof ActivationSoftmax) {
            return new Affine(a.getActivationFn(), null, null);
        }
        if (conf instanceof DenseLayer d && d.getActivationFn() instanceof ActivationSoftmax) {
            return new Affine(d.getActivationFn(), layer.getParam("W"), bias(layer));
        }
        return null;
    }

    private static INDArray bias(Layer layer) {
        return layer.paramTable().containsKey("b") ? layer.getParam("b") : null;
    }

    /** Batch normalisation in inference mode is {@code y = γ·(x − mean)/√(var + ε) + β}: dy/dx = γ/√(var + ε). */
    private static INDArray batchNormBackward(Layer layer, BatchNormalization conf, INDArray epsOut, Layout layout) {
        Map<String, INDArray> params = layer.paramTable();
        INDArray std;
        if (params.containsKey("log10stdev")) {
            // DL4J's inference forward turns the stored log10(std) back into a variance and adds eps again.
            INDArray var = org.nd4j.linalg.ops.transforms.Transforms.exp(
                    params.get("log10stdev").mul(2 * Math.log(10.0)), true);
            std = org.nd4j.linalg.ops.transforms.Transforms.sqrt(var.addi(conf.getEps()), true);
        } else {
            std = org.nd4j.linalg.ops.transforms.Transforms.sqrt(
                    params.get("var").add(conf.getEps()), true);
        }
        INDArray gamma = conf.isLockGammaBeta()
                ? Nd4j.valueArrayOf(std.shape(), conf.getGamma(), std.dataType())
                : params.get("gamma");
        INDArray scale = gamma.div(std).reshape(std.length());
        int rank = epsOut.rank();
        int axis = layout.neuronAxis(rank);
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        shape[axis] = scale.length();
        return epsOut.mul(scale.reshape(shape).broadcast(epsOut.shape()));
    }

    /**
     * dObjective/dOutput for the terms on one array in DL4J layout: the weight at (sample, unit) for
     * features, spread as weight/size over the rest of a channel (its spatial or time positions).
     * A channel's positions are visited directly, runs of {@code stride} values {@code channels × stride}
     * apart, instead of testing every position of the sample.
     */
    static INDArray inject(List<Objective.Term> terms, long[] shape, Layout layout, int n, DataType dt) {
        int rank = shape.length;
        int axis = layout.neuronAxis(rank);
        int per = 1;
        for (int d = 1; d < rank; d++) {
            per = Math.multiplyExact(per, Math.toIntExact(shape[d]));
        }
        int channels = Math.toIntExact(shape[axis]);
        int stride = 1; // values of one channel next to each other
        for (int d = axis + 1; d < rank; d++) {
            stride *= Math.toIntExact(shape[d]);
        }
        double spread = (double) per / channels;
        double[] data = new double[Math.multiplyExact(n, per)];
        for (Objective.Term t : terms) {
            int from = t.sample() == Objective.ALL_SAMPLES ? 0 : t.sample();
            int to = t.sample() == Objective.ALL_SAMPLES ? n : t.sample() + 1;
            double w = t.weight() / spread;
            for (int s = from; s < to; s++) {
                for (int run = s * per + t.unit() * stride; run < (s + 1) * per; run += channels * stride) {
                    for (int i = run; i < run + stride; i++) {
                        data[i] += w;
                    }
                }
            }
        }
        if (dt == DataType.FLOAT) {
            float[] floats = new float[data.length];
            for (int i = 0; i < data.length; i++) {
                floats[i] = (float) data[i];
            }
            return Dl4jTensors.of(floats, shape);
        }
        INDArray injected = Dl4jTensors.of(data, shape);
        return injected.dataType() == dt ? injected : injected.castTo(dt);
    }
}
