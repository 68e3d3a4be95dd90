package org.deepjunit.differential;

/**
 * Agreement when every output element is within tolerance, with no notion of a class: for
 * regression models. {@link #label} is -1, so approved verdicts of such models record outputs only.
 */
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
