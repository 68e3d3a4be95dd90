package org.deepjunit.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A coverage gate's verdict.
 *
 * @param element the model or layer the gate checked
 * @param passed  whether the gate held
 * @param message shaped like JaCoCo's check, e.g. "Rule violated for layer fc1: neurons covered ratio is 0.62,
 *                but expected minimum is 0.70"
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateVerdict(String element, boolean passed, String message) {

    public GateVerdict {
        Checks.name(element, "gate element");
        Checks.notNull(message, "gate message for " + element);
    }
}
