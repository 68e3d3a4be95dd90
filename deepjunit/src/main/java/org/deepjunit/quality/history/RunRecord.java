package org.deepjunit.quality.history;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The quality figures one test recorded for one model in one build, as the {@link HistoryStore} keeps them.
 *
 * @param time when the test ran (the store keeps milliseconds)
 * @param project the project the history belongs to, e.g. the Maven {@code artifactId}; not blank
 * @param testId the test, e.g. {@code "com.acme.DigitsTest#accuracy"}; not blank
 * @param model the model's name; not blank
 * @param modelFingerprint a digest of the model's weights and structure; {@code ""} if unknown
 * @param datasetDigest a digest of the evaluation data; {@code ""} if unknown
 * @param commit the version-control commit built, or {@code null} (see {@link Commit#detect})
 * @param figures the figures, in the order they are kept
 */
@API(status = EXPERIMENTAL, since = "0.4")
public record RunRecord(
        Instant time,
        String project,
        String testId,
        String model,
        String modelFingerprint,
        String datasetDigest,
        String commit,
        List<FigureRecord> figures) {

    /** Checks every field and copies the figures; see the parameters. */
    public RunRecord {
        Objects.requireNonNull(time, "run time is null");
        requireText(project, "project");
        requireText(testId, "test id");
        requireText(model, "model");
        Objects.requireNonNull(modelFingerprint, "model fingerprint is null; use \"\" if unknown");
        Objects.requireNonNull(datasetDigest, "dataset digest is null; use \"\" if unknown");
        if (commit != null && commit.isBlank()) {
            throw new IllegalArgumentException("commit is blank; use null if unknown");
        }
        Objects.requireNonNull(figures, "figures is null; use List.of() for none");
        for (int i = 0; i < figures.size(); i++) {
            if (figures.get(i) == null) {
                throw new IllegalArgumentException("figure " + i + " of " + testId + " is null");
            }
        }
        figures = List.copyOf(figures);
    }

    static void requireText(String value, String what) {
        Objects.requireNonNull(value, () -> what + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }
}
