package org.deepjunit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.Pointer;
import org.deepjunit.NeuronCoverage;
import org.deepjunit.model.Model;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deepjunit.testing.DeepXploreModels;
import org.deepjunit.testing.DeepXploreModels.LeNet;
import org.deepjunit.testing.Mnist;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory per recorded invocation: a {@code @NeuronCoverage} test class with one {@code @ParameterizedTest}
 * of N invocations, run through the JUnit Platform Launcher (so DeepJUnit's extension and listener record and
 * report it as in a real run), each invocation one MNIST image through DeepXplore's LeNet-5. Every 1,000
 * invocations it samples VmRSS, the live heap (after a full GC), the committed heap and JavaCPP's tracked
 * off-heap bytes, then prints the RSS growth per invocation after the first 1,000: the least-squares slope and
 * the end-point difference. Both adapters, one after the other in this JVM.
 *
 * <p>Run: {@code mvn -B -q -pl deepjunit test-compile exec:exec@memory-benchmark}; optional
 * {@code -Dbench.args="-Dbench.invocations=10000 -Dbench.models=dl4j,tf"}. Environment variables such as
 * {@code MALLOC_ARENA_MAX=2} pass through to the benchmark JVM.
 */
public final class RecordingMemoryBenchmark {

    private static final int EVERY = 1_000;
    private static final boolean NMT = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .anyMatch(a -> a.startsWith("-XX:NativeMemoryTracking=") && !a.endsWith("=off"));

    static volatile Model subject;
    static volatile int invocations;
    static final List<long[]> SAMPLES = new ArrayList<>();

    private RecordingMemoryBenchmark() {}

    /** What a user writes: recorded tests of a model, one image each. Run only through the launcher below. */
    @NeuronCoverage
    static class Recorded {

        static IntStream images() {
            return IntStream.range(0, invocations);
        }

