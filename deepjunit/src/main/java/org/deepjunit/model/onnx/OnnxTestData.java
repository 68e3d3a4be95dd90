package org.deepjunit.model.onnx;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelLoadException;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * Reference inputs and outputs in ONNX's test-data layout — {@code test_data_set_N/input_K.pb} and
 * {@code output_K.pb}, serialized {@code TensorProto}s, as the ONNX Model Zoo ships them and as a Python team writes
 * them next to a model ({@code onnx.numpy_helper.from_array(a).SerializeToString()}) — so that a Java service checks
 * its ONNX Runtime results against what Python produced.
 *
 * <pre>{@code
 * @DifferentialAgainst(model = "mnist", reference = "python", relativeTolerance = 1e-5)
 * class MnistOnnxTest {
 *     static final Path DIR = Path.of("src/test/resources/mnist-8");
 *
 *     @TestModel("mnist") static Model mnist() { return OnnxModel.load(DIR.resolve("mnist-8.onnx")); }
 *     @TestModel("python") static Model python() { return OnnxTestData.read(DIR).reference(mnist()); }
 *
 *     @Test void matchesPython(@TestModel("mnist") Model mnist) {
 *         mnist.predict(OnnxTestData.read(DIR).inputs(mnist));
 *     }
 * }
 * }</pre>
 *
 * <p>Tensors are stored in the model's own layout (NCHW for a PyTorch export); {@link #inputs(Model)} and
 * {@link #reference(Model)} convert them to the channels-last layout of DeepJUnit's interface, by the shapes of the
 * model they are for.
 */
@API(status = EXPERIMENTAL, since = "0.6")
public final class OnnxTestData {

    private final Path dir;
    private final List<Tensor> inputs;
    private final List<Tensor> outputs;

    private OnnxTestData(Path dir, List<Tensor> inputs, List<Tensor> outputs) {
        this.dir = dir;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Reads every {@code test_data_set_*} directory under {@code dir} (or {@code dir} itself when it is one), each
     * holding {@code input_0.pb} and {@code output_0.pb}.
     *
     * @throws ModelLoadException naming the file when a directory or tensor is missing or corrupt
     */
    public static OnnxTestData read(Path dir) {
        Objects.requireNonNull(dir, "dir");
        List<Path> sets = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("input_0.pb"))) {
            sets.add(dir);
        } else {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.getFileName().toString().startsWith("test_data_set_") && Files.isDirectory(p))
                        .sorted(Comparator.comparing(OnnxTestData::setNumber))
                        .forEach(sets::add);
            } catch (IOException e) {
                throw new ModelLoadException("Cannot read ONNX test data in " + dir + ": " + e, e);
            }
        }
        if (sets.isEmpty()) {
            throw new ModelLoadException("No ONNX test data in " + dir + ": expected test_data_set_0/input_0.pb and"
                    + " output_0.pb (ONNX's test-data layout)");
        }
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> outputs = new ArrayList<>();
        for (Path set : sets) {
            inputs.add(tensor(set.resolve("input_0.pb")));
            outputs.add(tensor(set.resolve("output_0.pb")));
        }
        return new OnnxTestData(dir, List.copyOf(inputs), List.copyOf(outputs));
    }

    /** How many recorded cases there are. */
    public int size() {
        return inputs.size();
    }

    /** Every recorded input as one batch, in {@code model}'s channels-last input shape. */
    public Tensor inputs(Model model) {
        return batch(inputs, model.inputShape(), "input");
    }

    /** Every recorded output as one batch, in {@code model}'s output shape. */
    public Tensor outputs(Model model) {
        return batch(outputs, model.outputShape(), "output");
    }

    /**
     * A model that answers exactly the recorded inputs with the recorded outputs, shaped like {@code model}: the
     * reference of a {@code @DifferentialAgainst}. It knows no other input: one is a clear error, as are layers and
     * gradients.
     */
    public Model reference(Model model) {
        return new RecordedModel(
                "recorded outputs of " + dir.getFileName(), inputs(model), outputs(model), model.dataType());
    }

    private Tensor batch(List<Tensor> stored, Shape sampleShape, String what) {
        List<Tensor> converted = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            converted.add(toInterface(stored.get(i), sampleShape, what, i));
        }
        return Tensor.concat(converted.toArray(Tensor[]::new));
    }

    /** One stored tensor ({@code [b, ...]}, the model's layout) as channels-last samples of {@code sampleShape}. */
    private Tensor toInterface(Tensor t, Shape sampleShape, String what, int index) {
        Shape stored = t.shape();
        if (stored.rank() == sampleShape.rank() + 1 && stored.withoutBatch().equals(sampleShape)) {
            return t;
        }
        long[] dims = java.util.Arrays.stream(stored.dims()).asLongStream().toArray();
        if (stored.rank() >= 3) {
            long[] last = Channels.lastShape(dims);
            Shape lastShape = Shape.ofLongs(last);
            if (lastShape.withoutBatch().equals(sampleShape)) {
                return t.dataType() == org.deepjunit.model.DataType.FLOAT32
                        ? Tensor.wrap(Channels.toLast(t.toFloatArray(), dims), lastShape)
                        : Tensor.wrap(Channels.toLast(t.toDoubleArray(), dims), lastShape);
            }
        }
        throw new ModelLoadException("Recorded " + what + " " + index + " in " + dir + " has shape " + stored
                + ", which fits neither the model's " + what + " samples " + sampleShape
                + " nor their channels-first form");
    }

    private static Tensor tensor(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read ONNX test tensor " + file + ": " + e, e);
        }
        try {
            Tensor t = TensorProtos.read(bytes).tensor();
            if (t.shape().rank() < 1) {
                throw new MalformedProtoException("a scalar has no batch axis");
            }
            return t;
        } catch (MalformedProtoException e) {
            throw new ModelLoadException("ONNX test tensor " + file + " is not a valid TensorProto: " + e.getMessage());
        }
    }

    private static int setNumber(Path set) {
        String n = set.getFileName().toString().substring("test_data_set_".length());
        return n.matches("\\d{1,9}") ? Integer.parseInt(n) : Integer.MAX_VALUE;
    }
}
