package org.deepjunit.report.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.report.ReportWriteException;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a demanding user's history holds: awkward model names, several tests per model, thousands of runs. */
class QualityPagesEdgeCaseTest {

    @TempDir
    Path temp;

    private static RunRecord run(String test, String model, int minute, FigureRecord... figures) {
        return new RunRecord(
                QualityRuns.T0.plus(Duration.ofMinutes(minute)),
                QualityRuns.PROJECT,
                test,
                model,
                "",
                "",
                null,
                List.of(figures));
    }

    private static FigureRecord accuracy(double value) {
        return FigureRecord.of("metric", "accuracy", "all", value, 10);
    }

    @Test
    void awkwardModelNamesGetSafeDistinctPagesAndStayEscaped() throws Exception {
        List<String> names =
                List.of("quality", "index", "Index", "team/lenet:v2", "my model", "<b>x</b> & 'y' \"z\"", "..");
        Path db = temp.resolve("h.db");
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            runs.add(run("T<1>", names.get(i), i, accuracy(0.5 + i / 100.0)));
        }
        QualityRuns.record(db, runs.toArray(RunRecord[]::new));
        Path dir = temp.resolve("quality");
        QualityRuns.render(db, dir);

        HtmlPage index = Browser.open(Browser.client(), dir.resolve("index.html"));
        assertThat(index.getTitleText()).isEqualTo("Model quality of digits");
        List<DomNode> links = Browser.all(index, "table.models a");
        assertThat(links).extracting(DomNode::getTextContent).containsExactlyInAnyOrderElementsOf(names);
        List<String> files = links.stream()
                .map(a -> a.getAttributes().getNamedItem("href").getNodeValue())
                .toList();
        assertThat(files).allMatch(f -> f.matches("[A-Za-z0-9_][A-Za-z0-9._-]*\\.html"));
        assertThat(files.stream().map(f -> f.toLowerCase(java.util.Locale.ROOT)))
                .doesNotHaveDuplicates()
                .doesNotContain("index.html");
        assertThat(files).contains("quality.html"); // a safe name keeps itself, even the folder's
        for (DomNode link : links) {
            String file = link.getAttributes().getNamedItem("href").getNodeValue();
            HtmlPage page = Browser.open(Browser.client(), dir.resolve(file));
            assertThat(page.getTitleText()).isEqualTo(link.getTextContent());
            assertThat(Browser.one(page, "img.trend")).isNotNull();
        }
        String source = Files.readString(dir.resolve("index.html"));
        assertThat(source).doesNotContain("<b>x</b>").contains("&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39; &quot;z&quot;");
        assertThat(Files.readString(dir.resolve("quality.html"))).contains("<code>T&lt;1&gt;</code>");
    }

    @Test
    void severalTestsOfOneModelShareItsPageEachWithItsLatestRun() throws Exception {
        Path db = temp.resolve("h.db");
        QualityRuns.record(
                db,
                run("com.acme.A.accuracy", "lenet5", 0, accuracy(0.90)),
                run("com.acme.B.accuracy", "lenet5", 1, accuracy(0.80)),
                run("com.acme.Coverage", "lenet5", 2, FigureRecord.of("coverage", "NC(t=0.25)", "all", 0.62, 52)),
                run("com.acme.A.accuracy", "lenet5", 3, accuracy(0.91)));
        Path dir = temp.resolve("quality");
        QualityRuns.render(db, dir);

        HtmlPage page = Browser.open(Browser.client(), dir.resolve("lenet5.html"));
        // accuracy: runs 1, 2 and 4 by A and B; the coverage-only run is no point of it
        assertThat(Browser.rows(page, "table.points", 0))
                .extracting(row -> row.get(0) + " " + row.get(2) + " " + row.get(6))
                .containsExactly(
                        "1 com.acme.A.accuracy 0.9000", "2 com.acme.B.accuracy 0.8000", "4 com.acme.A.accuracy 0.9100");
        assertThat(Browser.rows(page, "table.points", 1))
                .extracting(row -> row.get(0) + " " + row.get(2) + " " + row.get(6))
                .containsExactly("3 com.acme.Coverage 0.6200");
        assertThat(Browser.all(page, "div.latest h3"))
                .extracting(DomNode::getTextContent)
                .containsExactly("com.acme.A.accuracy", "com.acme.Coverage", "com.acme.B.accuracy");
        assertThat(page.asNormalizedText()).doesNotContain("no finite value");
    }

    @Test
    void thousandsOfRunsAreAllChartedAndTheLast50Listed() throws Exception {
        Path db = temp.resolve("h.db");
        int count = 2_000;
        try (HistoryStore history = HistoryStore.openSqlite(db)) {
            for (int i = 0; i < count; i++) {
                // every 7th run recorded no accuracy (a metric that came out NaN is not kept)
                FigureRecord figure = i % 7 == 3
                        ? FigureRecord.of("metric", "recall(1)", "all", 0.5, 10)
                        : accuracy(0.8 + 0.1 * Math.sin(i / 50.0));
                history.record(run("com.acme.T", "lenet5", i, figure));
            }
        }
        Path dir = temp.resolve("quality");
        long start = System.nanoTime();
        QualityRuns.render(db, dir);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));

        HtmlPage page = Browser.open(Browser.client(), dir.resolve("lenet5.html"));
        List<List<String>> rows = Browser.rows(page, "table.points", 0);
        assertThat(rows).hasSize(ModelPage.POINTS_SHOWN);
        assertThat(rows.get(0).get(0)).isEqualTo("1951");
        assertThat(rows.get(49).get(0)).isEqualTo("2000");
        assertThat(rows).filteredOn(row -> row.get(6).equals("-")).hasSize(7); // runs 1956, 1963, … 1998
        assertThat(page.asNormalizedText())
                .contains("The table shows the last 50 of 2000 runs; the chart shows all.")
                .contains("286 of 2000 runs have no finite value of accuracy");
        BufferedImage chart = ImageIO.read(dir.resolve("lenet5/accuracy.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(TrendChart.WIDTH);
    }

    @Test
    void aProjectWithoutRunsGetsAnIndexSayingSo() throws Exception {
        Path db = temp.resolve("h.db");
        QualityRuns.record(db);
        Path index = QualityRuns.render(db, temp.resolve("quality"));
        assertThat(Files.readString(index)).contains("No runs are recorded for this project.");
    }

    @Test
    void aFolderThatCannotBeWrittenIsAnErrorNamingIt() throws Exception {
        Path db = temp.resolve("h.db");
        QualityRuns.record(db, QualityRuns.first());
        Path file = Files.writeString(temp.resolve("quality"), "a file");
        assertThatThrownBy(() -> QualityRuns.render(db, file))
                .isInstanceOf(ReportWriteException.class)
                .hasMessageStartingWith("DeepJUnit cannot write the report folder " + file + ": ");
        Path blocked = temp.resolve("blocked");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("lenet5"), "a file where the charts' folder goes");
        assertThatThrownBy(() -> QualityRuns.render(db, blocked))
                .isInstanceOf(ReportWriteException.class)
                .hasMessageStartingWith(
                        "DeepJUnit cannot write the report folder " + blocked + ": a quality page cannot be written (");
    }

    @Test
    void pageNamesAreStableSafeAndDistinct() {
        PageNames names = new PageNames("index");
        assertThat(names.unique("lenet5")).isEqualTo("lenet5");
        assertThat(names.unique("index")).isEqualTo("index-" + PageNames.digest("index"));
        assertThat(names.unique("LENET5")).isEqualTo("LENET5-" + PageNames.digest("LENET5"));
        assertThat(names.unique("team/lenet:v2 a")).isEqualTo("team_lenet_v2_a-" + PageNames.digest("team/lenet:v2 a"));
        assertThat(names.unique("CON")).isEqualTo("CON-" + PageNames.digest("CON"));
        assertThat(names.unique(".hidden")).startsWith("_hidden-");
    }
}
