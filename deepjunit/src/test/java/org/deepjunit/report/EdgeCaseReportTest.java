package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeCaseReportTest {

    @TempDir
    Path temp;

    private static LayerEntry layer(String name, int neurons, int covered) {
        List<NeuronEntry> ns = new java.util.ArrayList<>();
        for (int i = 0; i < neurons; i++) {
            ns.add(new NeuronEntry(i, i < covered, i < covered ? 0.9 : 0.1));
        }
        return new LayerEntry(name, "dense", ns, List.of());
    }

    private static NeuronCoverageReport report(ModelEntry... models) {
        return new NeuronCoverageReport("Edge cases", Instant.EPOCH, List.of(models));
    }

    private static ModelEntry model(String name, LayerEntry... layers) {
        return new ModelEntry(name, "raw > 0", 0, List.of(layers), List.of(), List.of(), List.of());
    }

    @Test
    void reportWithoutModelsIsValid() throws Exception {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(report(), dir);
        // JaCoCo shows an empty table; the line columns are left out when nothing has lines
        assertThat(ReportFiles.read(dir.resolve("neurons/index.html")))
                .contains("<tfoot><tr><td>Total</td><td class=\"bar\">0 of 0</td>")
                .contains("<tbody/>");
        XmlReportTest.parseValidating(dir.resolve("deepjunit.xml"));
        assertThat(Files.readAllLines(dir.resolve("deepjunit.csv"))).hasSize(1);
        assertThat(ReportFiles.read(dir.resolve("criteria.html"))).contains("0 of 0 neurons (n/a)");
    }

    @Test
    void emptyModelsAndLayersRenderAndCountNothing() throws Exception {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(
                report(model("empty"), model("m", layer("no neurons", 0, 0), layer("fc", 4, 1))), dir);
        String index = ReportFiles.read(dir.resolve("neurons/index.html"));
        assertThat(ReportFiles.totals(index)).containsExactly(3, 4, 3, 4);
        XmlReportTest.parseValidating(dir.resolve("deepjunit.xml"));
        assertThat(ReportFiles.read(dir.resolve("criteria.html"))).contains("<td>no neurons</td>");
        assertThat(ReportFiles.read(dir.resolve("deepjunit.csv"))).contains("Edge cases/m,fc,fc (dense),3,1,");
    }

    @Test
    void aLayerNamedIndexKeepsThePackagePage() throws IOException {
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(report(model("m", layer("index", 3, 1), layer("Index", 2, 2))), dir);
        List<Path> packagePages = ReportFiles.find(dir, "index.html").stream()
                .filter(p -> p.getParent().getParent().getParent() != null
                        && p.getParent().getParent().getParent().equals(dir.resolve("neurons")))
                .toList();
        assertThat(packagePages).hasSize(2);
        for (Path page : packagePages) {
            String html = ReportFiles.read(page);
            assertThat(html).contains("class=\"el_package\">"); // the package page's breadcrumb
            assertThat(html).contains("class=\"el_class\">"); // its table links the layer's class page
        }
        assertThat(ReportFiles.find(dir, ".html").stream()
                        .map(p -> p.getFileName().toString()))
                .doesNotContain("index.html~1")
                .contains("index_2.html", "Index_3.html");
    }

    @Test
    void modelNamesThatWouldReplaceJaCoCosFilesAreRejected() {
        for (String name : List.of("..", ".", "index.html", "Jacoco-Resources", "jacoco-sessions.html")) {
            Path dir = temp.resolve("r");
            assertThatThrownBy(() -> CoverageReportWriter.write(report(model(name, layer("fc", 1, 1))), dir))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name);
            assertThat(dir).doesNotExist();
        }
    }
}
