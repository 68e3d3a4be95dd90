package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Neuron-coverage criteria DeepJUnit records (definitions in DESIGN.md).
 *
 * <ul>
 *   <li>{@link #NC}: DeepXplore's neuron coverage, a neuron covered when some input gives it a value &gt; t.</li>
 *   <li>{@link #KMNC}, {@link #NBC}, {@link #SNAC}: DeepGauge's k-multisection, boundary and strong-boundary
 *       coverage; they need a profile ([low, high] per neuron over training data).</li>
 *   <li>{@link #TKNC}, {@link #TKNP}: DeepGauge's top-k neuron coverage and number of top-k patterns.</li>
 * </ul>
 */
@API(status = STABLE, since = "0.1")
public enum Criterion {
    NC,
    KMNC,
    NBC,
    SNAC,
    TKNC,
    TKNP;

    /** Whether the criterion needs a profile of the model over training data. */
    public boolean needsProfile() {
        return this == KMNC || this == NBC || this == SNAC;
    }
}
