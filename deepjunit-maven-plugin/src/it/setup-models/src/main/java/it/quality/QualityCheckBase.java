package it.quality;

import it.Tiny;
import org.deepjunit.ModelQuality;
import org.deepjunit.Quality;
import org.deepjunit.TestModel;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * Evaluates the tiny model on 200 seeded inputs; the classes named QualityCheck* run it with their seed, and only the
 * quality-rules build runs them.
 */
@ModelQuality
abstract class QualityCheckBase {

    @TestModel("tiny")
    static Model tiny() {
        return Tiny.model();
    }

    abstract long seed();

    @org.junit.jupiter.api.Test
    void evaluates(@TestModel("tiny") Model tiny, Quality quality) {
        Tensor x = Tiny.inputs(seed(), 200);
        int[] labels = Tiny.largestOfFirstThree(x);
        quality.evaluate(tiny, new Dataset("gaussian", x.shape().withoutBatch(), x.toFloatArray(), labels));
        // counted here, for verify.groovy to find in the check goal's verdicts
        int[] predicted = tiny.predict(x).argMax();
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        System.out.println(getClass().getSimpleName() + " counted accuracy " + right + "/200");
    }
}
