package org.deepjunit.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.GateVerdict.Status;
import org.deepjunit.quality.stats.PairedBootstrap;

/**
 * Change gates of a candidate's fairness figures against a baseline's on the same samples: a paired, stratified
 * bootstrap. The samples of each group and true class (the strata of the reports' own intervals) are resampled with
 * replacement, keeping their number, and each resample computes the figure for both models on the same drawn
 * samples; the interval is that of the change, candidate minus baseline. As every figure depends on the samples only
 * through counts, a stratum is drawn as the multinomial of its joint counts {@code [candidate's
 * prediction][baseline's prediction]}: the same model against itself draws only diagonal cells, and its change is
 * exactly 0 on every resample.
 */
final class FairnessChange {

    /** One gate on one figure: the candidate's and the baseline's definitions of it. */
    private record Pair(
            FairnessGate gate, FairnessFigure candidate, FairnessFigure baseline, Figures.Spec c, Figures.Spec b) {}

    private final FairnessReport candidate;
    private final FairnessReport baseline;
    private final long[][][][] joint;

    FairnessChange(FairnessReport candidate, FairnessReport baseline) {
        this.candidate = candidate;
        this.baseline = baseline;
        FairnessSamples cs = candidate.samples();
        FairnessSamples bs = baseline.samples();
        String pair = baseline.model() + " (baseline) and " + candidate.model() + " (candidate)";
        if (cs.size() == 0 || bs.size() == 0) {
            throw new IllegalArgumentException("A fairness change gate pairs the predictions of " + pair + " sample"
                    + " by sample, but the report of " + (cs.size() == 0 ? candidate : baseline).model() + " was made"
                    + " from counts: compute both reports from evaluations, Fairness.of(evaluation, attributes)");
        }
        int first = cs.firstDifference(bs);
        boolean digests = !candidate.datasetDigest().isEmpty()
                && !baseline.datasetDigest().isEmpty()
                && !candidate.datasetDigest().equals(baseline.datasetDigest());
        if (cs.size() != bs.size() || first >= 0 || !cs.groups().equals(bs.groups()) || digests) {
            String why = cs.size() != bs.size()
                    ? "they have " + bs.size() + " and " + cs.size() + " samples"
                    : first >= 0
                            ? "sample " + first + " is (" + bs.groups().get(bs.group(first)) + ", class "
                                    + bs.label(first) + ") in one and ("
                                    + cs.groups().get(cs.group(first))
                                    + ", class " + cs.label(first) + ") in the other"
                            : digests
                                    ? "their data digests differ, " + baseline.datasetDigest() + " and "
                                            + candidate.datasetDigest()
                                    : "their groups differ, " + bs.groups() + " and " + cs.groups();
            throw new IllegalArgumentException("The fairness reports of " + pair + " are not on the same samples and"
                    + " groups: " + why + ". A change gate compares two models on the same evaluated data, grouped"
                    + " by the same attributes");
        }
        if (!candidate.privileged().equals(baseline.privileged())
                || !candidate.positiveClasses().equals(baseline.positiveClasses())
                || candidate.counts().classes() != baseline.counts().classes()) {
            throw new IllegalArgumentException("The fairness reports of " + pair + " differ in their privileged group"
                    + " ('" + baseline.privileged() + "', '" + candidate.privileged() + "'), positive classes ("
                    + baseline.positiveClasses() + ", " + candidate.positiveClasses() + ") or classes: set both alike");
        }
        int k = candidate.counts().classes();
        joint = new long[cs.groups().size()][k][k][k];
        for (int i = 0; i < cs.size(); i++) {
            joint[cs.group(i)][cs.label(i)][cs.predicted(i)][bs.predicted(i)]++;
        }
    }

    /** Every change gate's verdict on every figure of its metric. */
    List<GateVerdict> verdicts(List<FairnessGate> gates) {
        List<Pair> pairs = new ArrayList<>();
        for (FairnessGate gate : gates) {
            for (FairnessFigure f : candidate.figures(gate.metric())) {
                int c = f.positiveClass() < 0 ? candidate.positiveClasses().get(0) : f.positiveClass();
                FairnessFigure b = baseline.figure(gate.metric(), c, f.slice());
                pairs.add(new Pair(gate, f, b, spec(candidate, f, c), spec(baseline, b, c)));
            }
        }
        List<Pair> decidable = pairs.stream()
                .filter(p -> p.candidate().conclusive() && p.baseline().conclusive())
                .toList();
        double[][] changes = bootstrap(decidable);
        List<GateVerdict> verdicts = new ArrayList<>();
        for (Pair p : pairs) {
            int d = decidable.indexOf(p);
            verdicts.add(verdict(p, d < 0 ? null : changes[d]));
        }
        return verdicts;
    }

    private static Figures.Spec spec(FairnessReport r, FairnessFigure f, int c) {
        Figures figures = new Figures(
                r.groups(),
                r.counts().tables(),
                r.counts().classes(),
                r.groups().indexOf(r.privileged()),
                r.minimumGroupSize(),
                r.grouping());
        return figures.of(f.metric(), c).stream()
                .filter(s -> s.slice().equals(f.slice()))
                .findFirst()
                .orElseThrow();
    }

