package org.deepjunit.fairness;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.metrics.Predictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is a clear error that says what to do, never a figure of nothing. */
class FairnessErrorsTest {

    private static final Evaluation TABLE = Tables.table(1);

    @TempDir
    Path dir;

    @Test
    void anAttributeWithOneGroupOnly() {
        assertThatThrownBy(() -> Fairness.of(TABLE, Slicing.byValues("sex", Collections.nCopies(12, "F")))
                        .report())
                .hasMessage("The sensitive attribute sex has one group only, [sex=F]: fairness compares groups, so give"
                        + " an attribute with at least two values");
        // intersected with a second attribute, it is still an attribute that tells no group apart
        assertThatThrownBy(() -> Fairness.of(
                                TABLE, Tables.groups(1), Slicing.byValues("sex", Collections.nCopies(12, "F")))
                        .report())
                .hasMessageStartingWith("The sensitive attribute sex has one group only");
        assertThatThrownBy(() -> Fairness.of("m", "g", GroupCounts.of(Map.of())))
                .hasMessage("The counts of m have 0 group(s), []: fairness compares at least two");
    }

    @Test
    void anAttributeOfAnotherLengthThanTheData() throws Exception {
        assertThatThrownBy(() -> Fairness.of(TABLE, Slicing.byValues("sex", Collections.nCopies(11, "F")))
                        .report())
                .hasMessage("The values of sex are 11, but the evaluation has 12 samples: give one value per sample,"
                        + " in the samples' order");
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "x,sex\n1,F\n2,M\n3,F\n");
        assertThatThrownBy(() -> Fairness.of(TABLE, Slicing.byColumn(csv.toString(), "sex"))
                        .report())
                .hasMessage(csv + " has 3 rows but the evaluation 12 samples: slice by the CSV file the dataset was"
                        + " read from");
        Slicing outOfRange = p -> Map.of("g=a", new int[] {0, 1, 2, 3, 4, 5}, "g=b", new int[] {6, 7, 8, 9, 10, 12});
        assertThatThrownBy(() -> Fairness.of(TABLE, outOfRange).report())
                .hasMessage("The sensitive attribute g puts sample 12 in group g=b, but the evaluation has 12 samples"
                        + " (0 to 11): give one value per sample of the evaluated data");
    }

    @Test
    void emptyMissingAndOverlappingGroups() {
        Slicing empty = p -> Map.of("g=a", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, "g=b", new int[0]);
        assertThatThrownBy(() -> Fairness.of(TABLE, empty).report())
                .hasMessage("Group g=b of the sensitive attribute g has no samples: an empty group has no rates to"
                        + " compare; drop it");
        assertThatThrownBy(() -> Fairness.of(TABLE, Slicing.by("sex", i -> i == 3 ? null : i < 6 ? "F" : "M"))
                        .report())
                .hasMessage("Sample 3 has no value of the sensitive attribute sex (it is in none of [sex=F, sex=M]):"
                        + " give every sample a value, e.g. \"unknown\"");
        Slicing twice = p -> new java.util.TreeMap<>(
                Map.of("g=a", new int[] {0, 1, 2, 3, 4, 5, 6}, "g=b", new int[] {6, 7, 8, 9, 10, 11}));
        assertThatThrownBy(() -> Fairness.of(TABLE, twice).report())
                .hasMessage("Sample 6 is in two groups of the sensitive attribute g, g=a and g=b: an attribute gives"
                        + " each sample one value");
        assertThatThrownBy(() -> Fairness.of(TABLE))
                .hasMessage("Fairness of table needs at least one sensitive attribute, e.g."
                        + " Slicing.byColumn(\"data/people.csv\", \"sex\")");
    }

    @Test
    void anUnknownPositiveClassOrPrivilegedGroup() {
        assertThatThrownBy(() ->
                        Fairness.of(TABLE, Tables.groups(1)).positiveClass(2).report())
                .hasMessage("The positive class 2 is not a class of table: its outputs have 2 classes, 0 to 1");
        assertThatThrownBy(() -> Fairness.of(TABLE, Tables.groups(1)).positiveClass(-1))
                .hasMessage("The positive class is a class index, 0 or more, was -1");
        Evaluation three = Tables.evaluation("three", new int[] {0, 1, 2, 0}, new int[] {0, 1, 2, 1}, 3);
        Slicing ab = Slicing.byValues("g", List.of("a", "a", "b", "b"));
        assertThatThrownBy(() -> Fairness.of(three, ab).report())
                .hasMessage("three has 3 classes: name the positive class with positiveClass(c), or judge every class"
                        + " with oneVsRest()");
        Evaluation one =
                Evaluation.of("sigmoid", "f", "d", new Predictions(new int[] {0, 0}, new double[][] {{0.3}, {0.9}}));
        assertThatThrownBy(() -> Fairness.of(one, Slicing.byValues("g", List.of("a", "b")))
                        .report())
                .hasMessage(
                        "sigmoid has 1 class: fairness needs a score per class (for a sigmoid output p, add a column"
                                + " 1 − p)");
        assertThatThrownBy(() -> Fairness.of(TABLE, Tables.groups(1))
                        .privileged("group=C")
                        .report())
                .hasMessage("The privileged group group=C is not a group of table's samples; the groups are [group=A,"
                        + " group=B]");
    }

    @Test
    void nanScoresAreRejectedBeforeAnyFigure() {
        double[][] scores = {{0.2, 0.8}, {0.5, Double.NaN}};
        assertThatThrownBy(() -> new Predictions(new int[] {1, 0}, scores))
                .hasMessage("predictions: sample 1, class 1 has score NaN; scores must be finite (look for an overflow"
                        + " in the model's output)");
    }

    @Test
    void gatesThatCannotDecide() {
        FairnessGates gates =
                FairnessGates.on(Fairness.of(TABLE, Tables.groups(1)).report());
        assertThatThrownBy(gates::check)
                .hasMessage("No gate to check on the fairness of table: add one with"
                        + " gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.8)), or the check could never fail");
        assertThatThrownBy(() -> gates.gate(FairnessMetric.DISPARATE_IMPACT, g -> {}))
                .hasMessage("The gate on disparate impact sets no limit: give atLeast, atMost or maxWorsening");
        assertThatThrownBy(() -> gates.gate(
                        FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(0.9).atMost(0.8)))
                .hasMessage("The gate on disparate impact asks for at least 0.9 and at most 0.8: no value passes");
        assertThatThrownBy(() -> gates.gate(FairnessMetric.DISPARATE_IMPACT, g -> g.atLeast(Double.NaN)))
                .hasMessage("atLeast must be a finite number, was NaN");
        assertThatThrownBy(() -> Fairness.of(TABLE, Tables.groups(1)).minimumGroupSize(0))
                .hasMessage("minimumGroupSize must be at least 1, was 0");
        assertThatThrownBy(() -> Fairness.of(TABLE, Tables.groups(1)).confidence(1))
                .hasMessage("confidence must lie in (0.5, 1), was 1.0");
        assertThatThrownBy(() -> Fairness.of(TABLE, Tables.groups(1)).resamples(10))
                .hasMessage("resamples must be at least 100 for a percentile interval, was 10");
        FairnessReport r = Fairness.of(TABLE, Tables.groups(1)).report();
        assertThatThrownBy(() -> r.figure(FairnessMetric.SELECTION_RATE, "group=C"))
                .hasMessage("The report of table has no selection rate on group=C; its slices are [group=A, group=B]");
    }
}
