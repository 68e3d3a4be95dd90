package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.config.Key;
import org.deepjunit.config.ValueType;

/**
 * The {@code deepjunit.generation.*} configuration parameters. An annotation attribute that is set wins, except
 * for the budgets {@link #COUNT} and {@link #MAX_TIME}, which win over the annotation so that CI can shorten runs.
 */
@API(status = STABLE, since = "0.1")
public final class GenerationKeys {

    public static final Key<Long> SEED = Key.optional(
            "deepjunit.generation.seed",
            ValueType.anyLong(),
            "random, printed",
            "the run seed: the same seed gives the same inputs");
    public static final Key<Replay> REPLAY = Key.optional(
            "deepjunit.generation.replay",
            ValueType.of(Replay.SYNTAX, Replay::parse, r -> true),
            "none",
            "run one invocation index again, or every invocation of one seed (seed:N)");
    public static final Key<Integer> COUNT = Key.optional(
            "deepjunit.generation.count",
            ValueType.integerAtLeast(1),
            "no limit",
            "most invocations per test; overrides the annotation");
    public static final Key<Duration> MAX_TIME = Key.optional(
            "deepjunit.generation.maxTime",
            ValueType.duration(),
            "no limit",
            "time budget for generating, checked before every DeepXplore step and between batches; overrides the"
                    + " annotation");
    public static final Key<Integer> SEEDS = Key.of(
            "deepjunit.generation.seeds",
            ValueType.integerAtLeast(1),
            100,
            "100",
            "how many seeds to draw from the seed source");
    public static final Key<Integer> BATCH = Key.of(
            "deepjunit.generation.batch",
            ValueType.integerAtLeast(1),
            32,
            "32",
            "seeds searched together; part of what fixes invocation [n]");

    public static final Key<Double> DEEPXPLORE_LAMBDA1 = Key.of(
            "deepjunit.generation.deepxplore.lambda1",
            ValueType.number(0, true, 1000, true),
            1.0,
            "1",
            "weight of pushing one model away from the others");
    public static final Key<Double> DEEPXPLORE_LAMBDA2 = Key.of(
            "deepjunit.generation.deepxplore.lambda2",
            ValueType.number(0, true, 1000, true),
            0.1,
            "0.1",
            "weight of the uncovered target neurons");
    public static final Key<Double> DEEPXPLORE_STEP = Key.of(
            "deepjunit.generation.deepxplore.step",
            ValueType.number(0, false, 1000, true),
            10.0,
            "10",
            "gradient step s");
    public static final Key<Double> DEEPXPLORE_THRESHOLD = Key.of(
            "deepjunit.generation.deepxplore.threshold",
            ValueType.number(0, true, 1, false),
            0.0,
            "0",
            "coverage threshold t of the target neurons");
    public static final Key<Integer> DEEPXPLORE_ITERATIONS = Key.of(
            "deepjunit.generation.deepxplore.iterations",
            ValueType.integerAtLeast(1),
            50,
            "50",
            "gradient steps per seed");

    public static final Key<Integer> FUZZING_ITERATIONS =
            Key.of("deepjunit.generation.fuzzing.iterations", ValueType.integerAtLeast(1), 20, "20", "fuzzing rounds");
    public static final Key<Double> FUZZING_THRESHOLD = Key.of(
            "deepjunit.generation.fuzzing.threshold",
            ValueType.number(0, true, 1, false),
            0.0,
            "0",
            "NC threshold of the coverage a mutant must raise");
    public static final Key<Double> FUZZING_ALPHA = Key.of(
            "deepjunit.generation.fuzzing.alpha",
            ValueType.number(0, false, 1, true),
            0.02,
            "0.02",
            "DeepHunter's alpha: share of elements that may change freely");
    public static final Key<Double> FUZZING_BETA = Key.of(
            "deepjunit.generation.fuzzing.beta",
            ValueType.number(0, false, 1, true),
            0.2,
            "0.2",
            "DeepHunter's beta: largest change, as a share of the range, when more elements change");

    private GenerationKeys() {}

    /** Every generation key. */
    public static List<Key<?>> all() {
        return List.of(
                SEED,
                REPLAY,
                COUNT,
                MAX_TIME,
                SEEDS,
                BATCH,
                DEEPXPLORE_LAMBDA1,
                DEEPXPLORE_LAMBDA2,
                DEEPXPLORE_STEP,
                DEEPXPLORE_THRESHOLD,
                DEEPXPLORE_ITERATIONS,
                FUZZING_ITERATIONS,
                FUZZING_THRESHOLD,
                FUZZING_ALPHA,
                FUZZING_BETA);
    }
}