    /** For each pair, the sorted changes (candidate − baseline) over the resamples. */
    private double[][] bootstrap(List<Pair> pairs) {
        int resamples = candidate.resamples();
        double[][] changes = new double[pairs.size()][resamples];
        if (pairs.isEmpty()) {
            return changes;
        }
        int k = candidate.counts().classes();
        SplittableRandom random = new SplittableRandom(candidate.seed());
        long[][][] a = new long[joint.length][k][k];
        long[][][] b = new long[joint.length][k][k];
        long[] drawn = new long[k * k];
        for (int r = 0; r < resamples; r++) {
            for (int g = 0; g < joint.length; g++) {
                for (int t = 0; t < k; t++) {
                    redraw(joint[g][t], drawn, random);
                    Arrays.fill(a[g][t], 0);
                    Arrays.fill(b[g][t], 0);
                    for (int x = 0; x < k; x++) {
                        for (int y = 0; y < k; y++) {
                            a[g][t][x] += drawn[x * k + y];
                            b[g][t][y] += drawn[x * k + y];
                        }
                    }
                }
            }
            for (int s = 0; s < pairs.size(); s++) {
                ToDoubleFunction<long[][][]> cv = pairs.get(s).c().value();
                ToDoubleFunction<long[][][]> bv = pairs.get(s).b().value();
                changes[s][r] = cv.applyAsDouble(a) - bv.applyAsDouble(b);
            }
        }
        for (double[] c : changes) {
            Arrays.sort(c);
        }
        return changes;
    }

    /** Draws the stratum's samples anew from its joint cells {@code [x][y]}, flattened into {@code into}. */
    private static void redraw(long[][] cells, long[] into, SplittableRandom random) {
        int k = cells.length;
        long n = 0;
        int nonZero = 0;
        for (long[] row : cells) {
            for (long v : row) {
                n += v;
                nonZero += v > 0 ? 1 : 0;
            }
        }
        for (int x = 0; x < k; x++) {
            System.arraycopy(cells[x], 0, into, x * k, k);
        }
        if (nonZero <= 1) {
            return; // one cell: every draw lands there
        }
        Arrays.fill(into, 0);
        for (long i = 0; i < n; i++) {
            long u = random.nextLong(n);
            int j = 0;
            while (u >= cells[j / k][j % k]) {
                u -= cells[j / k][j % k];
                j++;
            }
            into[j]++;
        }
    }

    private GateVerdict verdict(Pair p, double[] changes) {
        FairnessFigure f = p.candidate();
        FairnessFigure b = p.baseline();
        String what = String.format(Locale.ROOT, "%s (%s, n = %d)", f.name(), f.slice(), f.n());
        String prefix = "Fairness gate %s for " + candidate.model() + " against " + baseline.model() + ": ";
        if (changes == null) {
            String why =
                    !f.conclusive() ? f.inconclusive() : "the baseline " + baseline.model() + "'s " + b.inconclusive();
            return verdict(
                    Status.INCONCLUSIVE,
                    p,
                    Double.NaN,
                    Double.NaN,
                    String.format(prefix, "inconclusive") + what + ": " + why + ", too few samples to decide");
        }
        double alpha = 1 - candidate.confidence();
        double lower = PairedBootstrap.quantile(changes, alpha / 2);
        double upper = PairedBootstrap.quantile(changes, 1 - alpha / 2);
        double change = f.value() - b.value();
        int sign = f.metric().worseningSign();
        double allowed = p.gate().maxWorsening();
        String worse = sign > 0 ? "rise" : "drop";
        String is = String.format(
                Locale.ROOT,
                "%s is %s against the baseline %s's %s: change %s (%d%% interval %s to %s)",
                what,
                Figures.fmt(f.value()),
                baseline.model(),
                Figures.fmt(b.value()),
                signed(change),
                Math.round(candidate.confidence() * 100),
                signed(lower),
                signed(upper));
        String context = f.detail().isEmpty() ? "" : "; " + f.detail();
        if (Double.isNaN(lower)
                || Double.isNaN(upper)
                || Double.isNaN(change)
                || Double.isNaN(changes[0])
                || Double.isNaN(changes[changes.length - 1])) {
            return verdict(
                    Status.INCONCLUSIVE,
                    p,
                    lower,
                    upper,
                    String.format(prefix, "inconclusive") + is
                            + ": the change is undefined on some resamples (a ratio over a rate of 0)" + context);
        }
        // the worsening, sign × change, over its interval: the most and least worsening the data allow
        double least = sign > 0 ? lower : -upper;
        double most = sign > 0 ? upper : -lower;
        String limit = "the largest " + worse + " allowed is " + Figures.fmt(allowed);
        if (least > allowed) {
            return verdict(
                    Status.FAILED, p, lower, upper, String.format(prefix, "failed") + is + ", but " + limit + context);
        }
        if (most > allowed) {
            return verdict(
                    Status.INCONCLUSIVE,
                    p,
                    lower,
                    upper,
                    String.format(prefix, "inconclusive") + is + ", which contains a " + worse + " of "
                            + Figures.fmt(allowed) + ": too few samples to decide" + context);
        }
        return verdict(Status.PASSED, p, lower, upper, String.format(prefix, "passed") + is + context);
    }

    private GateVerdict verdict(Status status, Pair p, double lower, double upper, String message) {
        FairnessFigure f = p.candidate();
        return new GateVerdict(
                status,
                candidate.model(),
                f.name(),
                f.slice(),
                (int) Math.min(Integer.MAX_VALUE, f.n()),
                f.value(),
                p.baseline().value(),
                f.value() - p.baseline().value(),
                lower,
                upper,
                Double.NaN,
                message);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.4f", v);
    }
}
