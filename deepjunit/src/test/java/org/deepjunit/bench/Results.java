package org.deepjunit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows the benchmarks of a run measured: each printed as it is measured, all kept for {@link AllBenchmarks}'
 * single table. A ratio is always between two rows measured side by side in the same run.
 */
final class Results {

    /** One measured row; {@code ratio} is NaN without a base. */
    record Row(String benchmark, String measure, double median, double p90, double ratio, String base) {}

    private static final List<Row> ROWS = new ArrayList<>();

    private Results() {}

    /** A row without a ratio. */
    static void row(String benchmark, String measure, double[] sorted) {
        add(new Row(benchmark, measure, Timer.median(sorted), Timer.p90(sorted), Double.NaN, ""));
    }

    /** A row with its ratio to {@code base} (medians), measured in the same run. */
    static void row(String benchmark, String measure, double[] sorted, String baseMeasure, double[] base) {
        add(new Row(
                benchmark,
                measure,
                Timer.median(sorted),
                Timer.p90(sorted),
                Timer.median(sorted) / Timer.median(base),
                baseMeasure));
    }

    /**
     * A row whose ratio to {@code base} is the median of each iteration's ratio ({@code ms} and {@code base} unsorted,
     * from {@link Timer#inTurn}), with the 95% confidence interval of that median: how sharply this run resolves the
     * ratio, when a target such as 1.10× lies within the machine's noise.
     */
    static void pairedRow(String benchmark, String measure, double[] ms, String baseMeasure, double[] base) {
        double[] sorted = Timer.sorted(ms);
        double[] m = medianInterval(Timer.ratios(ms, base));
        add(new Row(
                benchmark,
                measure,
                Timer.median(sorted),
                Timer.p90(sorted),
                m[1],
                String.format(Locale.ROOT, "%s, paired (95%% CI %.2f–%.2f)", baseMeasure, m[0], m[2])));
    }

    /**
     * The lower end, the median and the upper end of the distribution-free 95% confidence interval of the median of
     * {@code values}: the order statistics at ranks {@code j} and {@code n + 1 − j} (1-based), {@code j} the largest
     * rank with {@code P(B ≤ j − 1) ≤ 0.025} for {@code B ~ Binomial(n, 1/2)}; below 6 values, the whole range.
     */
    static double[] medianInterval(double[] values) {
        double[] r = values.clone();
        java.util.Arrays.sort(r);
        int n = r.length;
        int j = 1;
        double logHalfToN = n * Math.log(0.5);
        double logChoose = 0; // log C(n, i)
        double cdf = 0; // P(B <= i)
        for (int i = 0; i < n; i++) {
            logChoose += i == 0 ? 0 : Math.log(n - i + 1) - Math.log(i);
            cdf += Math.exp(logChoose + logHalfToN);
            if (cdf > 0.025) {
                break;
            }
            j = i + 1;
        }
        return new double[] {r[j - 1], Timer.median(r), r[n - j]};
    }

    private static void add(Row row) {
        synchronized (ROWS) {
            ROWS.add(row);
        }
        System.out.printf(
                Locale.ROOT,
                "%-52s median %9.2f ms   p90 %9.2f ms%s%n",
                row.measure(),
                row.median(),
                row.p90(),
                Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "   %.2fx %s", row.ratio(), row.base()));
    }

    static List<Row> rows() {
        synchronized (ROWS) {
            return List.copyOf(ROWS);
        }
    }

    /** The rows as a Markdown table. */
    static String markdown(List<Row> rows) {
        StringBuilder s =
                new StringBuilder("| benchmark | measure | median ms | p90 ms | ratio |\n|---|---|---:|---:|---|\n");
        for (Row r : rows) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %.2f | %s |%n",
                    r.benchmark(),
                    r.measure(),
                    r.median(),
                    r.p90(),
                    Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f× %s", r.ratio(), r.base())));
        }
        return s.toString();
    }

    /**
     * ND4J's natives and thread counts, which change DL4J's figures severalfold: on two cores DeepXplore ran twice as
     * fast with {@code OMP_NUM_THREADS=1} (README, "Threads: ND4J on a few cores"). Loads ND4J's backend.
     */
    static String nd4j() {
        org.nd4j.linalg.factory.Nd4j.create(1);
        boolean onednn = org.nd4j.nativeblas.NativeOpsHolder.getInstance()
                .getDeviceNativeOps()
                .buildInfo()
                .contains("HAVE_ONEDNN");
        String omp = System.getenv("OMP_NUM_THREADS");
        return String.format(
                Locale.ROOT,
                "ND4J natives %s, threads: %d, BLAS threads: %d (OMP_NUM_THREADS%s)",
                onednn ? "with oneDNN" : "without oneDNN",
                org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads(),
                org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads(),
                omp == null ? " unset" : "=" + omp);
    }

    /** The machine's load average (1, 5 and 15 minutes), from {@code /proc/loadavg}; "unknown" elsewhere. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
