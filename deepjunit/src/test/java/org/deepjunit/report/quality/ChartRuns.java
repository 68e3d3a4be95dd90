package org.deepjunit.report.quality;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.RunRecord;

/**
 * Runs with robustness and fairness figures as {@code @ModelQuality} records them, with numbers small enough to
 * check by hand: LeNet-5 under FGSM at ε = 0.1 (twice: 0.50, then 0.55) and 0.05 (0.85, recorded last, clean 0.93),
 * under PGD at ε = 0.1 (0.30, clean 0.92) and under Gaussian noise of severity 3 (0.80); and a credit model whose selection rate is
 * 0.30 for 200 women and 0.50 for 300 men (overall (60 + 150) / 500 = 0.42) and whose TPR is 0.60 for 50 and 0.80 for
 * 150 (overall (30 + 120) / 200 = 0.75), with a failed disparate impact and an inconclusive equalized odds gate.
 */
final class ChartRuns {

    static final String ROBUSTNESS_TEST = "com.acme.DigitsTest.resistsAttacks";
    static final String FAIRNESS_TEST = "com.acme.CreditFairnessTest.treatsApplicantsAlike";
    static final String FGSM = "fgsm";
    static final String PGD = "pgd(LINF, steps=10, random start=true, restarts=1, seed=0)";
    static final String NOISE = "GAUSSIAN_NOISE (seed=1)";

    private ChartRuns() {}

    /** In the order recorded. */
    static List<RunRecord> robustness() {
        return List.of(
                perturbed(1, "fgsm(eps=0.1)", 0.92, 0.50, 0.4565),
                perturbed(2, "fgsm(eps=0.1)", 0.92, 0.55, 0.4022),
                perturbed(
                        3,
                        "pgd(LINF, eps=0.1, steps=10, step=0.025, random start=true, restarts=1, seed=0)",
                        0.92,
                        0.30,
                        0.6739),
                perturbed(4, "GAUSSIAN_NOISE 3 (seed=1)", 0.92, 0.80, 0.1304),
                perturbed(5, "fgsm(eps=0.05)", 0.93, 0.85, 0.0860));
    }

    static RunRecord perturbed(int day, String perturbation, double clean, double robust, double success) {
        List<FigureRecord> f = new ArrayList<>();
        f.add(FigureRecord.of("metric", "accuracy", "all", robust, 100));
        f.add(FigureRecord.of("robustness", "clean accuracy", "all", clean, 100));
        f.add(FigureRecord.of("robustness", "robust accuracy", "all", robust, 100));
        f.add(FigureRecord.of("robustness", "attack success rate", "all", success, 100));
        return new RunRecord(
                QualityRuns.T0.plus(Duration.ofDays(day)),
                QualityRuns.PROJECT,
                ROBUSTNESS_TEST,
                "lenet5 under " + perturbation,
                QualityRuns.MODEL_2,
                QualityRuns.DATA,
                QualityRuns.COMMIT_2,
                f);
    }

    /** The credit model's run: per-group rates (men recorded first), two gated comparisons, a 2 × 2 confusion. */
    static RunRecord fairness() {
        List<FigureRecord> f = new ArrayList<>();
        f.add(FigureRecord.of("metric", "accuracy", "all", 0.88, 500));
        f.add(new FigureRecord("fairness", "selection rate", "sex=male", 0.50, 300, 0.44, 0.56, null));
        f.add(new FigureRecord("fairness", "selection rate", "sex=female", 0.30, 200, 0.24, 0.37, null));
        f.add(new FigureRecord("fairness", "true positive rate", "sex=male", 0.80, 150, 0.73, 0.86, null));
        f.add(new FigureRecord("fairness", "true positive rate", "sex=female", 0.60, 50, 0.45, 0.74, null));
        f.add(new FigureRecord(
                "fairness", "disparate impact", "sex=female vs sex=male", 0.60, 500, 0.47, 0.75, "failed"));
        f.add(new FigureRecord("fairness", "equalized odds difference", "sex", 0.20, 500, 0.05, 0.34, "inconclusive"));
        f.add(FigureRecord.of("group confusion", "1,1", "sex=female", 30, 200));
        f.add(FigureRecord.of("confusion", "0,0", "all", 260, 500));
        f.add(FigureRecord.of("confusion", "0,1", "all", 40, 500));
        f.add(FigureRecord.of("confusion", "1,0", "all", 20, 500));
        f.add(FigureRecord.of("confusion", "1,1", "all", 180, 500));
        return new RunRecord(
                QualityRuns.T0,
                QualityRuns.PROJECT,
                FAIRNESS_TEST,
                "credit",
                QualityRuns.MODEL_1,
                QualityRuns.DATA,
                QualityRuns.COMMIT_1,
                f);
    }
}