        @ParameterizedTest
        @MethodSource("images")
        void classifiesOneImage(int i) {
            int image = i % Mnist.SIZE;
            subject.predict(Mnist.images(image, image + 1));
            if ((i + 1) % EVERY == 0) {
                sample(i + 1);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        invocations = Integer.getInteger("bench.invocations", 10_000);
        String models = System.getProperty("bench.models", "dl4j,tf");
        Path dir = Files.createTempDirectory("deepjunit-memory-bench");
        System.out.printf(
                Locale.ROOT,
                "%,d recorded invocations of LeNet-5 (batch 1), samples every %,d; MALLOC_ARENA_MAX=%s%n",
                invocations,
                EVERY,
                System.getenv().getOrDefault("MALLOC_ARENA_MAX", "unset"));
        for (String which : models.split(",")) {
            try (Model model = which.equals("tf")
                    ? DeepXploreModels.tensorflow(LeNet.LENET5, dir.resolve("lenet5-tf"))
                    : DeepXploreModels.dl4j(LeNet.LENET5)) {
                measure(model, dir.resolve("report-" + which));
            }
        }
    }

    private static void measure(Model model, Path report) {
        subject = model;
        SAMPLES.clear();
        System.out.printf(Locale.ROOT, "%n%s%n", model.name());
        System.out.printf(
                Locale.ROOT,
                "%11s %9s %15s %14s %15s %13s %8s %s%n",
                "invocations",
                "RSS MiB",
                "RSS-heap MiB",
                "live heap MiB",
                "heap commit MiB",
                "off-heap MiB",
                "seconds",
                NMT ? " RSS-NMT MiB" : "");
        sample(0);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(Recorded.class))
                                .configurationParameter("deepjunit.report.dir", report.toString())
                                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                                .build(),
                        summary);
        if (summary.getSummary().getTotalFailureCount() > 0
                || summary.getSummary().getTestsSucceededCount() != invocations) {
            summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.out), 5);
            throw new IllegalStateException("the recorded test class did not pass");
        }
        printGrowth();
    }

    /**
     * Samples and prints {invocations, RSS, live heap, committed heap, tracked off-heap bytes, nanoTime, RSS -
     * committed heap}.
     */
    static void sample(int done) {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long rss = rssBytes();
        long[] s = {
            done,
            rss,
            heap.getUsed(),
            heap.getCommitted(),
            offHeap(),
            System.nanoTime(),
            rss - heap.getCommitted(),
            nmtCommitted()
        };
        SAMPLES.add(s);
        System.out.printf(
                Locale.ROOT,
                "%,11d %9.1f %15.1f %14.1f %15.1f %13.1f %8.1f %s%n",
                s[0],
                mib(s[1]),
                mib(s[6]),
                mib(s[2]),
                mib(s[3]),
                mib(s[4]),
                (s[5] - SAMPLES.get(0)[5]) / 1e9,
                s[7] < 0 ? "" : String.format(Locale.ROOT, "%13.1f", mib(s[1] - s[7])));
        System.out.flush();
    }

    /** JavaCPP's tracked bytes, plus ND4J's own count when the subject is a DL4J model (ND4J not loaded otherwise). */
    private static long offHeap() {
        return subject instanceof Dl4jModel ? Nd4j.getMemoryManager().allocatedMemory(0) : Pointer.totalBytes();
    }

    /**
     * With {@code -XX:NativeMemoryTracking=summary}: what the JVM itself has committed (heap, metaspace, code, GC,
     * threads...), so RSS minus it is what native libraries (ND4J, OpenBLAS, TensorFlow) hold; -1 without NMT.
     */
    private static long nmtCommitted() {
        if (!NMT) {
            return -1;
        }
        try {
            String summary = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "vmNativeMemory",
                            new Object[] {new String[] {"summary", "scale=KB"}},
                            new String[] {String[].class.getName()});
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB")
                    .matcher(summary);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (javax.management.JMException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printGrowth() {
        List<long[]> tail = SAMPLES.stream().filter(s -> s[0] >= EVERY).toList();
        if (tail.size() < 2) {
            return;
        }
        long[] first = tail.get(0);
        long[] last = tail.get(tail.size() - 1);
        System.out.printf(
                Locale.ROOT,
                "RSS growth after the first %,d invocations: %.2f KB/invocation (least squares), %.2f KB/invocation "
                        + "(end points); RSS - committed heap %.2f KB/invocation, live heap %.2f KB/invocation "
                        + "(least squares)%s%n",
                EVERY,
                slope(tail, 1) / 1024,
                (last[1] - first[1]) / 1024.0 / (last[0] - first[0]),
                slope(tail, 6) / 1024,
                slope(tail, 2) / 1024,
                NMT ? String.format(Locale.ROOT, "; RSS - NMT %.2f KB/invocation", nmtSlope(tail) / 1024) : "");
        // A leak keeps its rate; heap growth and allocator warm-up level off: the second half tells them apart.
        long half = last[0] / 2;
        List<long[]> secondHalf = tail.stream().filter(s -> s[0] >= half).toList();
        if (secondHalf.size() >= 2) {
            System.out.printf(
                    Locale.ROOT,
                    "second half (%,d to %,d invocations): RSS %.2f KB/invocation, live heap %.2f KB/invocation "
                            + "(least squares)%n",
                    secondHalf.get(0)[0],
                    last[0],
                    slope(secondHalf, 1) / 1024,
                    slope(secondHalf, 2) / 1024);
        }
    }

    private static double nmtSlope(List<long[]> samples) {
        return slope(samples.stream().map(s -> new long[] {s[0], s[1] - s[7]}).toList(), 1);
    }

    /** Least-squares bytes per invocation of column {@code column} against column 0. */
    private static double slope(List<long[]> samples, int column) {
        double mx = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double my = samples.stream().mapToDouble(s -> s[column]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (long[] s : samples) {
            sxy += (s[0] - mx) * (s[column] - my);
            sxx += (s[0] - mx) * (s[0] - mx);
        }
        return sxy / sxx;
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
