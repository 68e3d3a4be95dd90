package org.deepjunit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Renders a large report (default 5 models x 20 layers x 500 neurons = 50,000 neurons) a few times and prints the
 * median wall time and the size of what was written. A main, not a test: timings depend on the machine.
 *
 * <p>Arguments (all optional): models layers neurons warmups runs outputDir
 */
public final class ReportBenchmark {

    private ReportBenchmark() {}

    public static void main(String[] args) throws IOException {
        int models = arg(args, 0, 5);
        int layers = arg(args, 1, 20);
        int neurons = arg(args, 2, 500);
        int warmups = arg(args, 3, 2);
        int runs = arg(args, 4, 5);
        Path out = args.length > 5 ? Path.of(args[5]) : Files.createTempDirectory("deepjunit-report-bench");

        NeuronCoverageReport report = ReportFixtures.large(models, layers, neurons);
        Path dir = out.resolve("deepjunit");
        System.out.printf(
                Locale.ROOT,
                "report: %d models x %d layers x %d neurons = %d neurons%n",
                models,
                layers,
                neurons,
                report.neuronCount());
        for (int i = 0; i < warmups; i++) {
            long t = System.nanoTime();
            CoverageReportWriter.write(report, dir);
            System.out.printf(Locale.ROOT, "warm-up %d: %.2f s%n", i + 1, (System.nanoTime() - t) / 1e9);
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            CoverageReportWriter.write(report, dir);
            seconds[i] = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: %.2f s%n", i + 1, seconds[i]);
        }
        Arrays.sort(seconds);
        double median = runs % 2 == 1 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;

        long html = 0;
        long htmlFiles = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (p.getFileName().toString().endsWith(".html")) {
                    html += Files.size(p);
                    htmlFiles++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "median of %d runs (HTML + XML + CSV + criteria, atomic swap): %.2f s " + "(min %.2f, max %.2f)%n",
                runs,
                median,
                seconds[0],
                seconds[runs - 1]);
        System.out.printf(
                Locale.ROOT,
                "HTML: %d files, %.1f MiB; XML %.1f MiB; CSV %.1f KiB%n",
                htmlFiles,
                html / 1048576.0,
                Files.size(dir.resolve(CoverageReportWriter.XML_FILE)) / 1048576.0,
                Files.size(dir.resolve(CoverageReportWriter.CSV_FILE)) / 1024.0);
        System.out.println("report at " + dir.resolve(CoverageReportWriter.HTML_INDEX));
        System.out.printf(
                Locale.ROOT,
                "java %s, %d cores, max heap %d MiB%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576);
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
