package org.deepjunit.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.deepjunit.data.ApprovalFiles.APPROVED;
import static org.deepjunit.data.ApprovalFiles.RECEIVED;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.deepjunit.data.ApprovalFiles;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.Json;
import org.deepjunit.data.Npy;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.quality.metrics.Predictions;

/**
 * Approved quality baselines under version control, next to the approved differential verdicts: for each test and
 * model, {@code <name>.quality.approved.json} (model, fingerprint, dataset digest, labels, the figures a person
 * approved) and {@code <name>.quality.approved.npy} (every sample's scores, so that change gates pair candidate and
 * baseline sample by sample). A run writes {@code .received} files when there is no approved baseline, or when its
 * figures differ from the approved ones beyond the tolerance; approving is renaming them, or one run with
 * {@value #APPROVE}{@code =true}.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class QualityBaselines {

    /** System property or configuration key that approves what a run receives. */
    public static final String APPROVE = "deepjunit.quality.approve";

    /** Figures equal within this are unchanged: another machine's float rounding writes nothing. */
    public static final double TOLERANCE = 1e-6;

    private final Path dir;
    private final ApprovalFiles files;
    private final boolean approve;

    private QualityBaselines(Path dir, boolean approve) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.files = new ApprovalFiles(dir, "quality", List.of("json", "npy"));
        this.approve = approve;
    }

    public static QualityBaselines in(Path dir, boolean approve) {
        return new QualityBaselines(dir, approve);
    }

    /** The approved evaluation of {@code name}, or empty when none is approved yet. */
    public Optional<Evaluation> approved(String name) {
        Path json = files.file(name, APPROVED, "json");
        if (!Files.exists(json)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.readTree(Files.readAllBytes(json));
            Path npy = files.file(name, APPROVED, "npy");
            byte[] bytes = Files.readAllBytes(npy);
            String sha = sha256(bytes);
            if (!sha.equals(text(root, "scoresSha256", json))) {
                throw new IllegalStateException("The approved scores " + npy + " do not match the SHA-256 that " + json
                        + " records (" + sha + "): the file was edited or is corrupt; approve a new baseline");
            }
            JsonNode labelsNode = root.get("labels");
            if (labelsNode == null || !labelsNode.isArray()) {
                throw new IllegalStateException(json + " has no \"labels\" array: it is not a quality baseline");
            }
            int[] labels = new int[labelsNode.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = labelsNode.get(i).asInt();
            }
            Tensor scores = Npy.readTensor(npy.toString());
            if (scores.shape().rank() != 2 || scores.shape().dim(0) != labels.length) {
                throw new IllegalStateException("The approved scores " + npy + " have shape " + scores.shape() + " for "
                        + labels.length + " labels in " + json + "; approve a new baseline");
            }
            int k = scores.shape().dim(1);
            double[] flat = scores.toDoubleArray();
            double[][] rows = new double[labels.length][k];
            for (int i = 0; i < labels.length; i++) {
                System.arraycopy(flat, i * k, rows[i], 0, k);
            }
            return Optional.of(Evaluation.of(
                    text(root, "model", json),
                    text(root, "modelFingerprint", json),
                    text(root, "datasetDigest", json),
                    new Predictions(labels, rows)));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the approved quality baseline " + json + ": " + e.getMessage()
                            + "; fix or delete it and approve a new one",
                    e);
        }
    }

    /**
     * Records what this run measured for {@code name}: with {@value #APPROVE} the files become the approved baseline;
     * otherwise received files are written when nothing is approved, or when the model, the data or a figure
     * differs from the approved ones (beyond {@link #TOLERANCE}), and left-over received files are removed when
     * nothing differs.
     *
     * @return the received JSON file written, or empty when nothing differs (or when approving)
     */
    public Optional<Path> record(String name, Evaluation evaluation, Map<String, Double> figures) {
        if (approve) {
            write(name, APPROVED, evaluation, figures);
            files.delete(name, RECEIVED);
            return Optional.empty();
        }
        if (!differs(name, evaluation, figures)) {
            files.delete(name, RECEIVED);
            return Optional.empty();
        }
        write(name, RECEIVED, evaluation, figures);
        return Optional.of(files.file(name, RECEIVED, "json"));
    }

    /** Whether this run approves what it records. */
    public boolean approving() {
        return approve;
    }

    /** The approved JSON file of {@code name}, whether or not it exists. */
    public Path approvedFile(String name) {
        return files.file(name, APPROVED, "json");
    }

    private boolean differs(String name, Evaluation evaluation, Map<String, Double> figures) {
        Path json = files.file(name, APPROVED, "json");
        if (!Files.exists(json)) {
            return true;
        }
        try {
            JsonNode root = Json.readTree(Files.readAllBytes(json));
            if (!evaluation
                            .modelFingerprint()
                            .equals(root.path("modelFingerprint").asText())
                    || !evaluation
                            .datasetDigest()
                            .equals(root.path("datasetDigest").asText())) {
                return true;
            }
            Map<String, Double> approvedFigures = new LinkedHashMap<>();
            root.path("figures")
                    .forEach(f -> approvedFigures.put(
                            f.path("figure").asText(), f.path("value").asDouble()));
            for (Map.Entry<String, Double> f : figures.entrySet()) {
                Double was = approvedFigures.get(f.getKey());
                if (was == null || Math.abs(was - f.getValue()) > TOLERANCE) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void write(String name, String kind, Evaluation evaluation, Map<String, Double> figures) {
        Predictions p = evaluation.predictions();
        int n = p.size();
        int k = p.scores()[0].length;
        float[] flat = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                flat[i * k + j] = (float) p.scores()[i][j];
            }
        }
        byte[] npy = Npy.toBytes(Tensor.wrap(flat, Shape.of(n, k)));
        List<Map<String, Object>> figureList = new ArrayList<>();
        figures.forEach((figure, value) -> figureList.add(Map.of("figure", figure, "value", value)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", evaluation.model());
        root.put("modelFingerprint", evaluation.modelFingerprint());
        root.put("datasetDigest", evaluation.datasetDigest());
        root.put("samples", n);
        root.put("figures", figureList);
        root.put("scores", files.file(name, kind, "npy").getFileName().toString());
        root.put("scoresSha256", sha256(npy));
        root.put("labels", p.labels());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        // scores first: a JSON file always names scores that are complete
        AtomicFiles.write(files.file(name, kind, "npy"), npy);
        AtomicFiles.write(files.file(name, kind, "json"), Json.write(root));
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalStateException(file + " has no \"" + field + "\": it is not a quality baseline");
        }
        return node.asText();
    }

    private static String sha256(byte[] bytes) {
        return org.deepjunit.model.Sha256.hex(bytes);
    }
}
