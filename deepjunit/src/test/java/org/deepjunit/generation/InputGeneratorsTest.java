package org.deepjunit.generation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.deepjunit.config.Configuration;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Shape;
import org.junit.jupiter.api.Test;

/** The built-in generators read their annotations and check their seeds with messages that say what to fix. */
class InputGeneratorsTest {

    private static final Configuration NONE = Configuration.of(Map.of());

    @DeepXploreSearch(
            constraint = ConstraintType.OCCLUSION,
            occlusion = {1, 2, 3})
    @Transformations(ranges = "rotation=30:-30")
    @Fuzzing(alpha = 0)
    void annotated() {}

    @Transformations
    void plain() {}

    private static <A extends Annotation> A on(String method, Class<A> type) {
        try {
            return InputGeneratorsTest.class.getDeclaredMethod(method).getAnnotation(type);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badAttributesAreNamedWithWhatIsExpected() {
        DeepXploreSearch deepxplore = on("annotated", DeepXploreSearch.class);
        assertThatThrownBy(() -> new DeepXploreGenerator().configure(deepxplore, NONE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value '[1, 2, 3]' for @DeepXploreSearch(occlusion): expected {row, column, height,"
                        + " width}");
        Transformations transformations = on("annotated", Transformations.class);
        assertThatThrownBy(() -> new TransformationsGenerator().configure(transformations, NONE))
                .hasMessageStartingWith("Invalid value 'rotation=30:-30' for @Transformations(ranges): expected "
                        + "<transformation>=<low>:<high> with low <= high");
        Fuzzing fuzzing = on("annotated", Fuzzing.class);
        assertThatThrownBy(() -> new FuzzingGenerator().configure(fuzzing, NONE))
                .hasMessage("Invalid value '0' for @Fuzzing(alpha): expected a number > 0 and <= 1");
        assertThatThrownBy(() -> new FuzzingGenerator()
                        .configure(fuzzing, Configuration.of(Map.of("deepjunit.generation.fuzzing.iterations", "0"))))
                .hasMessage("Invalid value '0' for deepjunit.generation.fuzzing.iterations: expected an integer >= 1");
    }

    @Test
    void transformationsAndFuzzingNeedImageSeeds() {
        Dataset tabular = new Dataset("rows", Shape.of(10), new float[20], null);
        Seeds seeds = new Seeds(List.of("a"), List.of(), tabular, new int[] {0, 1}, 2, 1, 0, 1, false, Deadline.none());
        TransformationsGenerator transform = new TransformationsGenerator();
        transform.configure(on("plain", Transformations.class), NONE);
        assertThatThrownBy(() -> transform.start(seeds))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TRANSFORM transforms images [height, width, channels], but the seeds have shape [10]");
        assertThatThrownBy(() -> new FuzzingGenerator().start(seeds))
                .hasMessage("FUZZ transforms images [height, width, channels], but the seeds have shape [10]");
    }
}
