package org.deepjunit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTest {

    @Test
    void tasksInTurnTakeEveryPlaceAndArePairedByIteration() {
        List<String> order = new ArrayList<>();
        double[][] ms = new Timer(1, 3).inTurn(() -> order.add("a"), () -> order.add("b"), () -> order.add("c"));
        // the warm-up iteration, then one per run, each starting one task later
        assertThat(String.join("", order)).isEqualTo("cab" + "abc" + "bca" + "cab");
        assertThat(ms).hasDimensions(3, 3);
        for (double[] task : ms) {
            assertThat(java.util.Arrays.stream(task).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void pairedTimesKeepTheirIterationWhileSortedCopiesDoNot() {
        double[] ms = {3, 1, 2};
        double[] base = {1.5, 2, 1};
        assertThat(Timer.ratios(ms, base)).containsExactly(2, 0.5, 2);
        assertThat(Timer.sorted(ms)).containsExactly(1, 2, 3);
        assertThat(ms).containsExactly(3, 1, 2);
    }
}
