package org.deepjunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepjunit.coverage.TinyModel;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.report.CoverageReportWriter;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlImage;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A {@code @ModelQuality} class run twice into a temporary SQLite history, then the end of the run's pages rendered
 * for the history it wrote: the model's trend has both runs, and the latest run's figures are its.
 */
@Execution(ExecutionMode.SAME_THREAD) // one at a time: the runs of Tiny count themselves
class QualityPagesRunTest {

    @TempDir
    Path dir;

    /**
     * Eight points the tiny network answers 0, 1, 0, 1…; run n labels its first n − 1 wrong. Accuracy is gated on
     * the whole set and each class, judged from 4 samples on.
     */
    @ModelQuality
    static class Tiny {
        static final AtomicInteger RUNS = new AtomicInteger();

        @Test
        void keepsItsAccuracy(Quality quality) {
            int wrong = RUNS.incrementAndGet() - 1;
            Model tiny = new TinyModel("tiny");
            Tensor x = TinyModel.inputs(1, 0, 0, 2, 2, 0, 0, 3, 3, 0, 0, 1, 1, 1, 0, 4);
            int[] labels = tiny.predict(x).argMax();
            for (int i = 0; i < wrong; i++) {
                labels[i] = 1 - labels[i];
            }
            Evaluation e = quality.evaluate(tiny, new Dataset("points", Shape.of(2), x.toFloatArray(), labels))
                    .slicedBy(Slicing.byClass());
            quality.gates(e)
                    .minimumSamples(4)
                    .gate(Metrics.ACCURACY, g -> g.atLeast(0.5).perSlice())
                    .check();
        }
    }

    private void run(String historyUrl) {
        Map<String, String> params = new HashMap<>();
        params.put("junit.jupiter.execution.parallel.enabled", "false");
        params.put("deepjunit.report.dir", dir.resolve("report").toString());
        params.put("deepjunit.quality.approved.dir", dir.resolve("approved").toString());
        params.put("deepjunit.quality.history.url", historyUrl);
        params.put("deepjunit.quality.history.project", "pages-test");
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(params)
                .selectors(selectClass(Tiny.class))
                .execute()
                .testEvents();
        assertThat(tests.failed().stream()
                        .map(e -> e.getRequiredPayload(TestExecutionResult.class)
                                .getThrowable()
                                .orElseThrow()
                                .getMessage()))
                .isEmpty();
        tests.assertStatistics(s -> s.succeeded(1));
    }

    private QualityHistory.Written written() {
        Path report = dir.resolve("report").toAbsolutePath().normalize();
        List<QualityHistory.Written> mine = QualityHistory.written().stream()
                .filter(w -> w.reportDir().equals(report))
                .toList();
        assertThat(mine).hasSizeLessThanOrEqualTo(1);
        return mine.isEmpty() ? null : mine.get(0);
    }

    @Test
    void twoRunsMakeTwoPointsOfTheTrend() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("history.db");
        Tiny.RUNS.set(0);
        run(url);
        run(url);
        QualityHistory.Written written = written();
        assertThat(written.url()).isEqualTo(url);
        assertThat(written.project()).isEqualTo("pages-test");
        assertThat(written.file()).isEqualTo(dir.resolve("history.db"));

        assertThat(HistoryPages.render(written))
                .hasValueSatisfying(line -> assertThat(line)
                        .isEqualTo("DeepJUnit quality of pages-test: pages "
                                + dir.resolve("report/quality/index.html").toAbsolutePath()));
        Path pages = dir.resolve("report").resolve(CoverageReportWriter.QUALITY);
        try (WebClient client = new WebClient(BrowserVersion.BEST_SUPPORTED)) {
            client.getOptions().setJavaScriptEnabled(false);
            HtmlPage page = client.getPage(pages.resolve("tiny.html").toUri().toURL());
            List<DomNode> points = page.getByXPath("(//table[@class='points'])[1]/tbody/tr");
            assertThat(points)
                    .extracting(r -> r.getTextContent().replaceAll("\\s+", " "))
                    .hasSize(2)
                    .allMatch(r -> r.contains(Tiny.class.getName() + ".keepsItsAccuracy"));
            assertThat(points).extracting(r -> lastCell(r)).containsExactly("1.0000", "0.8750");
            HtmlImage chart = page.getFirstByXPath("//img[@class='trend']");
            assertThat(chart.getWidth()).isEqualTo(720);
            // the latest run's slices, each with its own n: labelled 1, 1, 0, 1, 0, 1, 0, 1
            List<DomNode> n = page.getByXPath("//table[@class='slices']//tr[@class='n']/td");
            assertThat(n).extracting(DomNode::getTextContent).containsExactly("8", "3", "5");
            List<DomNode> accuracy = page.getByXPath("//table[@class='slices']/tbody/tr[1]/td");
            assertThat(accuracy).extracting(DomNode::getTextContent).containsExactly("0.8750", "1.0000", "0.8000");
            List<DomNode> gates = page.getByXPath("//table[@class='gates']/tbody/tr");
            assertThat(gates)
                    .extracting(QualityPagesRunTest::cells)
                    .containsExactly(
                            "inconclusive accuracy class=0 value 1.0000 - 3",
                            "passed accuracy all value 0.8750 - 8",
                            "passed accuracy class=1 value 0.8000 - 5");
        }
    }

    @Test
    void aHistoryThatIsGoneByTheEndIsNotRendered() throws Exception {
        run("jdbc:sqlite:" + dir.resolve("history.db"));
        Files.delete(dir.resolve("history.db"));
        assertThat(HistoryPages.render(written())).isEmpty();
        assertThat(dir.resolve("history.db")).doesNotExist(); // not created again, empty
        assertThat(dir.resolve("report/quality")).doesNotExist();
    }

    @Test
    void noHistoryNoPages() {
        run("none");
        assertThat(written()).isNull();
    }

    private static String cells(DomNode row) {
        List<DomNode> cells = row.getByXPath("./td");
        return String.join(" ", cells.stream().map(DomNode::getTextContent).toList());
    }

    private static String lastCell(DomNode row) {
        List<DomNode> cells = row.getByXPath("./td");
        return cells.get(cells.size() - 1).getTextContent();
    }
}
