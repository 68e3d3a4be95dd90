package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A generator's output, batch by batch, in a deterministic order: the same run seed, seed source,
 * settings and batch size give the same candidates in the same order, whatever time budget stops
 * the run.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CandidateSource {

    /** The next batch (possibly empty), or {@code null} when the generator is done. */
    List<Candidate> nextBatch();

    /** A one-line account of what the generator did so far (seeds, found, coverage). */
    String summary();

    /**
     * Whether every candidate is meant to make the models disagree (DEEPXPLORE): with integer inputs, a candidate
     * that no longer does once rounded is dropped rather than yielded.
     */
    default boolean yieldsDisagreements() {
        return false;
    }
}
