package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * One input's record in an approved (or received) file: what each model answered, and the
 * person's verdict. A received record proposes the reference's answer as {@code correct}; the
 * person checks it (edits {@code correct} and {@code note}) and approves the file.
 *
 * <p>On later runs a model passes an approved input when its top-1 answer is {@code correct}, or
 * is the answer approved for it here (a known, accepted deviation). With {@code correct} null
 * (or for outputs that are not classes) each model must repeat its approved answer.
 *
 * @param id             the input's {@link InputId}
 * @param correct        the correct class as the person recorded it; null when undecided
 * @param note           the person's words; received records say what to do
 * @param reason         why the models disagreed when this was recorded
 * @param maxDifference  the largest output difference when recorded
 * @param modelUnderTest the model under test's answer
 * @param reference      the reference's answer
 * @param input          the input itself, so later runs can check it again without the test
 */
@API(status = EXPERIMENTAL, since = "0.1")
@JsonPropertyOrder({"id", "correct", "note", "reason", "maxDifference", "modelUnderTest", "reference", "input"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovedVerdict(
        String id,
        Integer correct,
        String note,
        String reason,
        double maxDifference,
        Answer modelUnderTest,
        Answer reference,
        StoredInput input) {

    /** What one model answered: its name, top-1 class (-1 when not a classifier), top-k scores, and the output when not a classifier. */
    @JsonPropertyOrder({"model", "top1", "top", "output"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(String model, int top1, List<Score> top, double[] output) {

        /** The answer of {@code oracle} for one flat output; top-k of the largest values. */
        public static Answer of(String model, double[] output, OutputOracle oracle, int k) {
            int label = oracle.label(output);
            return new Answer(model, label, topK(output, k), label < 0 ? round(output) : null);
        }

        /** Formats as {@code 7 (0.9120), 2 (0.05100), 1 (2.000e-05)}. */
        public String describeTop() {
            StringBuilder sb = new StringBuilder();
            for (Score s : top) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(s.label())
                        .append(" (")
                        .append(String.format(java.util.Locale.ROOT, "%.4g", s.value()))
                        .append(')');
            }
            return sb.toString();
        }
    }

    /** One output index and its value (a probability for a softmax classifier). */
    @JsonPropertyOrder({"label", "value"})
    public record Score(int label, double value) {}

    /** An input sample: its shape without batch and its values as base64 little-endian float32. */
    @JsonPropertyOrder({"shape", "float32Base64"})
    public record StoredInput(int[] shape, String float32Base64) {

        public static StoredInput of(Tensor sample) {
            int[] dims = sample.shape().dims();
            int[] shape = dims.length > 1 && dims[0] == 1 ? Arrays.copyOfRange(dims, 1, dims.length) : dims;
            ByteBuffer buffer = ByteBuffer.allocate(4 * sample.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < sample.size(); i++) {
                buffer.putFloat((float) sample.getDouble(i));
            }
            return new StoredInput(shape, Base64.getEncoder().encodeToString(buffer.array()));
        }

        /** The sample as a batch of one, {@code [1, ...shape]}. */
        public Tensor toTensor() {
            ByteBuffer buffer =
                    ByteBuffer.wrap(Base64.getDecoder().decode(float32Base64)).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[buffer.remaining() / 4];
            buffer.asFloatBuffer().get(values);
            return Tensor.wrap(values, Shape.of(shape).withBatch(1));
        }
    }

    /** A copy with another verdict. */
    public ApprovedVerdict withVerdict(Integer correct, String note) {
        return new ApprovedVerdict(id, correct, note, reason, maxDifference, modelUnderTest, reference, input);
    }

    /** The {@code k} largest values, largest first, ties by lower index. */
    public static List<Score> topK(double[] output, int k) {
        List<Score> all = new ArrayList<>();
        for (int i = 0; i < output.length; i++) {
            all.add(new Score(i, round(output[i])));
        }
        all.sort(Comparator.comparingDouble(Score::value).reversed().thenComparingInt(Score::label));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /** Six decimals: enough to read, stable across float noise in most runs, short in diffs. */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }

    private static double[] round(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = round(values[i]);
        }
        return result;
    }
}
