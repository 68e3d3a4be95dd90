package org.deepjunit.report;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One run's neuron coverage, ready to render with {@link CoverageReportWriter}.
 *
 * @param title   the report's title, shown on its front page
 * @param created when the coverage was measured
 * @param models  the models, names unique
 */
public record NeuronCoverageReport(String title, Instant created, List<ModelEntry> models) {

    public NeuronCoverageReport {
        Checks.name(title, "report title");
        Checks.notNull(created, "report creation time");
        models = Checks.list(models, "models");
        Set<String> seen = new HashSet<>();
        for (ModelEntry model : models) {
            if (!seen.add(model.name())) {
                throw new IllegalArgumentException("duplicate model name \"" + model.name() + "\"");
            }
        }
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
