package org.deepjunit.explain;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.deepjunit.data.ApprovalFiles.APPROVED;
import static org.deepjunit.data.ApprovalFiles.RECEIVED;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.deepjunit.data.ApprovalFiles;
import org.deepjunit.data.AtomicFiles;
import org.deepjunit.data.Npy;
import org.deepjunit.model.DataType;
import org.deepjunit.model.Tensor;

/**
 * Approved attribution maps under version control, against which later model versions' explanations are checked
 * for drift: {@code <name>.attribution.approved.npy} (the map, float32, one sample without the batch dimension),
 * with a heat map {@code .png} beside it for the person who approves it. A check compares an attribution with the
 * approved map by Spearman's rank correlation; when nothing is approved, or the correlation is below the minimum,
 * it writes {@code <name>.attribution.received.npy} (and {@code .png}) and fails. Approving is renaming the
 * received files to {@code .approved}, or one run with {@value #APPROVE}{@code =true}.
 *
 * <pre>{@code
 * ApprovedAttributions approved = ApprovedAttributions.in(Path.of("src/test/resources/deepjunit/approved"), false)
 *         .prefixed("com.acme.LeNetTest.explainsSevens.");
 * approved.assertMatches("lenet5-image0", Explain.integratedGradients(lenet5).explain(image), 0.8);
 * }</pre>
 *
 * <p>In a test class annotated {@code @Explanations}, a parameter of this type comes configured from
 * {@code deepjunit.explain.approved.dir} and {@value #APPROVE}, prefixed with the test's class and method.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class ApprovedAttributions {

    /** The configuration key (or system property) that approves what a run receives. */
    public static final String APPROVE = "deepjunit.explain.approve";

    private final Path dir;
    private final ApprovalFiles files;
    private final boolean approve;
    private final String prefix;

    private ApprovedAttributions(Path dir, boolean approve, String prefix) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.files = new ApprovalFiles(dir, "attribution", List.of("npy", "png"));
        this.approve = approve;
        this.prefix = prefix;
    }

    /** Approved maps in {@code dir}; with {@code approve}, every checked attribution becomes the approved map. */
    public static ApprovedAttributions in(Path dir, boolean approve) {
        return new ApprovedAttributions(dir, approve, "");
    }

    /** The same folder, with {@code prefix} before every name (e.g. {@code com.acme.LeNetTest.method.}). */
    public ApprovedAttributions prefixed(String prefix) {
        return new ApprovedAttributions(dir, approve, this.prefix + checkName(prefix, true));
    }

    /** Whether this run approves what it checks. */
    public boolean approving() {
        return approve;
    }

    /** The approved map's file for {@code name}, whether or not it exists. */
    public Path approvedFile(String name) {
        return file(name, APPROVED, "npy");
    }

    /** The received map's file for {@code name}, whether or not it exists. */
    public Path receivedFile(String name) {
        return file(name, RECEIVED, "npy");
    }

    /** The approved map of {@code name}, or empty when none is approved. */
    public Optional<Tensor> approved(String name) {
        Path npy = approvedFile(name);
        if (!Files.exists(npy)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Npy.readTensor(npy.toString()));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read the approved attribution map " + npy + ": " + e.getMessage()
                            + "; delete it and approve a new one",
                    e);
        }
    }

    /**
     * Checks {@code attribution} against the approved map of {@code name}: Spearman's rank correlation at least
     * {@code minimum}. Approving, it becomes the approved map instead.
     *
     * @throws AssertionError when nothing is approved, the shapes differ or the correlation is lower, after writing
     *     the received map
     */
    public void assertMatches(String name, Attribution attribution, double minimum) {
        checkName(name, false);
        if (!(minimum >= -1 && minimum <= 1)) {
            throw new IllegalArgumentException("A minimum rank correlation lies in [-1, 1], got " + minimum);
        }
        if (approve) {
            write(name, APPROVED, attribution);
            delete(name, RECEIVED);
            return;
        }
        Optional<Tensor> approved = approved(name);
        if (approved.isEmpty()) {
            write(name, RECEIVED, attribution);
            throw new AssertionError("No approved attribution map " + approvedFile(name) + " for "
                    + attribution.describe() + ": received " + receivedFile(name) + " (heat map beside it); look at"
                    + " it, then rename both files to .approved, or run once with -D" + APPROVE + "=true");
        }
        Tensor map = approved.get();
        if (map.size() != attribution.values().size()) {
            write(name, RECEIVED, attribution);
            throw new AssertionError("The approved attribution map " + approvedFile(name) + " has shape " + map.shape()
                    + ", but " + attribution.describe() + " has shape " + attribution.sampleShape() + ": received "
                    + receivedFile(name) + "; approve it if the model's inputs changed");
        }
        double rho = attribution.rankCorrelation(map);
        if (!(rho >= minimum)) {
            write(name, RECEIVED, attribution);
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    "The attribution map drifted from the approved one: Spearman rank correlation %.4f with %s, but"
                            + " expected at least %.4f (%s). Received %s (heat map beside it): if the new map is"
                            + " right, rename it to .approved or run once with -D%s=true",
                    rho,
                    approvedFile(name),
                    minimum,
                    attribution.describe(),
                    receivedFile(name),
                    APPROVE));
        }
        delete(name, RECEIVED);
    }

    private void write(String name, String kind, Attribution attribution) {
        Tensor sample = attribution.values().reshape(attribution.sampleShape().dims());
        // the map first: a heat map always shows a complete map
        Npy.write(sample.as(DataType.FLOAT32), file(name, kind, "npy"));
        if (HeatMaps.drawable(attribution.sampleShape())) {
            AtomicFiles.write(file(name, kind, "png"), HeatMaps.heatMap(attribution));
        }
    }

    private void delete(String name, String kind) {
        files.delete(prefix + name, kind);
    }

    private Path file(String name, String kind, String extension) {
        return files.file(prefix + name, kind, extension);
    }

    private static String checkName(String name, boolean allowEmpty) {
        if ((!allowEmpty && name.isEmpty()) || !name.matches("[A-Za-z0-9._$#\\-\\[\\]]*")) {
            throw new IllegalArgumentException("An approved map's name is letters, digits and . - _ $ # [ ] (it"
                    + " becomes a file name), got '" + name + "'");
        }
        return name;
    }
}
