package org.deepjunit.samples.credit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.deepjunit.fairness.FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE;
import static org.deepjunit.fairness.FairnessMetric.DISPARATE_IMPACT;
import static org.deepjunit.fairness.FairnessMetric.EQUAL_OPPORTUNITY_DIFFERENCE;
import static org.deepjunit.samples.credit.CreditModels.TEST;
import static org.deepjunit.samples.credit.CreditModels.applicants;

import org.deepjunit.CounterfactualFairness;
import org.deepjunit.ModelQuality;
import org.deepjunit.Quality;
import org.deepjunit.TestModel;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.fairness.FairnessGates;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.junit.jupiter.api.Test;

/**
 * Fairness of a credit model, trained on a history that approved men more often than women with the same finances
 * (see {@link CreditModels}). Groups are by sex and by age; the gates decide on bootstrap intervals, so a gate fails
 * only when the data leave no doubt, and groups under 30 applicants are inconclusive.
 *
 * <ul>
 *   <li>The model blind to sex passes the four-fifths rule for every sex and age group, against men of 30 and over.
 *   <li>The model that sees sex learned the history's bias: its disparate impact fails the rule (the test expects
 *       the failure and shows its message), while its equal opportunity difference, measured against the same
 *       biased labels, does not.
 *   <li>Changing only an applicant's sex never changes the blind model's decision: one passing invocation says how
 *       many applicants were checked.
 * </ul>
 *
 * Every figure, interval and verdict is in the report entries and the quality history.
 */
@ModelQuality
class CreditFairnessTest {

    @TestModel("credit-blind")
    static Model blind() {
        return CreditModels.train("credit-blind", true);
    }

    @TestModel("credit-aware")
    static Model aware() {
        return CreditModels.train("credit-aware", false);
    }

    /** Sex from the CSV column, named. */
    static Slicing sex() {
        return Slicing.byValues("sex", Datasets.csvColumn(TEST, "sex").stream()
                .map(v -> v.equals("1") ? "male" : "female")
                .toList());
    }

    /** The age band, a function of the sample: its over_30 feature. */
    static Slicing age(Dataset applicants) {
        return Slicing.by("age", i -> applicants.sample(i).getFloat(0, 4) == 1 ? "30+" : "<30");
    }

    @Test
    void theSexBlindModelPassesTheFourFifthsRule(@TestModel("credit-blind") Model blind, Quality quality) {
        Dataset applicants = applicants(TEST);
        Evaluation e = quality.evaluate(blind, applicants);
        FairnessGates gates = quality.fairness(e, sex(), age(applicants)) // intersections: "sex=female & age=<30" …
                .privileged("sex=male & age=30+")
                .gates()
                .gate(DISPARATE_IMPACT, g -> g.atLeast(0.8))
                .gate(DEMOGRAPHIC_PARITY_DIFFERENCE, g -> g.atMost(0.25));
        System.out.println(gates.report());
        gates.check();
    }

    @Test
    void theModelThatSeesSexLearnedTheBiasedHistory(@TestModel("credit-aware") Model aware, Quality quality) {
        Evaluation e = quality.evaluate(aware, applicants(TEST));
        FairnessGates gates = quality.fairness(e, sex())
                .privileged("sex=male")
                .gates()
                .gate(DISPARATE_IMPACT, g -> g.atLeast(0.8))
                .gate(EQUAL_OPPORTUNITY_DIFFERENCE, g -> g.atMost(0.2));
        assertThatThrownBy(gates::check)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 fairness gate failed:\nFairness gate failed for credit-aware: disparate impact"
                        + " (sex=female vs sex=male, n = 400) is ")
                .satisfies(failure -> System.out.println(failure.getMessage()));
    }

    @CounterfactualFairness(model = "credit-blind", data = TEST, labels = "-2", attribute = "sex")
    void sexNeverChangesTheBlindModelsDecision() {
    }
}
