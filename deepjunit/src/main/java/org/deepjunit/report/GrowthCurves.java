package org.deepjunit.report;

import java.util.ArrayList;
import java.util.List;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.Growth;
import org.deepjunit.coverage.LayerCoverage;
import org.deepjunit.coverage.ModelCoverage;

/**
 * A model's {@link GrowthCurve}s from its {@link Growth}: NC at the judgement recorded, TKNC when recorded, and with
 * a profile NBC and SNAC.
 */
final class GrowthCurves {

    /** The ordinals of one neuron's units: one per neuron, or NBC's two corners. */
    private interface Units {
        long[] firsts(LayerCoverage layer, int neuron);
    }

    private GrowthCurves() {}

    /**
     * The curves of model {@code name}. A curve that would not end at the criterion's figure (a data file of an
     * earlier version, without ordinals) is left out rather than drawn wrong.
     */
    static List<GrowthCurve> of(String name, ModelCoverage m) {
        List<GrowthCurve> curves = new ArrayList<>();
        String judgement = m.growth().ncJudgement();
        if (!judgement.isEmpty()) {
            String[] parts = judgement.split(" ");
            double t = Double.parseDouble(parts[0]);
            boolean scaled = parts[1].equals("scaled");
            add(
                    curves,
                    name,
                    m,
                    new CoverageReports.Judgement(t, scaled).label(),
                    m.count(Criterion.NC, t, scaled),
                    (l, j) -> new long[] {l.firstCovered(j)});
        }
        if (m.spec().hasTopK()) {
            add(
                    curves,
                    name,
                    m,
                    CoverageReports.label(Criterion.TKNC, m.spec()),
                    m.count(Criterion.TKNC, 0, true),
                    (l, j) -> new long[] {l.firstInTopK(j)});
        }
        if (m.profile() != null) {
            add(
                    curves,
                    name,
                    m,
                    CoverageReports.label(Criterion.NBC, m.spec()),
                    m.count(Criterion.NBC, 0, true),
                    (l, j) -> new long[] {l.firstAboveCorner(j), l.firstBelowCorner(j)});
            add(
                    curves,
                    name,
                    m,
                    CoverageReports.label(Criterion.SNAC, m.spec()),
                    m.count(Criterion.SNAC, 0, true),
                    (l, j) -> new long[] {l.firstAboveCorner(j)});
        }
        return curves;
    }

    /** @param count the criterion's [covered, total], which the curve must end at */
    private static void add(
            List<GrowthCurve> curves, String name, ModelCoverage m, String label, long[] count, Units units) {
        List<Long> firsts = new ArrayList<>();
        for (LayerCoverage l : m.layers().values()) {
            for (int j = 0; j < l.neurons(); j++) {
                for (long first : units.firsts(l, j)) {
                    if (first != Growth.NEVER) {
                        firsts.add(first);
                    }
                }
            }
        }
        if (firsts.size() == count[0] && m.samples() > 0) {
            curves.add(new GrowthCurve(
                    name,
                    label,
                    count[1],
                    m.samples(),
                    firsts.stream().mapToLong(Long::longValue).toArray(),
                    m.growth().generatedRanges()));
        }
    }
}
