package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Resolved coverage settings of one test class or method.
 *
 * @param threshold NC threshold t in [0, 1]
 * @param scaled    DeepXplore scaling (true) or raw values for NC
 * @param criteria  the criteria reported; those needing a profile require {@code spec.profileData()}
 * @param spec      what shapes the recorded data
 * @param gates     rules checked after the class (or method)
 */
@API(status = INTERNAL, since = "0.1")
public record CoverageSettings(
        double threshold, boolean scaled, Set<Criterion> criteria, RecordingSpec spec, List<Gate> gates) {

    public CoverageSettings {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("t must lie in [0, 1], was " + threshold);
        }
        criteria = criteria.isEmpty() ? EnumSet.noneOf(Criterion.class) : EnumSet.copyOf(criteria);
        gates = List.copyOf(gates);
    }

    /** The default criteria: NC, TKNC, TKNP, and with a profile KMNC, NBC, SNAC too. */
    public static Set<Criterion> defaultCriteria(boolean profile) {
        return profile ? EnumSet.allOf(Criterion.class) : EnumSet.of(Criterion.NC, Criterion.TKNC, Criterion.TKNP);
    }
}
