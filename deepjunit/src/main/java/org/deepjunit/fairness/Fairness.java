package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.QualityBaselines;
import org.deepjunit.quality.QualityGates;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.metrics.ConfusionMatrix;
import org.deepjunit.quality.metrics.Predictions;
import org.deepjunit.quality.stats.PairedBootstrap;

/**
 * How fair a classifier's predictions are across groups: the groups come from one or more sensitive attributes
 * (each a {@link Slicing}: a CSV column, a list of values, a function of the sample index; several attributes give
 * their intersections, {@code "sex=F & age=<30"}), the figures are {@link FairnessMetric}'s for a positive class
 * (binary models: class 1 unless set; multiclass: one class, or every class one-vs-rest).
 *
 * <p>Every interval is a stratified bootstrap: each group's samples of each true class are resampled with
 * replacement, keeping their number (so group sizes, and each group's positives and negatives, stay fixed), 2,000
 * times from seed 2017 unless set. A rate computed on fewer samples than {@link #minimumGroupSize} (default 30, as
 * {@link QualityGates#DEFAULT_MINIMUM_SAMPLES}; for a TPR the group's positive samples, for an FPR its negative
 * ones) is inconclusive, and comparisons over all groups leave such groups out, saying so.
 *
 * <pre>{@code
 * Fairness.of(evaluation, Slicing.byColumn("data/credit.csv", "sex"), Slicing.byColumn("data/credit.csv", "age"))
 *         .positiveClass(1)                      // "credit granted"
 *         .privileged("sex=M & age=>=30")
 *         .gates()
 *         .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
 *         .gate(FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, g -> g.atMost(0.1))
 *         .check();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class Fairness {

    private final Evaluation evaluation;
    private final List<Slicing> attributes;
    private final String model;
    private final GroupCounts givenCounts;
    private final String givenGrouping;
    private int positiveClass = -1;
    private boolean oneVsRest;
    private String privileged = "";
    private int minimumGroupSize = QualityGates.DEFAULT_MINIMUM_SAMPLES;
    private double confidence = 0.95;
    private int resamples = PairedBootstrap.DEFAULT_RESAMPLES;
    private long seed = 2017;
    private Consumer<FairnessReport> reportListener = r -> {};
    private Consumer<List<GateVerdict>> verdictListener = v -> {};
    private QualityBaselines baselines;
    private String baselineName;
    private Runnable whenApprovedUsed = () -> {};

    private Fairness(
            Evaluation evaluation, List<Slicing> attributes, String model, GroupCounts counts, String grouping) {
        this.evaluation = evaluation;
        this.attributes = attributes;
        this.model = model;
        this.givenCounts = counts;
        this.givenGrouping = grouping;
    }

    /** The fairness of {@code evaluation}'s predictions across the groups of {@code attributes}. */
    public static Fairness of(Evaluation evaluation, Slicing... attributes) {
        Objects.requireNonNull(evaluation, "evaluation");
        List<Slicing> list = List.of(attributes);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("Fairness of " + evaluation.model() + " needs at least one sensitive"
                    + " attribute, e.g. Slicing.byColumn(\"data/people.csv\", \"sex\")");
        }
        return new Fairness(evaluation, list, evaluation.model(), null, null);
    }

    /** The fairness of counts gathered elsewhere, e.g. shards merged with {@link GroupCounts#merge}. */
    public static Fairness of(String model, String grouping, GroupCounts counts) {
        if (counts.groups().size() < 2) {
            throw new IllegalArgumentException("The counts of " + model + " have "
                    + counts.groups().size() + " group(s), " + counts.groups() + ": fairness compares at least two");
        }
        return new Fairness(
                null, List.of(), Objects.requireNonNull(model, "model"), counts, Objects.requireNonNull(grouping));
    }

    /** The class whose prediction is the favourable outcome ("selected"); default 1 for a binary model. */
    public Fairness positiveClass(int c) {
        if (c < 0) {
            throw new IllegalArgumentException("The positive class is a class index, 0 or more, was " + c);
        }
        this.positiveClass = c;
        this.oneVsRest = false;
        return this;
    }

    /** Judges every class in turn as the positive one, one-vs-rest (multiclass models). */
    public Fairness oneVsRest() {
        this.oneVsRest = true;
        this.positiveClass = -1;
        return this;
    }

    /** The privileged group (exactly one of the groups' names) disparate impact divides by; default none. */
    public Fairness privileged(String group) {
        this.privileged = Objects.requireNonNull(group, "group");
        return this;
    }

    /** Rates on fewer samples than this are inconclusive; default 30. */
    public Fairness minimumGroupSize(int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("minimumGroupSize must be at least 1, was " + minimum);
        }
        this.minimumGroupSize = minimum;
        return this;
    }

    /** The intervals' level, in (0.5, 1); default 0.95. */
    public Fairness confidence(double level) {
        if (!(level > 0.5 && level < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0.5, 1), was " + level);
        }
        this.confidence = level;
        return this;
    }

    /** The bootstrap's resamples, at least 100; default 2,000. */
    public Fairness resamples(int count) {
        if (count < 100) {
            throw new IllegalArgumentException(
                    "resamples must be at least 100 for a percentile interval, was " + count);
        }
        this.resamples = count;
        return this;
    }

    /** The bootstrap's seed; default 2017. */
    public Fairness seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Adds {@code listener}, called with every report {@link #report()} computes (to record it). */
    public Fairness onReport(Consumer<FairnessReport> listener) {
        this.reportListener = reportListener.andThen(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Adds {@code listener}, called with the verdicts of every check of {@link #gates()} (to record them). */
    public Fairness onVerdicts(Consumer<List<GateVerdict>> listener) {
        this.verdictListener = verdictListener.andThen(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Gates on {@link #report()}'s figures. */
    public FairnessGates gates() {
        return FairnessGates.on(report()).onVerdicts(verdictListener);
    }

    /**
     * Change gates of this model's fairness against {@code baseline}'s, another model's evaluation of the same
     * samples (e.g. v1 against this v2): the baseline's report is computed with the same attributes and settings, and
     * {@link FairnessGate#maxWorsening} bounds how much each figure may get worse, on a paired bootstrap.
     *
     * <pre>{@code
     * quality.fairness(v2, Slicing.byColumn(csv, "sex")).privileged("sex=M")
     *         .against(v1)
     *         .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.maxWorsening(0.05))
     *         .check();
     * }</pre>
     */
    public FairnessGates against(Evaluation baseline) {
        Objects.requireNonNull(baseline, "baseline");
        return against(baseline, baseline.model());
    }

    private FairnessGates against(Evaluation baseline, String name) {
        if (evaluation == null) {
            throw new IllegalStateException("The fairness of " + model + " was given as counts: a change gate pairs"
                    + " the models' predictions sample by sample, so compute it from an evaluation");
        }
        Fairness other = new Fairness(baseline, attributes, name, null, null)
                .minimumGroupSize(minimumGroupSize)
                .confidence(confidence)
                .resamples(resamples)
                .seed(seed)
                .privileged(privileged);
        other.positiveClass = positiveClass;
        other.oneVsRest = oneVsRest;
        FairnessReport base = other.report();
        return gates().against(base);
    }

    /**
     * Change gates against the approved quality baseline {@code name} in {@code baselines}: it stores every sample's
     * scores, so this model's approved predictions are rebuilt from it and judged as {@link #against(Evaluation)}
     * judges an in-run baseline, the baseline named {@code "<model> (approved)"}. Without an approved baseline, the
     * absolute gates are judged and recorded, then the check fails saying how to approve one (as
     * {@code QualityGates.againstApproved}); while approving ({@code -Ddeepjunit.quality.approve=true}) with none
     * approved yet, the model is its own baseline.
     */
    public FairnessGates againstApproved(QualityBaselines baselines, String name) {
        Objects.requireNonNull(baselines, "baselines");
        Objects.requireNonNull(name, "name");
        if (evaluation == null) {
            throw new IllegalStateException("The fairness of " + model + " was given as counts: a change gate pairs"
                    + " the models' predictions sample by sample, so compute it from an evaluation");
        }
        whenApprovedUsed.run();
        Optional<Evaluation> approved = baselines.approved(name);
        if (approved.isEmpty() && baselines.approving()) {
            approved = Optional.of(evaluation);
        }
        if (approved.isPresent()) {
            return against(approved.get(), model + " (approved)");
        }
        return gates().missingBaseline("No approved quality baseline " + baselines.approvedFile(name) + " for the"
                + " fairness change gates of " + model + ": this run's is written beside it as .received files."
                + " Review them, then rename received to approved, or run once with -D" + QualityBaselines.APPROVE
                + "=true");
    }

    /**
     * Change gates against the approved baseline set by {@link #approvedBaselines}: under {@code @ModelQuality}, the
     * test's approved quality baseline of this evaluation's model.
     */
    public FairnessGates againstApproved() {
        if (baselines == null) {
            throw new IllegalStateException("No approved baselines are set for the fairness of " + model + ": use"
                    + " quality.fairness(…) under @ModelQuality, or againstApproved(QualityBaselines, name)");
        }
        return againstApproved(baselines, baselineName);
    }

    /**
     * Where {@link #againstApproved()} finds the approved baseline; {@code whenUsed} runs when it is used (under
     * {@code @ModelQuality}: to record the evaluation's quality baseline, approved or received).
     */
    public Fairness approvedBaselines(QualityBaselines baselines, String name, Runnable whenUsed) {
        this.baselines = Objects.requireNonNull(baselines, "baselines");
        this.baselineName = Objects.requireNonNull(name, "name");
        this.whenApprovedUsed = Objects.requireNonNull(whenUsed, "whenUsed");
        return this;
    }

    /** Computes every figure with its interval. */
    public FairnessReport report() {
        GroupCounts counts = givenCounts;
        String grouping = givenGrouping;
        FairnessSamples samples = FairnessSamples.NONE;
        if (evaluation != null) {
            Groups groups = Groups.of(evaluation.predictions(), attributes);
            counts = count(groups, evaluation.predictions());
            grouping = groups.grouping();
            samples = samples(groups, evaluation.predictions());
        }
        List<String> names = counts.groups();
        int privilegedIndex = names.indexOf(privileged);
        if (!privileged.isEmpty() && privilegedIndex < 0) {
            throw new IllegalArgumentException("The privileged group " + privileged + " is not a group of " + model
                    + "'s samples; the groups are " + names);
        }
        Figures figures =
                new Figures(names, counts.tables(), counts.classes(), privilegedIndex, minimumGroupSize, grouping);
        List<Figures.Spec> specs = new ArrayList<>();
        int[] positives = positives(counts.classes());
        for (int c : positives) {
            for (FairnessMetric metric : FairnessMetric.values()) {
                if (c == positives[0] || !metric.classIndependent()) {
                    specs.addAll(figures.of(metric, c));
                }
            }
        }
        FairnessReport report = new FairnessReport(
                model,
                evaluation == null ? "" : evaluation.modelFingerprint(),
                evaluation == null ? "" : evaluation.datasetDigest(),
                grouping,
                counts,
                IntStream.of(positives).boxed().toList(),
                privileged,
                minimumGroupSize,
                confidence,
                resamples,
                seed,
                withIntervals(specs, counts.tables()),
                samples);
        reportListener.accept(report);
        return report;
    }

    private List<FairnessFigure> withIntervals(List<Figures.Spec> specs, long[][][] tables) {
        List<ToDoubleFunction<long[][][]>> decidable = specs.stream()
                .filter(s -> s.inconclusive().isEmpty())
                .map(Figures.Spec::value)
                .toList();
        double[][] intervals = GroupBootstrap.intervals(tables, decidable, seed, resamples, confidence);
        List<FairnessFigure> figures = new ArrayList<>();
        int next = 0;
        for (Figures.Spec s : specs) {
            double[] interval = s.inconclusive().isEmpty() ? intervals[next++] : new double[] {Double.NaN, Double.NaN};
            figures.add(new FairnessFigure(
                    s.metric(),
                    s.name(),
                    s.slice(),
                    s.positiveClass(),
                    s.n(),
                    s.value().applyAsDouble(tables),
                    interval[0],
                    interval[1],
                    s.detail(),
                    s.inconclusive(),
                    s.leftOut()));
        }
        return figures;
    }

    private int[] positives(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException(model + " has 1 class: fairness needs a score per class (for a"
                    + " sigmoid output p, add a column 1 − p)");
        }
        if (positiveClass >= classes) {
            throw new IllegalArgumentException("The positive class " + positiveClass + " is not a class of " + model
                    + ": its outputs have " + classes + " classes, 0 to " + (classes - 1));
        }
        if (oneVsRest) {
            return IntStream.range(0, classes).toArray();
        }
        if (positiveClass >= 0 || classes == 2) {
            return new int[] {positiveClass >= 0 ? positiveClass : 1};
        }
        throw new IllegalArgumentException(model + " has " + classes + " classes: name the positive class with"
                + " positiveClass(c), or judge every class with oneVsRest()");
    }

    private static FairnessSamples samples(Groups groups, Predictions p) {
        List<String> names = List.copyOf(groups.members().keySet());
        int[] group = new int[p.size()];
        int g = 0;
        for (int[] indices : groups.members().values()) {
            for (int i : indices) {
                group[i] = g;
            }
            g++;
        }
        return new FairnessSamples(names, group, p.labels(), p.predicted());
    }

    private static GroupCounts count(Groups groups, Predictions p) {
        int[] labels = p.labels();
        int[] predicted = p.predicted();
        Map<String, ConfusionMatrix> matrices = new LinkedHashMap<>();
        groups.members()
                .forEach((group, indices) -> matrices.put(
                        group,
                        ConfusionMatrix.of(
                                IntStream.of(indices).map(i -> labels[i]).toArray(),
                                IntStream.of(indices).map(i -> predicted[i]).toArray(),
                                p.classes())));
        return GroupCounts.of(matrices);
    }
}
