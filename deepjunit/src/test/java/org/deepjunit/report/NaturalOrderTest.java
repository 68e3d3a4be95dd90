package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersCompareByValueAndTheRestAsText() {
        List<String> names = new ArrayList<>(List.of(
                "b/1-seed3", "a/11-seed2", "a/2-seed9", "a/10-seed1", "a/1-seed40", "a/1-seed5", "a/2-x", "a/002-x"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names)
                .containsExactly(
                        "a/1-seed5",
                        "a/1-seed40",
                        "a/2-seed9",
                        "a/002-x",
                        "a/2-x",
                        "a/10-seed1",
                        "a/11-seed2",
                        "b/1-seed3");
    }
}
