package org.deepjunit.model.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.model.DataType;
import org.deepjunit.model.ModelException;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Two ONNX Runtime sessions over one model — the file as given, for predictions, and a copy with every layer value
 * exposed as a graph output, for activations — and the conversions at their edge: channels-last tensors in and
 * out, the model's float type, and a model whose batch size is fixed run in chunks of that size (padded).
 *
 * <p>{@link #run} may be called from several threads: ONNX Runtime sessions are safe for concurrent runs.
 */
final class OnnxSession implements AutoCloseable {

    private final String model;
    private final OrtEnvironment env;
    private final OrtSession plain;
    private final OrtSession observing;
    private final String input;
    private final String output;
    private final DataType type;
    private final boolean inputChannelsFirst;
    private final Set<String> channelsFirstValues;
    private final int fixedBatch;

    OnnxSession(
            String model,
            String file,
            byte[] bytes,
            Collection<String> exposed,
            String input,
            String output,
            DataType type,
            boolean inputChannelsFirst,
            Set<String> channelsFirstValues,
            int fixedBatch,
            int threads) {
        this.model = model;
        this.input = input;
        this.output = output;
        this.type = type;
        this.inputChannelsFirst = inputChannelsFirst;
        this.channelsFirstValues = Set.copyOf(channelsFirstValues);
        this.fixedBatch = fixedBatch;
        this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "deepjunit");
        OrtSession first = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            first = env.createSession(bytes, options);
            Set<String> extra = new LinkedHashSet<>(exposed);
            extra.removeAll(first.getOutputNames());
            this.plain = first;
            this.observing = extra.isEmpty() ? first : env.createSession(ExposedOutputs.expose(bytes, extra), options);
        } catch (OrtException e) {
            closeQuietly(first);
            throw new ModelLoadException("ONNX Runtime cannot load model file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The model's output alone, from the unedited session. */
    Tensor predict(Tensor inputs) {
        return run(plain, inputs, List.of(output)).get(output);
    }

    /** The named values (graph outputs or exposed layer values), channels-last, each {@code [n, ...]}. */
    Map<String, Tensor> run(Tensor inputs, Collection<String> values) {
        return run(observing, inputs, values);
    }

    private Map<String, Tensor> run(OrtSession session, Tensor inputs, Collection<String> values) {
        int n = inputs.batchSize();
        if (fixedBatch <= 0 || fixedBatch == n) {
            return runOnce(session, inputs, values);
        }
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        for (int from = 0; from < n; from += fixedBatch) {
            int to = Math.min(n, from + fixedBatch);
            Tensor chunk = inputs.samples(from, to);
            if (to - from < fixedBatch) {
                chunk = Tensor.concat(
                        chunk, Tensor.zeros(chunk.dataType(), chunk.shape().withBatch(fixedBatch - (to - from))));
            }
            int keep = to - from;
            runOnce(session, chunk, values)
                    .forEach((value, t) ->
                            parts.computeIfAbsent(value, k -> new ArrayList<>()).add(t.samples(0, keep)));
        }
        Map<String, Tensor> joined = new LinkedHashMap<>();
        parts.forEach((value, list) -> joined.put(value, Tensor.concat(list.toArray(Tensor[]::new))));
        return joined;
    }

    private Map<String, Tensor> runOnce(OrtSession session, Tensor inputs, Collection<String> values) {
        try (OnnxTensor feed = feed(inputs);
                OrtSession.Result result = session.run(Map.of(input, feed), new LinkedHashSet<>(values))) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String value : values) {
                out.put(value, read(value, result.get(value).orElseThrow()));
            }
            return out;
        } catch (OrtException e) {
            throw new ModelException(
                    "ONNX Runtime failed to run model '" + model + "' on a batch of " + inputs.shape() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private OnnxTensor feed(Tensor inputs) throws OrtException {
        long[] shape = longs(inputs.shape().dims());
        boolean transpose = inputChannelsFirst && shape.length >= 3;
        long[] fed = transpose ? Channels.firstShape(shape) : shape;
        if (type == DataType.FLOAT32) {
            float[] data = inputs.toFloatArray();
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(transpose ? Channels.toFirst(data, fed) : data), fed);
        }
        double[] data = inputs.toDoubleArray();
        return OnnxTensor.createTensor(env, DoubleBuffer.wrap(transpose ? Channels.toFirst(data, fed) : data), fed);
    }

    private Tensor read(String value, OnnxValue result) throws OrtException {
        if (!(result instanceof OnnxTensor tensor)) {
            throw new ModelException("Model '" + model + "': value '" + value + "' is a " + result.getType()
                    + ", not a tensor; DeepJUnit reads tensor outputs only");
        }
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        boolean transpose = channelsFirstValues.contains(value) && shape.length >= 3;
        long[] last = transpose ? Channels.lastShape(shape) : shape;
        if (info.type == OnnxJavaType.FLOAT) {
            float[] data = new float[(int) info.getNumElements()];
            tensor.getFloatBuffer().get(data);
            return Tensor.wrap(transpose ? Channels.toLast(data, shape) : data, Shape.ofLongs(last));
        }
        if (info.type == OnnxJavaType.DOUBLE) {
            double[] data = new double[(int) info.getNumElements()];
            tensor.getDoubleBuffer().get(data);
            return Tensor.wrap(transpose ? Channels.toLast(data, shape) : data, Shape.ofLongs(last));
        }
        throw new ModelException("Model '" + model + "': value '" + value + "' has element type " + info.type
                + "; DeepJUnit reads float and double values only");
    }

    private static long[] longs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }

    @Override
    public void close() {
        closeQuietly(observing);
        if (observing != plain) {
            closeQuietly(plain);
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException | RuntimeException e) {
                // closing releases native memory; a failure here leaves nothing to recover
            }
        }
    }
}
