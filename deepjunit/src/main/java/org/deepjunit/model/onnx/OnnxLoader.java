package org.deepjunit.model.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Loads an {@link OnnxModel}: reads and checks the file in Java (structure, inputs, outputs, layers) so that bad
 * files fail with a message naming the file before ONNX Runtime sees them, opens the sessions, and learns every
 * layer's shape from one probe forward pass.
 */
final class OnnxLoader {

    /** Probe samples: one gives the layers' shapes, all check a gradient twin's outputs. */
    private static final int PROBE_SAMPLES = 4;

    /** 2^28 values: a 4096 × 4096 × 16 sample; beyond it a declared shape is more likely damage than a model. */
    static final long MAX_SAMPLE_SIZE = 1L << 28;

    private OnnxLoader() {}

    static OnnxModel load(OnnxModel.Builder b) {
        String what = b.file != null ? b.file.toString() : "classpath:" + b.resource;
        byte[] bytes = read(b, what);
        ModelFiles files = b.file != null
                ? ModelFiles.of(b.file)
                : ModelFiles.ofContent(b.resource.substring(b.resource.lastIndexOf('/') + 1), bytes);
        if (b.sha256 != null) {
            files.requireSha256(b.sha256, what);
        }
        String name = b.name != null ? b.name : defaultName(what);
        OnnxGraph graph;
        try {
            graph = OnnxGraph.parse(bytes);
        } catch (MalformedProtoException e) {
            throw new ModelLoadException("Model file " + what + " is not a valid ONNX model: " + e.getMessage()
                    + ". Export it again (torch.onnx.export, or Keras 3 model.export(path, format=\"onnx\"))");
        }
        if (graph.nonFiniteConstant() != null) {
            throw new ModelLoadException("Model file " + what + " holds " + graph.nonFiniteConstant()
                    + ": the file is corrupt, or the model was saved after training diverged");
        }
        OnnxGraph.ValueInfo input = choose(graph.inputs(), b.input, "input", what);
        OnnxGraph.ValueInfo output = choose(graph.outputs(), b.output, "output", what);
        DataType type = dataType(input, what);
        long[] dims = input.dims();
        if (dims == null || dims.length < 1) {
            throw new ModelLoadException("Input '" + input.name() + "' of " + what + " declares no shape;"
                    + " DeepJUnit needs [batch, ...] with fixed per-sample dimensions");
        }
        long sampleSize = 1;
        for (int i = 1; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new ModelLoadException("Input '" + input.name() + "' of " + what + " has a symbolic or unknown"
                        + " dimension at axis " + i + "; DeepJUnit needs fixed per-sample dimensions. Export the"
                        + " model with a fixed input size (only the batch axis may be dynamic)");
            }
            sampleSize *= Math.min(dims[i], MAX_SAMPLE_SIZE + 1); // both factors at most 2^28 + 1: no overflow
            if (sampleSize > MAX_SAMPLE_SIZE || dims[0] > MAX_SAMPLE_SIZE) {
                throw new ModelLoadException("Input '" + input.name() + "' of " + what + " declares dimensions "
                        + java.util.Arrays.toString(dims) + ", more than the " + MAX_SAMPLE_SIZE
                        + " values per sample DeepJUnit handles: the file is corrupt, or the model too large");
            }
        }
        boolean channelsFirst = b.channelsFirst != null
                ? b.channelsFirst && dims.length >= 3
                : OnnxLayers.inputLooksChannelsFirst(graph, input);
        long[] sampleDims =
                java.util.Arrays.copyOfRange(channelsFirst ? Channels.lastShape(dims) : dims, 1, dims.length);
        Shape inputShape = Shape.ofLongs(sampleDims);
        int fixedBatch = dims[0] > 0 ? (int) dims[0] : 0;

