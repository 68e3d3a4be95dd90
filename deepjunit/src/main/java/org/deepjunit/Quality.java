package org.deepjunit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.data.Dataset;
import org.deepjunit.fairness.Fairness;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.QualityGates;
import org.deepjunit.quality.Slicing;
import org.deepjunit.robustness.Attack;
import org.deepjunit.robustness.MinimalPerturbation;
import org.deepjunit.robustness.Perturbation;
import org.deepjunit.robustness.Robustness;
import org.deepjunit.robustness.RobustnessResult;

/**
 * A {@link ModelQuality} test's access to evaluations and gates; injected as a test method parameter. What it
 * evaluates and gates is recorded for the test: report entries, received baselines.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public interface Quality {

    /** Evaluates {@code model} (a model or a pipeline) on every sample of the labelled {@code data}. */
    Evaluation evaluate(Model model, Dataset data);

    /**
     * Runs {@code perturbation} (an attack or a corruption) with {@code runner}'s model, data and settings, and
     * records the result after the test: the perturbed evaluation as {@link #evaluate}'s are (report entries, history,
     * a baseline file when gated), the robustness figures (clean and robust accuracy, attack success rate, queries),
     * and the adversarial examples, saved beside their seeds under the report folder. Gate the result's {@link
     * RobustnessResult#perturbed() perturbed} evaluation like any other:
     *
     * <pre>{@code
     * RobustnessResult fgsm = quality.robustness(Robustness.of(lenet5, mnist), Attacks.fgsm(0.1));
     * quality.gates(fgsm.perturbed()).gate(Metrics.ACCURACY, g -> g.atLeast(0.55).maxDrop(0.02)).check();
     * }</pre>
     */
    RobustnessResult robustness(Robustness runner, Perturbation perturbation);

    /**
     * The smallest ε at which {@code attack} fools the model, per correctly classified input, by bisection ({@link
     * Robustness#minimalPerturbation}), recorded after the test: report entries and history figures (kind {@code
     * robustness}) of the median and the share of inputs the attack's own ε does not break, under the model name
     * {@code "<model> under <attack>"}.
     */
    MinimalPerturbation minimalPerturbation(Robustness runner, Attack attack, int steps);

    /**
     * Gates on {@code candidate}, against the test's approved baseline for its model (change gates fail saying how
     * to approve one while there is none); {@link QualityGates#against} sets another baseline instead, e.g. v1 when
     * testing v2.
     */
    QualityGates gates(Evaluation candidate);

    /**
     * The fairness of {@code candidate} across the groups of the sensitive {@code attributes} (several: their
     * intersections); every report it computes and every verdict of its gates is recorded for the test: report
     * entries {@code deepjunit.fairness.<model>.<figure>[<slice>]} and the history ({@code fairness} figures with
     * their intervals, {@code group confusion} counts).
     *
     * <pre>{@code
     * quality.fairness(e, Slicing.byColumn("classpath:/credit.csv", "sex"))
     *         .privileged("sex=M")
     *         .gates()
     *         .gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8))
     *         .check();
     * }</pre>
     *
     * <p>Change gates ({@code FairnessGate.maxWorsening}) judge it against another model's evaluation in the run,
     * {@code .against(v1)}, or against the test's approved quality baseline of the model, {@code .againstApproved()}
     * (which then records the model's quality baseline too, approved or received).
     */
    @API(status = EXPERIMENTAL, since = "0.5")
    Fairness fairness(Evaluation candidate, Slicing... attributes);
}
