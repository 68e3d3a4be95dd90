package org.deepjunit.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.deepjunit.quality.metrics.ConfusionMatrix;
import org.junit.jupiter.api.Test;

/** The intervals are repeatable for a seed, and every figure follows from mergeable group counts. */
class FairnessBootstrapTest {

    @Test
    void aSeedGivesTheSameReportAndAnotherSeedOtherIntervals() {
        FairnessReport first =
                Fairness.of(Tables.table(10), Tables.groups(10)).seed(7).report();
        FairnessReport again =
                Fairness.of(Tables.table(10), Tables.groups(10)).seed(7).report();
        FairnessReport other =
                Fairness.of(Tables.table(10), Tables.groups(10)).seed(8).report();
        assertThat(again).isEqualTo(first);
        assertThat(other.figures()).isNotEqualTo(first.figures());
        assertThat(other.figures())
                .extracting(FairnessFigure::value)
                .isEqualTo(first.figures().stream().map(FairnessFigure::value).toList());
    }

    @Test
    void shardsMergeToExactlyTheCountsAndFiguresOfTheWhole() {
        // two shards of five copies each, against all ten copies in one evaluation
        GroupCounts shard =
                Fairness.of(Tables.table(5), Tables.groups(5)).report().counts();
        FairnessReport whole = Fairness.of(Tables.table(10), Tables.groups(10)).report();
        GroupCounts merged = shard.merge(shard);
        assertThat(merged).isEqualTo(whole.counts());
        FairnessReport fromCounts = Fairness.of("table", "group", merged).report();
        assertThat(fromCounts.figures()).isEqualTo(whole.figures());

        GroupCounts onlyC = GroupCounts.of(Map.of("group=C", ConfusionMatrix.ofCounts(new long[][] {{1, 0}, {0, 2}})));
        assertThat(merged.merge(onlyC)).isEqualTo(onlyC.merge(merged));
        assertThat(merged.merge(onlyC).groups()).containsExactly("group=A", "group=B", "group=C");
        assertThatThrownBy(() -> merged.merge(GroupCounts.of(Map.of("group=A", ConfusionMatrix.empty(3)))))
                .hasMessageContaining("cannot merge a 2-class matrix with a 3-class one");
    }
}
