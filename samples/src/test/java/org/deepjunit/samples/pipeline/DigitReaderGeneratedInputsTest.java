package org.deepjunit.samples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.deepjunit.GeneratedInputs;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.TestModel;
import org.deepjunit.generation.DeepXploreSearch;
import org.deepjunit.generation.GeneratedInput;
import org.deepjunit.generation.Transformation;
import org.deepjunit.generation.Transformations;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.Images;
import org.deepjunit.pipeline.TensorPipeline;

/**
 * Generated inputs for the digit reader, made where its users' inputs come from: the raw photos, before any
 * pre-processing. With {@code scale = 1, range = {0, 255}, integers = true} the seeds are the decoded PNG pixels and
 * every generated input is a real 8-bit photo, so the grayscale, resize and scale stages run on each of them.
 */
@NeuronCoverage(profileData = Digits.PHOTOS, profileScale = 1)
class DigitReaderGeneratedInputsTest {

    @TestModel("digits1")
    static Model digits1() {
        return Digits.pipeline(1);
    }

    @TestModel("digits4")
    static Model digits4() {
        return Digits.pipeline(4);
    }

    @TestModel("digits5")
    static Model digits5() {
        return Digits.pipeline(5);
    }

    /**
     * Metamorphic: a photo LeNet-5 reads right, turned a little, shifted, lighter, grainier or blurred, still reads as
     * the same digit. Pixels a move uncovers are paper ({@code fill = 255}), as a camera would see them. These ranges
     * hold for every photo here; turns of up to ±8° already find a 3 that reads as a 7, and shifts of up to 8% of
     * the width five more misread photos.
     */
    @GeneratedInputs(models = "digits5", seedSource = Digits.PHOTOS, scale = 1, range = {0, 255}, integers = true,
            seeds = 100)
    @Transformations(value = {Transformation.ROTATION, Transformation.TRANSLATION, Transformation.NOISE,
            Transformation.BRIGHTNESS, Transformation.CONTRAST, Transformation.BLUR},
            ranges = {"rotation=-5:5", "translation=-0.04:0.04", "brightness=-0.1:0.1", "contrast=0.8:1.2",
                    "blur=1:1"},
            fill = 255)
    void aSlightlyDifferentPhotoReadsTheSame(GeneratedInput input, @TestModel("digits5") Model digits5) {
        assertValidPhoto(input.tensor());
        int digit = input.seedLabel().getAsInt();
        assumeTrue(digits5.predict(input.seed()).argMax()[0] == digit,
                "LeNet-5 misreads the original photo already; the relation is about photos it reads right");
        assertThat(digits5.predict(input.tensor()).argMax()[0])
                .as("%s, from a photo of a %d", input.displayName(), digit)
                .isEqualTo(digit);
    }

    /**
     * Differential, DeepXplore's search in raw pixel space: gradients flow back through the scale, resize and
     * grayscale stages to the photo's pixels. Each input found is an 8-bit photo (differences that vanished when
     * rounded were dropped, the summary counts them) on which the three readers still disagree after it is written
     * as a PNG and decoded again.
     */
    @GeneratedInputs(models = {"digits1", "digits4", "digits5"}, seedSource = Digits.PHOTOS, scale = 1,
            range = {0, 255}, integers = true, seeds = 100, count = 20, maxTime = "30s")
    @DeepXploreSearch(step = 60, iterations = 100)
    void theReadersDisagreeOnRealPhotos(GeneratedInput input, @TestModel("digits1") Model digits1,
                                        @TestModel("digits4") Model digits4, @TestModel("digits5") Model digits5) {
        assertValidPhoto(input.tensor());
        Tensor decoded = Images.decode().apply(png(input.tensor()));
        assertThat(decoded.toFloatArray()).containsExactly(input.tensor().toFloatArray());
        Set<Integer> answers = new HashSet<>();
        for (Model reader : List.of(digits1, digits4, digits5)) {
            answers.add(reader.predict(decoded).argMax()[0]);
        }
        assertThat(answers).as("the readers' answers on %s", input.displayName()).hasSizeGreaterThan(1);
    }

    static void assertValidPhoto(Tensor photo) {
        assertThat(photo.shape().toString()).isEqualTo("[1, 56, 56, 3]");
        for (float v : photo.toFloatArray()) {
            assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.rint(v));
        }
    }

    /** The photo {@code [1, 56, 56, 3]} as PNG bytes. */
    static byte[] png(Tensor photo) {
        float[] rgb = photo.toFloatArray();
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 56 * 56; i++) {
            image.setRGB(i % 56, i / 56, (int) rgb[3 * i] << 16 | (int) rgb[3 * i + 1] << 8 | (int) rgb[3 * i + 2]);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
