package org.deepjunit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.QualityGates;

/**
 * A {@link ModelQuality} test's access to evaluations and gates; injected as a test method parameter. What it
 * evaluates and gates is recorded for the test: report entries, received baselines.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public interface Quality {

    /** Evaluates {@code model} (a model or a pipeline) on every sample of the labelled {@code data}. */
    Evaluation evaluate(Model model, Dataset data);

    /**
     * Gates on {@code candidate}, against the test's approved baseline for its model (change gates fail saying how
     * to approve one while there is none); {@link QualityGates#against} sets another baseline instead, e.g. v1 when
     * testing v2.
     */
    QualityGates gates(Evaluation candidate);
}
