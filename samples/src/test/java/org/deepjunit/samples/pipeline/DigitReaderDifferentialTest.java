package org.deepjunit.samples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deepjunit.DifferentialAgainst;
import org.deepjunit.TestModel;
import org.deepjunit.model.Model;
import org.junit.jupiter.api.Test;

/**
 * Training/serving skew, caught where it starts: the Java pre-processing the application ships ({@link Digits})
 * against the TensorFlow ops the model was trained behind ({@link TrainingSidePreprocessing}), both in front of the
 * same LeNet-5. Every photo the test reads also goes through the training-side pipeline, and the two must agree on
 * the digit and on every probability within 1e-4.
 *
 * <p>When they do not, the failure says where they part: each stage's largest difference, in order, and the first
 * beyond the tolerance. With the serving resize switched to nearest neighbour, 52 of the 100 photos fail, and each
 * reads like this:
 *
 * <pre>
 *   where they part: first at stage 'resize' / 'tf.image.resize(area)'
 *     stage 'grayscale' / 'tf.image.rgb_to_grayscale' max |difference| 3.052e-05
 *     stage 'resize' / 'tf.image.resize(area)' max |difference| 50.09  &lt;- first divergence
 *     stage 'scale' / '1 - x / 255'        max |difference| 0.1964
 *     layer 'block1_conv1'                 max |difference| 0.3413
 *     ...
 *     model output                         max |difference| 0.1782
 * </pre>
 */
@DifferentialAgainst(model = "digits", reference = "tf-digits", absoluteTolerance = 1e-4, relativeTolerance = 0)
class DigitReaderDifferentialTest {

    @TestModel("digits")
    static Model digits() {
        return Digits.pipeline(5);
    }

    @TestModel("tf-digits")
    static Model trainingSide() {
        return TrainingSidePreprocessing.pipeline(5);
    }

    @Test
    void readsThePhotosAsTheTrainingSideDoes(@TestModel("digits") Model digits) {
        List<Path> photos = Digits.photos();
        int[] read = digits.predict(Digits.pixels(photos)).argMax();
        int correct = 0;
        for (int i = 0; i < read.length; i++) {
            correct += read[i] == Digits.label(photos.get(i)) ? 1 : 0;
        }
        assertThat(correct).isGreaterThanOrEqualTo(97);
    }
}
