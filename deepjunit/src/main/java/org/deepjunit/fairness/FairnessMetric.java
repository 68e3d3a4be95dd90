package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The fairness figures, as Fairlearn and AIF360 define them. Rates are one-vs-rest for a positive class: selection
 * rate {@code P(ŷ = pos | g)}, true positive rate {@code P(ŷ = pos | y = pos, g)}, false positive rate
 * {@code P(ŷ = pos | y ≠ pos, g)}; accuracy is the group's multiclass accuracy.
 *
 * <ul>
 *   <li>Per group (one figure per group): {@link #SELECTION_RATE}, {@link #ACCURACY}, {@link #TRUE_POSITIVE_RATE},
 *       {@link #FALSE_POSITIVE_RATE}; gating them bounds every group, as Fairlearn's {@code group_min}.
 *   <li>Between groups (one figure over all groups, Fairlearn's {@code difference()} = max − min and
 *       {@code ratio()} = min / max): the demographic parity difference and ratio, equal opportunity difference
 *       (TPR gap), equalized odds difference (the larger of the TPR and FPR gaps) and ratio (the smaller ratio),
 *       accuracy difference.
 *   <li>{@link #DISPARATE_IMPACT} (AIF360): selection rate of an unprivileged group / that of the privileged group,
 *       one figure per unprivileged group; the four-fifths rule asks for at least 0.8. Without a privileged group
 *       it is the lowest rate / the highest (the EEOC's reading of the rule), equal to the demographic parity
 *       ratio.
 * </ul>
 *
 * <pre>{@code
 * fairness.gates()
 *         .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
 *         .gate(FairnessMetric.EQUALIZED_ODDS_DIFFERENCE, g -> g.atMost(0.1));
 * }</pre>
 *
 * <p>A ratio of two zero rates is 1 (equal rates); a positive rate over a zero rate is infinite.
 *
 * <p>Which way is worse ({@link #worseningSign()}, what {@link FairnessGate#maxWorsening} bounds against a baseline):
 * a <b>larger</b> figure is worse for every difference (demographic parity, equal opportunity, equalized odds,
 * accuracy difference) and the false positive rate; a <b>smaller</b> one for the ratios (demographic parity ratio,
 * equalized odds ratio), disparate impact, accuracy and the true positive rate. A selection rate has no worse side.
 */
@API(status = EXPERIMENTAL, since = "0.5")
public enum FairnessMetric {
    SELECTION_RATE("selection rate", Kind.PER_GROUP, Rate.SELECTION),
    ACCURACY("accuracy", Kind.PER_GROUP, Rate.ACCURACY),
    TRUE_POSITIVE_RATE("true positive rate", Kind.PER_GROUP, Rate.TRUE_POSITIVE),
    FALSE_POSITIVE_RATE("false positive rate", Kind.PER_GROUP, Rate.FALSE_POSITIVE),
    DEMOGRAPHIC_PARITY_DIFFERENCE("demographic parity difference", Kind.DIFFERENCE, Rate.SELECTION),
    DEMOGRAPHIC_PARITY_RATIO("demographic parity ratio", Kind.RATIO, Rate.SELECTION),
    EQUAL_OPPORTUNITY_DIFFERENCE("equal opportunity difference", Kind.DIFFERENCE, Rate.TRUE_POSITIVE),
    EQUALIZED_ODDS_DIFFERENCE("equalized odds difference", Kind.DIFFERENCE, Rate.TRUE_POSITIVE, Rate.FALSE_POSITIVE),
    EQUALIZED_ODDS_RATIO("equalized odds ratio", Kind.RATIO, Rate.TRUE_POSITIVE, Rate.FALSE_POSITIVE),
    ACCURACY_DIFFERENCE("accuracy difference", Kind.DIFFERENCE, Rate.ACCURACY),
    DISPARATE_IMPACT("disparate impact", Kind.VERSUS_PRIVILEGED, Rate.SELECTION);

    /** How a figure is made of the groups' rates. */
    enum Kind {
        PER_GROUP,
        DIFFERENCE,
        RATIO,
        VERSUS_PRIVILEGED
    }

    private final String label;
    private final Kind kind;
    private final List<Rate> rates;

    FairnessMetric(String label, Kind kind, Rate... rates) {
        this.label = label;
        this.kind = kind;
        this.rates = List.of(rates);
    }

    /** The name in reports, messages and the history, e.g. "disparate impact". */
    public String label() {
        return label;
    }

    /** Whether the figure is the same for every positive class (accuracy and its difference). */
    public boolean classIndependent() {
        return rates.get(0).classIndependent();
    }

    /**
     * Which change of the figure is for the worse: {@code +1} when a larger figure is worse (differences, false
     * positive rate), {@code -1} when a smaller one is (ratios, disparate impact, accuracy, true positive rate),
     * {@code 0} when neither is (selection rate: {@link FairnessGate#maxWorsening} refuses it).
     */
    public int worseningSign() {
        return switch (kind) {
            case DIFFERENCE -> 1;
            case RATIO, VERSUS_PRIVILEGED -> -1;
            case PER_GROUP ->
                switch (rates.get(0)) {
                    case FALSE_POSITIVE -> 1;
                    case ACCURACY, TRUE_POSITIVE -> -1;
                    default -> 0;
                };
        };
    }

    Kind kind() {
        return kind;
    }

    List<Rate> rates() {
        return rates;
    }
}
