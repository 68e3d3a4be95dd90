package org.deepjunit.report;

import java.util.ArrayList;
import java.util.List;
import org.deepjunit.coverage.Criterion;
import org.deepjunit.coverage.Growth;
import org.deepjunit.coverage.LayerCoverage;
import org.deepjunit.coverage.ModelCoverage;

/** A model's {@link GrowthCurve}s from its {@link Growth}: NC at the judgement recorded, and TKNC. */
final class GrowthCurves {

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
            String label = new CoverageReports.Judgement(t, scaled).label();
            add(curves, name, m, label, m.count(Criterion.NC, t, scaled)[0], true);
        }
        add(
                curves,
                name,
                m,
                CoverageReports.label(Criterion.TKNC, m.spec()),
                m.count(Criterion.TKNC, 0, true)[0],
                false);
        return curves;
    }

    private static void add(
            List<GrowthCurve> curves, String name, ModelCoverage m, String label, long covered, boolean nc) {
        List<Long> firsts = new ArrayList<>();
        long units = 0;
        for (LayerCoverage l : m.layers().values()) {
            units += l.neurons();
            for (int j = 0; j < l.neurons(); j++) {
                long first = nc ? l.firstCovered(j) : l.firstInTopK(j);
                if (first != Growth.NEVER) {
                    firsts.add(first);
                }
            }
        }
        if (firsts.size() == covered && m.samples() > 0) {
            curves.add(new GrowthCurve(
                    name,
                    label,
                    units,
                    m.samples(),
                    firsts.stream().mapToLong(Long::longValue).toArray(),
                    m.growth().generatedRanges()));
        }
    }
}
