package org.deepjunit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.deepjunit.coverage.CoverageData;
import org.deepjunit.coverage.CoverageRun;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.LayerCoverage;
import org.deepjunit.coverage.ModelCoverage;
import org.deepjunit.coverage.RecordingSpec;

/** Turns {@link CoverageData} into the renderer's {@link NeuronCoverageReport} and summary lines. */
@API(status = INTERNAL, since = "0.1")
public final class CoverageReports {

    /** NC thresholds listed on every model besides the report's own. */
    static final double[] THRESHOLDS = {0, 0.25, 0.5, 0.75};

    private CoverageReports() {}

    /** How NC is judged in the report: threshold and scaling. */
    public record Judgement(double threshold, boolean scaled) {
        public String label() {
            return "NC" + (scaled ? "" : " unscaled") + "(t=" + trim(threshold) + ")";
        }
    }

    /**
     * The judgement for a model: the configured one when given (non-null), else the one every recording asked for
     * when they agree, else DeepXplore's default (t = 0, scaled).
     */
    public static Judgement judgement(ModelCoverage m, Double configuredT, Boolean configuredScaled) {
        Set<String> requested = m.requested();
        double t = 0;
        boolean scaled = true;
        if (requested.size() == 1) {
            String[] r = requested.iterator().next().split(" ");
            t = Double.parseDouble(r[0]);
            scaled = r[1].equals("scaled");
        }
        return new Judgement(
                configuredT != null ? configuredT : t, configuredScaled != null ? configuredScaled : scaled);
    }

    /**
     * The {@link CoverageRun.Renderer} of a run: the HTML, XML and CSV report of the merged coverage and the merged
     * data file {@value CoverageRun#DATA_FILE}, all swapped into {@code reportDir} together; returns one summary line
     * per model.
     */
    public static List<String> render(
            CoverageData merged, Path reportDir, Double configuredThreshold, Boolean configuredScaled)
            throws IOException {
        return render(merged, reportDir, configuredThreshold, configuredScaled, null);
    }

    /**
     * {@link #render(CoverageData, Path, Double, Boolean)}, with the run's summary also kept in {@code keptSummary}
     * (null: only in the report), outside the report folder, so that the next run's trends survive {@code mvn clean}.
     */
    public static List<String> render(
            CoverageData merged, Path reportDir, Double configuredThreshold, Boolean configuredScaled, Path keptSummary)
            throws IOException {
        NeuronCoverageReport report = build(
                merged,
                "DeepJUnit neuron coverage",
                Instant.now(),
                configuredThreshold,
                configuredScaled,
                CoverageRun.runId());
        CoverageReportWriter.write(
                report, reportDir, keptSummary, into -> merged.write(into.resolve(CoverageRun.DATA_FILE)));
        return summary(report, reportDir.resolve(CoverageReportWriter.HTML_INDEX));
    }

    public static NeuronCoverageReport build(
            CoverageData data, String title, Instant created, Double configuredT, Boolean configuredScaled) {
        return build(data, title, created, configuredT, configuredScaled, "");
    }

    /** The report of {@code data}, measured by test run {@code runId}, with its growth curves. */
    public static NeuronCoverageReport build(
            CoverageData data,
            String title,
            Instant created,
            Double configuredT,
            Boolean configuredScaled,
            String runId) {
        Map<String, String> names = data.displayNames();
        List<ModelEntry> models = new ArrayList<>();
        List<GrowthCurve> growth = new ArrayList<>();
        List<CoverageData.Verdict> verdicts = data.verdicts();
        for (ModelCoverage m : data.models()) {
            Judgement j = judgement(m, configuredT, configuredScaled);
            List<LayerEntry> layers = new ArrayList<>();
            for (LayerCoverage l : m.layers().values()) {
                List<NeuronEntry> neurons = new ArrayList<>(l.neurons());
                for (int n = 0; n < l.neurons(); n++) {
                    double max = j.scaled() ? l.maxScaled(n) : l.maxRaw(n);
                    neurons.add(new NeuronEntry(n, l.covered(n, j.threshold(), j.scaled()), max));
                }
                List<CriterionValue> criteria = new ArrayList<>();
                for (Criterion c : layerCriteria(m.spec())) {
                    long[] count = l.count(c, j.threshold(), j.scaled());
                    criteria.add(new CriterionValue(label(c, m.spec()), count[0], count[1]));
                }
                layers.add(new LayerEntry(l.name(), l.kind().name().toLowerCase(Locale.ROOT), neurons, criteria));
            }
            List<CriterionValue> criteria = new ArrayList<>();
            for (double t : THRESHOLDS) {
                long[] c = m.count(Criterion.NC, t, j.scaled());
                criteria.add(new CriterionValue(new Judgement(t, j.scaled()).label(), c[0], c[1]));
            }
            for (Criterion c : layerCriteria(m.spec())) {
                long[] count = m.count(c, j.threshold(), j.scaled());
                criteria.add(new CriterionValue(label(c, m.spec()), count[0], count[1]));
            }
            if (m.spec().hasTopK()) {
                criteria.add(new CriterionValue(label(Criterion.TKNP, m.spec()), m.patternCount(), 0));
            }
            Set<GateVerdict> gates = new LinkedHashSet<>();
            for (CoverageData.Verdict v : verdicts) {
                if (v.modelKey().equals(m.key())) {
                    gates.add(new GateVerdict(v.element(), v.passed(), v.message()));
                }
            }
            models.add(new ModelEntry(
                    names.get(m.key()),
                    definition(j, m),
                    j.threshold(),
                    layers,
                    criteria,
                    new ArrayList<>(gates),
                    m.files().stream()
                            .map(f -> f.path() + " sha256:" + f.sha256())
                            .toList()));
            growth.addAll(GrowthCurves.of(names.get(m.key()), m));
        }
        models.sort(java.util.Comparator.comparing(ModelEntry::name));
        List<String> notObserved = new ArrayList<>();
        for (CoverageData.Unobserved u : data.unobserved()) {
            notObserved.add(u.model() + ": " + u.reason());
        }
        for (CoverageData.Verdict v : verdicts) {
            if (v.modelKey().startsWith("unobserved:")) {
                notObserved.add(v.message());
            }
        }
        return new NeuronCoverageReport(title, created, models, notObserved, runId, growth);
    }

