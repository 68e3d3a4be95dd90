package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One run's neuron coverage, ready to render with {@link CoverageReportWriter}.
 *
 * @param title   the report's title, shown on its front page
 * @param created when the coverage was measured
 * @param models      the models, names unique
 * @param notObserved one line per declared model no forward pass of its test class reached (and per gate that
 *                    named one), shown first: its coverage is unknown
 * @param runId       the test run measured, for the front page's trend against the previous run; may be empty
 * @param growth      the coverage-growth curves, per model and criterion; may be empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record NeuronCoverageReport(
        String title,
        Instant created,
        List<ModelEntry> models,
        List<String> notObserved,
        String runId,
        List<GrowthCurve> growth) {

    public NeuronCoverageReport {
        Checks.name(title, "report title");
        Checks.notNull(created, "report creation time");
        models = Checks.list(models, "models");
        notObserved = Checks.list(notObserved, "not observed models");
        Checks.notNull(runId, "run id");
        growth = Checks.list(growth, "growth curves");
        Set<String> seen = new HashSet<>();
        for (ModelEntry model : models) {
            if (!seen.add(model.name())) {
                throw new IllegalArgumentException("duplicate model name \"" + model.name() + "\"");
            }
        }
    }

    /** A report without run id and growth curves. */
    public NeuronCoverageReport(String title, Instant created, List<ModelEntry> models, List<String> notObserved) {
        this(title, created, models, notObserved, "", List.of());
    }

    /** A report in which every declared model was observed. */
    public NeuronCoverageReport(String title, Instant created, List<ModelEntry> models) {
        this(title, created, models, List.of(), "", List.of());
    }

    public long neuronCount() {
        return models.stream().mapToLong(ModelEntry::neuronCount).sum();
    }

    public long coveredCount() {
        return models.stream().mapToLong(ModelEntry::coveredCount).sum();
    }

    /** Neuron coverage over all models; NaN when there are no neurons. */
    public double coverageRatio() {
        return Checks.ratio(coveredCount(), neuronCount());
    }
}
