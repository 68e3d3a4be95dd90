package org.deepjunit.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A line every ten seconds of a clock the test moves, with the estimate at the pace so far; silent in between. */
class ProgressTest {

    private long now;

    @Test
    void oneLineEveryTenSecondsWithTheEstimateAtThePaceSoFar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), "PGD on lenet5", 1000, "inputs", () -> now);
        now = seconds(9);
        progress.done(90);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        now = seconds(10);
        progress.done(100); // 10 s for 100 of 1,000: 90 s left at this pace
        now = seconds(15);
        progress.done(150);
        now = seconds(20);
        progress.done(400); // 20 s for 400: 30 s left
        now = seconds(30);
        progress.done(1000);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "[deepjunit] PGD on lenet5: 100/1,000 inputs (10%), 10 s, about 90 s left",
                        "[deepjunit] PGD on lenet5: 400/1,000 inputs (40%), 20 s, about 30 s left",
                        "[deepjunit] PGD on lenet5: 1,000/1,000 inputs (100%), 30 s");
    }

    @Test
    void withoutAStreamItIsSilent() {
        Progress progress = new Progress(null, "x", 10, "inputs", () -> now);
        now = seconds(60);
        progress.done(5); // no NullPointerException, nothing printed
    }

    private static long seconds(long s) {
        return s * 1_000_000_000L;
    }
}