    /** The criteria counted per layer that {@code spec} recorded: with a profile KMNC, NBC, SNAC; with a top k TKNC. */
    private static List<Criterion> layerCriteria(RecordingSpec spec) {
        List<Criterion> criteria = new ArrayList<>();
        if (spec.hasProfile()) {
            criteria.addAll(List.of(Criterion.KMNC, Criterion.NBC, Criterion.SNAC));
        }
        if (spec.hasTopK()) {
            criteria.add(Criterion.TKNC);
        }
        return criteria;
    }

    static String label(Criterion c, RecordingSpec spec) {
        return switch (c) {
            case KMNC -> "KMNC (k=" + spec.k() + ")";
            case TKNC, TKNP -> c + " (k=" + spec.topK() + ")";
            default -> c.name();
        };
    }

    static String definition(Judgement j, ModelCoverage m) {
        String base = j.scaled()
                ? "DeepXplore neuron coverage: per-input min-max scaled layer output, channel mean, covered when > "
                : "Neuron coverage on raw activations (channel mean of the unscaled output), covered when > ";
        String profile = m.profile() == null
                ? "no DeepGauge profile"
                : "DeepGauge bounds from " + m.spec().profileData() + " ("
                        + m.profile().samples() + " inputs)";
        return base + trim(j.threshold()) + "; " + m.samples() + " inputs recorded; " + profile
                + (m.spec().hasTopK()
                        ? "; top-k ties go to the lower neuron index"
                        : "; no top k recorded (neither TKNC nor TKNP among the criteria)");
    }

    static String trim(double t) {
        return java.math.BigDecimal.valueOf(t).stripTrailingZeros().toPlainString();
    }

    /** "DeepJUnit coverage lenet5: NC(t=0.25) 212/268 = 79.1% · report target/deepjunit/index.html" per model. */
    public static List<String> summary(NeuronCoverageReport report, Path index) {
        List<String> lines = new ArrayList<>();
        Path cwd = Path.of("").toAbsolutePath();
        Path shown = index.toAbsolutePath().startsWith(cwd) ? cwd.relativize(index.toAbsolutePath()) : index;
        for (ModelEntry m : report.models()) {
            CriterionValue nc = m.criteria().stream()
                    .filter(c ->
                            c.criterion().startsWith("NC") && c.criterion().endsWith("(t=" + trim(m.threshold()) + ")"))
                    .findFirst()
                    .orElse(null);
            String label = nc != null ? nc.criterion() : "NC(t=" + trim(m.threshold()) + ")";
            lines.add(String.format(
                    Locale.ROOT,
                    "DeepJUnit coverage %s: %s %d/%d = %.1f%% \u00b7 report %s",
                    m.name(),
                    label,
                    m.coveredCount(),
                    m.neuronCount(),
                    100.0 * m.coveredCount() / Math.max(1, m.neuronCount()),
                    shown));
        }
        for (String line : report.notObserved()) {
            if (!line.startsWith("Rule violated")) { // gate failures already fail their class
                lines.add("DeepJUnit coverage " + line + " \u00b7 report " + shown);
            }
        }
        return lines;
    }
}
