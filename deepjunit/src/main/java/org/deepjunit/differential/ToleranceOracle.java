package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Agreement when every output element is within tolerance, with no notion of a class: for
 * regression models. {@link #label} is -1, so approved verdicts of such models record outputs only.
 */
@API(status = STABLE, since = "0.1")
public class ToleranceOracle implements OutputOracle {

    @Override
    public Comparison compare(double[] modelUnderTest, double[] reference, Tolerance tolerance) {
        return TopOneOracle.withinTolerance(modelUnderTest, reference, tolerance);
    }

    @Override
    public int label(double[] output) {
        return -1;
    }
}