        OnnxLayers finder = new OnnxLayers(graph, input.name(), channelsFirst);
        Map<String, LayerKind> chosen = layers(b.layers, graph, finder, what);
        String logits = logits(graph, output.name());
        Set<String> exposed = new java.util.LinkedHashSet<>(chosen.keySet());
        exposed.add(logits);
        Set<String> channelsFirstValues = new HashSet<>();
        for (String v : exposed) {
            if (finder.isChannelsFirst(v)) {
                channelsFirstValues.add(v);
            }
        }
        if (finder.isChannelsFirst(output.name())) {
            channelsFirstValues.add(output.name());
        }
        OnnxSession session = new OnnxSession(
                name,
                what,
                bytes,
                exposed,
                input.name(),
                output.name(),
                type,
                channelsFirst,
                channelsFirstValues,
                fixedBatch,
                b.threads);
        try {
            Tensor probes = probe(inputShape).as(type);
            List<String> values = new ArrayList<>(exposed);
            values.add(output.name());
            Map<String, Tensor> shapes = session.run(probes.samples(0, 1), new java.util.LinkedHashSet<>(values));
            List<Layer> layers = new ArrayList<>();
            chosen.forEach((value, kind) ->
                    layers.add(new Layer(value, kind, shapes.get(value).shape().withoutBatch())));
            Shape outputShape = shapes.get(output.name()).shape().withoutBatch();
            GradientSource gradients = GradientSource.NONE;
            if (b.gradientTwin != null) {
                gradients = TwinGradients.check(name, layers, session.predict(probes), probes, b.gradientTwin);
            } else if (b.estimate != null) {
                gradients = new EstimatedGradients(b.estimate, inputShape.size());
            }
            return new OnnxModel(
                    name, files, type, inputShape, outputShape, layers, output.name(), logits, session, gradients);
        } catch (ModelLoadException e) {
            session.close();
            throw e;
        } catch (RuntimeException e) {
            session.close();
            throw new ModelLoadException(
                    "Model file " + what + " loads but does not run on a probe input of shape " + inputShape + ": "
                            + e.getMessage(),
                    e);
        } catch (OutOfMemoryError e) {
            // one sample's layer values did not fit: the heap is too small for the model as the file declares it
            session.close();
            throw new ModelLoadException("Model file " + what + " needs more memory than the Java heap has for the"
                    + " layer values of one sample of shape " + inputShape + " (" + e.getMessage() + "): raise -Xmx,"
                    + " or check the input size the file declares");
        }
    }

    /** A deterministic probe batch: uniform values in [0, 1). */
    private static Tensor probe(Shape sampleShape) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261206L);
        double[] values = new double[PROBE_SAMPLES * sampleShape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble();
        }
        return Tensor.wrap(values, sampleShape.withBatch(PROBE_SAMPLES));
    }

    private static byte[] read(OnnxModel.Builder b, String what) {
        try {
            if (b.file != null) {
                return Files.readAllBytes(b.file);
            }
            String resource = b.resource.startsWith("/") ? b.resource.substring(1) : b.resource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in =
                    (loader != null ? loader : OnnxLoader.class.getClassLoader()).getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ModelLoadException("Model file " + what + " is not on the classpath: put it under"
                            + " src/test/resources/" + resource);
                }
                return in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("Model file " + what + " does not exist", e);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read model file " + what + ": " + e, e);
        }
    }

    private static String defaultName(String what) {
        String file = what.substring(Math.max(what.lastIndexOf('/'), what.lastIndexOf(':')) + 1);
        return file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
    }

    private static OnnxGraph.ValueInfo choose(
            List<OnnxGraph.ValueInfo> values, String wanted, String what, String file) {
        List<String> names = values.stream().map(OnnxGraph.ValueInfo::name).toList();
        if (values.isEmpty()) {
            throw new ModelLoadException("Model file " + file + " declares no graph " + what);
        }
        if (wanted == null) {
            if (values.size() > 1) {
                throw new ModelLoadException("Model file " + file + " has " + what + "s " + names + ": choose one with"
                        + " OnnxModel.builder(file)." + what + "(\"" + names.get(0) + "\")");
            }
            return values.get(0);
        }
        return values.stream()
                .filter(v -> v.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new ModelLoadException("Model file " + file + " has no " + what + " '" + wanted
                        + "'; its " + what + "s are " + names));
    }

    private static DataType dataType(OnnxGraph.ValueInfo input, String what) {
        return switch (input.elemType()) {
            case OnnxGraph.FLOAT -> DataType.FLOAT32;
            case OnnxGraph.DOUBLE -> DataType.FLOAT64;
            default ->
                throw new ModelLoadException("Input '" + input.name() + "' of " + what + " has ONNX element"
                        + " type " + input.elemType() + "; DeepJUnit feeds float (1) and double (11) inputs. Put a Cast"
                        + " in the model, or convert before it in a pipeline stage");
        };
    }

    private static Map<String, LayerKind> layers(List<String> named, OnnxGraph graph, OnnxLayers finder, String what) {
        Map<String, LayerKind> chosen = new LinkedHashMap<>();
        if (named.isEmpty()) {
            finder.find().forEach(f -> chosen.put(f.value(), f.kind()));
            return chosen;
        }
        for (String value : named) {
            String owner = graph.subGraphValues().get(value);
            if (owner != null) {
                throw new ModelLoadException("Layer '" + value + "' of " + what + " is computed inside the body of "
                        + owner + "; ONNX Runtime exposes only values of the main graph. Name a value outside it");
            }
            if (graph.producer(value) == null) {
                List<String> known = graph.nodes().stream()
                        .flatMap(n -> n.outputs().stream())
                        .toList();
                throw new ModelLoadException("Model file " + what + " has no value '" + value + "' to use as a layer;"
                        + " node outputs are " + (known.size() > 40 ? known.subList(0, 40) + "…" : known));
            }
            chosen.put(value, finder.kindOfValue(value));
        }
        return chosen;
    }

    /** The input of a final Softmax, else the output itself: what {@link org.deepjunit.model.Objective} calls logits. */
    private static String logits(OnnxGraph graph, String output) {
        OnnxGraph.Node producer = graph.producer(output);
        if (producer != null
                && producer.opType().equals("Softmax")
                && !producer.inputs().isEmpty()) {
            return producer.inputs().get(0);
        }
        return output;
    }
}
