package org.deepjunit.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepjunit.data.Npy;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approve/received flow of attribution maps, and drift measured by rank correlation. */
class ApprovedAttributionsTest {

    private static Attribution map(long seed) {
        return Attribution.of(
                "ig",
                "lenet",
                7,
                Score.LOG_PROBABILITY,
                ExplainNets.uniform(seed, -1, 1, 1, 4, 4, 1).reshape(4, 4, 1));
    }

    /** {@code a} with its two largest elements swapped: nearly the same ranking. */
    private static Attribution nudged(Attribution a) {
        double[] v = a.values().toDoubleArray();
        double[] w = v.clone();
        w[0] = v[1];
        w[1] = v[0];
        return Attribution.of("ig", "lenet", 7, Score.LOG_PROBABILITY, Tensor.of(w, 4, 4, 1));
    }

    @Test
    void withoutAnApprovedMapItWritesTheReceivedOneAndFails(@TempDir Path dir) {
        ApprovedAttributions approved = ApprovedAttributions.in(dir, false).prefixed("com.acme.T.m.");
        assertThatThrownBy(() -> approved.assertMatches("digit", map(1), 0.9))
                .isInstanceOf(AssertionError.class)
                .hasMessage(
                        "No approved attribution map " + dir.resolve("com.acme.T.m.digit.attribution.approved.npy")
                                + " for ig of lenet, log-probability of class 7: received "
                                + dir.resolve("com.acme.T.m.digit.attribution.received.npy")
                                + " (heat map beside it); look at"
                                + " it, then rename both files to .approved, or run once with -Ddeepjunit.explain.approve=true");
        Path received = dir.resolve("com.acme.T.m.digit.attribution.received.npy");
        assertThat(Npy.readTensor(received.toString()).shape()).isEqualTo(Shape.of(4, 4, 1));
        assertThat(dir.resolve("com.acme.T.m.digit.attribution.received.png")).isRegularFile();
    }

    @Test
    void approvingWritesTheApprovedMapAndLaterRunsCompareWithIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(
                        () -> ApprovedAttributions.in(dir, false).prefixed("T.").assertMatches("digit", map(2), 0.9))
                .isInstanceOf(AssertionError.class);
        assertThat(dir.resolve("T.digit.attribution.received.npy")).isRegularFile();
        ApprovedAttributions.in(dir, true).prefixed("T.").assertMatches("digit", map(2), 0.9);
        assertThat(dir.resolve("T.digit.attribution.approved.npy")).isRegularFile();
        assertThat(dir.resolve("T.digit.attribution.approved.png")).isRegularFile();
        assertThat(dir.resolve("T.digit.attribution.received.npy")).doesNotExist();
        assertThat(dir.resolve("T.digit.attribution.received.png")).doesNotExist();

        ApprovedAttributions check = ApprovedAttributions.in(dir, false).prefixed("T.");
        check.assertMatches("digit", map(2), 0.99);
        check.assertMatches("digit", nudged(map(2)), 0.9);
        assertThat(dir.resolve("T.digit.attribution.received.npy")).doesNotExist();

        assertThatThrownBy(() -> check.assertMatches("digit", map(3), 0.9))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The attribution map drifted from the approved one: Spearman rank correlation ")
                .hasMessageContaining("expected at least 0.9000 (ig of lenet, log-probability of class 7). Received "
                        + dir.resolve("T.digit.attribution.received.npy"));
        assertThat(dir.resolve("T.digit.attribution.received.npy")).isRegularFile();
        check.assertMatches("digit", map(2), 0.9);
        assertThat(dir.resolve("T.digit.attribution.received.npy"))
                .as("removed once it passes")
                .doesNotExist();
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")))
                .isEmpty();
    }

    @Test
    void aMapOfAnotherShapeOrAnUnreadableOneIsNamed(@TempDir Path dir) throws Exception {
        ApprovedAttributions.in(dir, true).assertMatches("m", map(4), 0.5);
        Attribution bigger = Attribution.of(
                "ig",
                "lenet",
                7,
                Score.LOGIT,
                ExplainNets.uniform(5, 0, 1, 1, 5, 5, 1).reshape(5, 5, 1));
        assertThatThrownBy(() -> ApprovedAttributions.in(dir, false).assertMatches("m", bigger, 0.5))
                .hasMessageContaining("has shape [4, 4, 1], but ig of lenet, logit of class 7 has shape [5, 5, 1]");
        Files.writeString(dir.resolve("m.attribution.approved.npy"), "not numpy");
        assertThatThrownBy(() -> ApprovedAttributions.in(dir, false).assertMatches("m", map(4), 0.5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "Cannot read the approved attribution map " + dir.resolve("m.attribution.approved.npy"));
        assertThatThrownBy(() -> ApprovedAttributions.in(dir, false).assertMatches("a/b", map(4), 0.5))
                .hasMessageContaining("got 'a/b'");
        assertThatThrownBy(() -> ApprovedAttributions.in(dir, false).assertMatches("m", map(4), 1.5))
                .hasMessage("A minimum rank correlation lies in [-1, 1], got 1.5");
    }
}
