package org.deepjunit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepjunit.data.AtomicFiles;

/**
 * Every timing benchmark, one after another in one JVM, then one table of their rows (median, p90, ratio) with the
 * machine's load average before and after, so that figures from different days can be judged; the table is also
 * written to {@code target/benchmarks.md}. {@code -Dbench.only=model,coverage} runs some of them. The memory
 * benchmark, which measures resident memory rather than time, runs on its own.
 *
 * <pre>mvn -B -q -pl deepjunit test-compile exec:exec@benchmarks</pre>
 */
public final class AllBenchmarks {

    private AllBenchmarks() {}

    /** A benchmark's name and its main. */
    private record Benchmark(String name, Main main) {}

    @FunctionalInterface
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private static final List<Benchmark> ALL = List.of(
            new Benchmark("model", ModelLayerBenchmark::main),
            new Benchmark("inference", MnistInferenceBenchmark::main),
            new Benchmark("keras", KerasSavedModelBenchmark::main),
            new Benchmark("coverage", CoverageBenchmark::main),
            new Benchmark("wide-layer", WideLayerRoutesBenchmark::main),
            new Benchmark("generation", GenerationBenchmark::main),
            new Benchmark("pipeline", PipelineBenchmark::main),
            new Benchmark("quality", QualityBenchmark::main),
            new Benchmark("explain", ExplainBenchmark::main),
            new Benchmark("robustness", RobustnessBenchmark::main));

    public static void main(String[] args) throws Exception {
        String only = System.getProperty("bench.only", "");
        String before = Results.loadAverage();
        Instant start = Instant.now();
        List<String> failed = new ArrayList<>();
        for (Benchmark b : ALL) {
            if (!only.isBlank() && !List.of(only.split(",")).contains(b.name())) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%n=== %s (load average %s)%n", b.name(), Results.loadAverage());
            try {
                b.main().run(args);
            } catch (Exception | Error e) {
                failed.add(b.name() + ": " + e);
                e.printStackTrace();
            }
        }
        String header = String.format(
                Locale.ROOT,
                "Benchmarks of %s: %d CPU cores, %s %s; load average (1, 5, 15 min) %s at the start, %s at the end;"
                        + " %d s%n%n",
                start,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                before,
                Results.loadAverage(),
                java.time.Duration.between(start, Instant.now()).toSeconds());
        String table = header
                + Results.markdown(Results.rows())
                + (failed.isEmpty() ? "" : "\nFailed: " + String.join("; ", failed) + "\n");
        System.out.println();
        System.out.print(table);
        Path out = Path.of("target", "benchmarks.md");
        Files.createDirectories(out.getParent());
        AtomicFiles.writeString(out, table);
        if (!failed.isEmpty()) {
            System.exit(1);
        }
    }
}
