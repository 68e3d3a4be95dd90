package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    static Path temp;

    static Path dir;

    @BeforeAll
    static void render() throws IOException {
        dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(ReportFixtures.twoModels(), dir);
    }

    @Test
    void indexListsEachModelWithItsNeuronCounts() {
        String index = ReportFiles.read(dir.resolve("neurons/index.html"));
        assertThat(index).contains("<title>DeepJUnit neuron coverage</title>");
        // 23 neurons, 11 covered: 12 missed, as instructions (bar column) and as lines
        assertThat(ReportFiles.totals(index)).containsExactly(12, 23, 12, 23);
        // one row per model, the name escaped, with its missed / total lines
        assertThat(row(index, "lenet"))
                .contains("<td class=\"ctr1\" id=\"h0\">12</td><td class=\"ctr2\" id=\"i0\">19</td>");
        assertThat(row(index, "mlp &lt;tiny&gt;")).contains(">0</td><td class=\"ctr2\" id=\"i1\">4</td>");
        // neurons are all: no complexity, method or class columns
        assertThat(index).doesNotContain(">Cxty<", ">Methods<", ">Classes<");
        assertThat(index)
                .contains("criteria.html", "<a href=\"../index.html\" class=\"el_report\">DeepJUnit overview</a>");
    }

    @Test
    void modelPageListsLayersByTheirRealNames() {
        List<Path> modelPages = ReportFiles.find(dir, "index.html").stream()
                .filter(p -> p.getParent().getParent().equals(dir.resolve("neurons")))
                .toList();
        assertThat(modelPages).hasSize(2);
        String lenet = modelPages.stream()
                .map(ReportFiles::read)
                .filter(s -> s.contains("<h1>lenet</h1>"))
                .findFirst()
                .orElseThrow();
        assertThat(ReportFiles.totals(lenet)).containsExactly(12, 19, 12, 19);
        assertThat(lenet).contains(">block1_conv1</a>", ">sequential/dense:0</a>", ">my layer</a>");
        // JaCoCo's empty sessions page is not linked; every page leads back to the front page
        assertThat(lenet)
                .contains("<a href=\"../../index.html\" class=\"el_report\">DeepJUnit overview</a>")
                .doesNotContain("jacoco-sessions.html");
    }

    @Test
    void layerPageListsEveryNeuronWithItsLargestValue() {
        String page = ReportFiles.read(only(ReportFiles.find(dir, "sequential_dense_0.html")));
        assertThat(page).contains("<h1>sequential/dense:0 (dense)</h1>");
        assertThat(ReportFiles.totals(page)).containsExactly(7, 10, 7, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(page).contains(String.format(java.util.Locale.ROOT, "neuron %d (max %.4f)</a>", i, i / 10.0));
        }
        String conv = ReportFiles.read(only(ReportFiles.find(dir, "block1_conv1.html")));
        assertThat(conv).contains("neuron 4 (never activated)</a>");
        assertThat(ReportFiles.totals(conv)).containsExactly(2, 6, 2, 6);
    }

    @Test
    void sourcePageShowsDefinitionThresholdAndOneLinePerNeuron() {
        String source = ReportFiles.read(only(ReportFiles.find(dir, "block1_conv1.neurons.html")));
        assertThat(source)
                .contains("// Definition: DeepXplore neuron coverage: per-input min-max scaled layer output, "
                        + "channel mean, covered when &gt; 0.25")
                .contains("// Threshold:  0.25")
                .contains("// Weights:    lenet &lt;1&gt;.h5 sha256:" + "0123456789abcdef".repeat(4))
                .contains("// Neurons:    4 of 6 covered (66.7 %)")
                .contains("// KMNC (k=10): 17 of 60 (28.3 %)");
        Matcher lines = Pattern.compile(
                        "<span class=\"(fc|nc)\" id=\"L(\\d+)\">neuron +(\\d+) +(\\S+) +([a-z ]+)</span>")
                .matcher(source);
        StringBuilder seen = new StringBuilder();
        while (lines.find()) {
            seen.append(lines.group(3))
                    .append(':')
                    .append(lines.group(1))
                    .append(':')
                    .append(lines.group(4))
                    .append(':')
                    .append(lines.group(5))
                    .append(' ');
        }
        assertThat(seen.toString().trim())
                .isEqualTo("0:fc:0.9100:covered 1:fc:0.2501:covered "
                        + "2:nc:0.1200:not covered 3:fc:1.0000:covered 4:nc:-:never activated 5:fc:0.5000:covered");
        assertThat(source).doesNotContain("compile with debug information");
    }

    @Test
    void criteriaPageListsDefinitionCriteriaAndGates() {
        String criteria = ReportFiles.read(dir.resolve("criteria.html"));
        assertThat(criteria)
                .contains("<h2>lenet</h2>", "<h2>mlp &lt;tiny&gt;</h2>")
                .contains("covered when &gt; 0.25")
                .contains("<b>Neuron coverage (NC):</b> 7 of 19 neurons (36.8 %)")
                .contains("<td>SNAC</td><td class=\"num\">2</td><td class=\"num\">19</td>")
                .contains("<td>TKNP (k=2)</td><td class=\"num\">7</td><td class=\"num\">-</td>")
                .contains("<td>sequential/dense:0</td><td>dense</td><td class=\"num\">3</td><td class=\"num\">10</td>")
                .contains("TKNC (k=2): 2 of 4 (50.0 %)")
                .contains("<td class=\"fail\">FAILED</td><td>Rule violated for model lenet: neurons covered ratio "
                        + "is 0.37, but expected minimum is 0.50</td>")
                .contains("<td class=\"pass\">passed</td>")
                .contains("href=\"index.html\"")
                .contains("<b>Weights:</b> <code>lenet &lt;1&gt;.h5 sha256:" + "0123456789abcdef".repeat(4) + "</code>")
                .contains("<b>Weights:</b> built in memory, no files");
    }

    private static String row(String html, String label) {
        Matcher m = Pattern.compile("<tr><td id=\"a\\d+\"><a [^>]*>" + Pattern.quote(label) + "</a></td>.*?</tr>")
                .matcher(html);
        assertThat(m.find()).as("row for %s", label).isTrue();
        return m.group();
    }

    private static Path only(List<Path> paths) {
        assertThat(paths).hasSize(1);
        return paths.get(0);
    }
}
