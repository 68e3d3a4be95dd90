package org.deepjunit.samples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.TestModel;
import org.deepjunit.model.Model;
import org.deepjunit.pipeline.Pipeline;
import org.deepjunit.pipeline.Prediction;
import org.deepjunit.pipeline.StageGoldens;
import org.deepjunit.pipeline.TensorPipeline;
import org.junit.jupiter.api.Test;

/**
 * The digit reader tested as it ships ({@link Digits}): PNG bytes in, labels out, LeNet-5 in the middle. Declared as
 * a {@code @TestModel}, the pipeline's tensor part is observed like a bare model: {@code @NeuronCoverage} records
 * LeNet-5's neurons on the pre-processed photos.
 */
@NeuronCoverage(profileData = Digits.PHOTOS, profileScale = 1)
class DigitReaderTest {

    @TestModel("digits")
    static Model digits() {
        return Digits.pipeline(5);
    }

    @Test
    void readsThePhotos(@TestModel("digits") Model digits) {
        List<Path> photos = Digits.photos();
        Pipeline<List<byte[]>, List<List<Prediction>>> reader = Digits.reader((TensorPipeline) digits);
        List<List<Prediction>> top3 = reader.apply(photos.stream().map(Digits::bytes).toList());
        int correct = 0;
        for (int i = 0; i < photos.size(); i++) {
            List<Prediction> best = top3.get(i);
            assertThat(best).hasSize(3);
            assertThat(best.get(0).score()).isGreaterThanOrEqualTo(best.get(1).score());
            assertThat(best.get(1).score()).isGreaterThanOrEqualTo(best.get(2).score());
            int label = Digits.label(photos.get(i));
            correct += best.get(0).index() == label ? 1 : 0;
            assertThat(best).as("the three likeliest labels of %s", photos.get(i).getFileName())
                    .extracting(Prediction::index).contains(label);
        }
        assertThat(correct).as("photos read right of %d", photos.size()).isGreaterThanOrEqualTo(97);
    }

    /**
     * Each stage's output for one photo per digit, against the approved outputs committed in
     * {@code src/test/resources/deepjunit/stages/digits-lenet5/approved/}: an upgraded image decoder, a changed resize
     * or a retrained model fails this test naming the stage that changed, and by how much.
     */
    @Test
    void everyStageGivesItsApprovedOutput(@TestModel("digits") Model digits) {
        // the photos are sorted by folder, then name: the first of each folder
        List<Path> onePerDigit = List.copyOf(Digits.photos().stream()
                .collect(Collectors.toMap(Path::getParent, p -> p, (first, later) -> first, TreeMap::new)).values());
        assertThat(onePerDigit).hasSize(10);
        StageGoldens.in(Path.of("src/test/resources/deepjunit/stages")).verify((TensorPipeline) digits,
                Digits.pixels(onePerDigit));
    }
}
