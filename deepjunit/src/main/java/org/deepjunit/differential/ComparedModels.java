package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import org.apiguardian.api.API;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * What one differential test compares, as the extension resolved it: the reference, which models are under
 * test, the oracle and where inputs are saved.
 */
@API(status = INTERNAL, since = "0.1")
public interface ComparedModels {

    /** The reference model. */
    Model reference();

    /** The reference's declared name, for messages. */
    String referenceName();

    /** Whether a model that made a forward pass is under test (never the reference). */
    boolean isUnderTest(Model model);

    /** Whether a model is one the test class declares (under test or not). */
    boolean isDeclared(Model model);

    /** Throws when a model under test takes other inputs or gives other outputs than the reference. */
    void checkCompatible(Model model);

    /**
     * The model under test when it is named ({@code @DifferentialAgainst(model = ...)}); null when every declared
     * model but the reference is under test.
     */
    Model modelUnderTest();

    /** The test class's simple name, for messages. */
    String testClassName();

    OutputOracle oracle();

    Tolerance tolerance();

    /** How many top outputs messages and records show. */
    int topK();

    /**
     * Twin layers for localising a disagreement, model under test's layer → reference's layer; empty to pair
     * layers by their order among the layers with neurons.
     */
    default java.util.Map<String, String> layerMap() {
        return java.util.Map.of();
    }

    /** Where disagreeing inputs are saved. */
    Path inputsDir();

    /**
     * Called after a disagreeing input is saved, for the first ten of a test (those its failure message names), under
     * the report folder's lock and before the index is written, with the model under test it was observed on (null
     * when none): e.g. to write an explanation beside it. By default nothing.
     */
    default void afterSave(Model modelUnderTest, Tensor sample, SavedInputs.Saved saved) {}
}
