package org.deepjunit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResultsTest {

    /**
     * The ends by hand from the binomial: for 9 values P(B ≤ 1) = 10/512 = 0.0195 and P(B ≤ 2) = 46/512 = 0.090, so
     * ranks 2 and 8; for 30 values P(B ≤ 9) = 0.0214 and P(B ≤ 10) = 0.0494, ranks 10 and 21; for 100 values
     * P(B ≤ 39) = 0.0176 and P(B ≤ 40) = 0.0284, ranks 40 and 61; for 5 values P(B ≤ 0) = 1/32 is already above
     * 0.025, so the whole range. Shuffled input, so the sort inside is what finds them.
     */
    @Test
    void theMediansIntervalIsTheBinomialsOrderStatistics() {
        assertThat(Results.medianInterval(shuffledRanks(9))).containsExactly(2, 5, 8);
        assertThat(Results.medianInterval(shuffledRanks(30))).containsExactly(10, 15.5, 21);
        assertThat(Results.medianInterval(shuffledRanks(100))).containsExactly(40, 50.5, 61);
        assertThat(Results.medianInterval(shuffledRanks(5))).containsExactly(1, 3, 5);
    }

    @Test
    void aSingleValueIsItsOwnInterval() {
        assertThat(Results.medianInterval(new double[] {1.2})).containsExactly(1.2, 1.2, 1.2);
    }

    /** 1, 2, …, n in a fixed random order. */
    private static double[] shuffledRanks(int n) {
        List<Integer> ranks = IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
        Collections.shuffle(ranks, new Random(n));
        return ranks.stream().mapToDouble(Integer::doubleValue).toArray();
    }
}
