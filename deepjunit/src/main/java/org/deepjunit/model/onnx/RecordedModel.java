package org.deepjunit.model.onnx;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.Activations;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.Objective;
import org.deepjunit.model.ObservedModel;
import org.deepjunit.model.Sha256;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Recorded outputs standing in for a model: each input sample is matched by the SHA-256 of its values in the
 * model's float type, and answered with the output recorded for it. Any other input is an error, never a guess.
 */
final class RecordedModel extends ObservedModel {

    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;
    private final DataType type;
    private final Map<String, Tensor> answers = new HashMap<>();

    RecordedModel(String name, Tensor inputs, Tensor outputs, DataType type) {
        this.name = name;
        this.inputShape = inputs.shape().withoutBatch();
        this.outputShape = outputs.shape().withoutBatch();
        this.type = type;
        for (int i = 0; i < inputs.batchSize(); i++) {
            answers.put(digest(inputs.sample(i).as(type)), outputs.sample(i));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public List<Layer> layers() {
        return List.of();
    }

    @Override
    protected Tensor computePredict(Tensor inputs) {
        Tensor[] rows = new Tensor[inputs.batchSize()];
        for (int i = 0; i < rows.length; i++) {
            String digest = digest(inputs.sample(i).as(type));
            rows[i] = answers.get(digest);
            if (rows[i] == null) {
                throw new ModelException("Input sample " + i + " (SHA-256 " + digest.substring(0, 12) + "…) is not one"
                        + " of the " + answers.size() + " inputs recorded in " + name + ": recorded outputs answer"
                        + " only their own inputs. Feed OnnxTestData.inputs(model), unchanged");
            }
        }
        return Tensor.concat(rows);
    }

    @Override
    protected Activations computeActivations(Tensor inputs, Collection<String> layerNames) {
        return new Activations(Map.of(), computePredict(inputs));
    }

    @Override
    protected Tensor computeInputGradient(Tensor inputs, Objective objective) {
        throw new ModelException(name + " are recorded values, which have no gradients");
    }

    @Override
    public void close() {}

    private static String digest(Tensor sample) {
        ByteBuffer bytes;
        if (sample.dataType() == DataType.FLOAT32) {
            float[] values = sample.toFloatArray();
            bytes = ByteBuffer.allocate(values.length * 4);
            bytes.asFloatBuffer().put(values);
        } else {
            double[] values = sample.toDoubleArray();
            bytes = ByteBuffer.allocate(values.length * 8);
            bytes.asDoubleBuffer().put(values);
        }
        return Sha256.hex(bytes.array());
    }
}
