package org.deepjunit;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * A model as a user writes one without knowing DeepJUnit's base class: it implements {@link Model} directly and
 * delegates to an inner model, reshaping {@code [n, 2, 2]} inputs to the inner {@code [n, 4]}. Counts its closes.
 */
final class Reshaping implements Model {

    final AtomicInteger closed = new AtomicInteger();
    private final Model inner;

    Reshaping(Model inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return "reshaping-" + inner.name();
    }

    @Override
    public Shape inputShape() {
        return Shape.of(2, 2);
    }

    @Override
    public Shape outputShape() {
        return inner.outputShape();
    }

    @Override
    public DataType dataType() {
        return inner.dataType();
    }

    @Override
    public List<Layer> layers() {
        return inner.layers();
    }

    @Override
    public Tensor predict(Tensor inputs) {
        return inner.predict(flat(inputs));
    }

    @Override
    public Activations activations(Tensor inputs, Collection<String> layerNames) {
        return inner.activations(flat(inputs), layerNames);
    }

    @Override
    public Tensor inputGradient(Tensor inputs, Objective objective) {
        return inner.inputGradient(flat(inputs), objective)
                .reshape(inputs.shape().dims());
    }

    @Override
    public void close() {
        closed.incrementAndGet();
        inner.close();
    }

    private static Tensor flat(Tensor inputs) {
        return inputs.reshape(inputs.batchSize(), 4);
    }

    /** {@code n} inputs {@code [2, 2]}: {@link SmallNets#inputs} reshaped. */
    static Tensor inputs(long seed, int n) {
        return SmallNets.inputs(seed, n).reshape(n, 2, 2);
    }
}
