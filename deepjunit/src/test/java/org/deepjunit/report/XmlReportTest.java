package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import edu.hm.hafner.coverage.Coverage;
import edu.hm.hafner.coverage.CoverageParser.ProcessingMode;
import edu.hm.hafner.coverage.Metric;
import edu.hm.hafner.coverage.ModuleNode;
import edu.hm.hafner.coverage.Node;
import edu.hm.hafner.coverage.registry.ParserRegistry;
import edu.hm.hafner.util.FilteredLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.jacoco.report.xml.XMLFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

class XmlReportTest {

    @TempDir
    static Path temp;

    static Path xml;
    static NeuronCoverageReport report;

    @BeforeAll
    static void render() throws IOException {
        report = ReportFixtures.twoModels();
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(report, dir);
        xml = dir.resolve("deepjunit.xml");
    }

    /** Parses with DTD validation; report.dtd comes from the org.jacoco.report jar, never from the network. */
    static Document parseValidating(Path file) throws Exception {
        URL dtd = XMLFormatter.class.getResource("report.dtd");
        assertThat(dtd).as("report.dtd inside org.jacoco.report").isNotNull();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setValidating(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        List<String> resolved = new ArrayList<>();
        builder.setEntityResolver((publicId, systemId) -> {
            resolved.add(publicId + " " + systemId);
            InputSource source = new InputSource(dtd.openStream());
            source.setSystemId(dtd.toExternalForm());
            return source;
        });
        List<String> problems = new ArrayList<>();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                problems.add("warning: " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
                problems.add("error line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = builder.parse(in, file.toUri().toString());
        }
        assertThat(resolved)
                .as("DTD resolved from the jar")
                .containsExactly("-//JACOCO//DTD Report 1.1//EN report.dtd"
                        .replace(" report.dtd", " " + file.getParent().toUri() + "report.dtd"));
        assertThat(problems).as("validation against report.dtd").isEmpty();
        return doc;
    }

    @Test
    void validatesAgainstReportDtdAndTotalsAreNeurons() throws Exception {
        Document doc = parseValidating(xml);
        XPath xp = XPathFactory.newInstance().newXPath();
        assertThat(xp.evaluate("/report/@name", doc)).isEqualTo("DeepJUnit neuron coverage");
        for (String type : List.of("INSTRUCTION", "LINE")) {
            assertThat(xp.evaluate("/report/counter[@type='" + type + "']/@missed", doc))
                    .isEqualTo("12");
            assertThat(xp.evaluate("/report/counter[@type='" + type + "']/@covered", doc))
                    .isEqualTo("11");
        }
        assertThat(xp.evaluate("/report/group[@name='lenet']/counter[@type='LINE']/@missed", doc))
                .isEqualTo("12");
        assertThat(xp.evaluate("/report/group[@name='lenet']/counter[@type='LINE']/@covered", doc))
                .isEqualTo("7");
        assertThat(xp.evaluate("/report/group[@name='mlp <tiny>']/counter[@type='LINE']/@covered", doc))
                .isEqualTo("4");
        // neuron coverage only: no BRANCH, COMPLEXITY, METHOD or CLASS counters, no branch attributes on lines
        assertThat(((Number) xp.evaluate(
                                "count(//counter[@type!='INSTRUCTION' and @type!='LINE'])", doc, XPathConstants.NUMBER))
                        .intValue())
                .isZero();
        assertThat(((Number) xp.evaluate("count(//line[@cb!='0' or @mb!='0'])", doc, XPathConstants.NUMBER)).intValue())
                .isZero();
        // one method and one source line per neuron
        assertThat(((Number) xp.evaluate("count(//method)", doc, XPathConstants.NUMBER)).intValue())
                .isEqualTo(23);
        assertThat(((Number) xp.evaluate("count(//sourcefile/line)", doc, XPathConstants.NUMBER)).intValue())
                .isEqualTo(23);
        assertThat(((Number) xp.evaluate("count(//sourcefile/line[@ci='1'])", doc, XPathConstants.NUMBER)).intValue())
                .isEqualTo(11);
    }

    @Test
    void packageAndClassNamesAreIdentifiers() throws Exception {
        Document doc = parseValidating(xml);
        XPath xp = XPathFactory.newInstance().newXPath();
        List<String> packages = new ArrayList<>();
        NodeList nodes = (NodeList) xp.evaluate("//package/@name", doc, XPathConstants.NODESET);
        for (int i = 0; i < nodes.getLength(); i++) {
            packages.add(nodes.item(i).getNodeValue());
        }
        assertThat(packages)
                .containsExactly("lenet/block1_conv1", "lenet/sequential_dense_0", "lenet/my_layer", "mlp__tiny_/fc1");
        NodeList classes = (NodeList) xp.evaluate("//class/@name", doc, XPathConstants.NODESET);
        for (int i = 0; i < classes.getLength(); i++) {
            assertThat(classes.item(i).getNodeValue()).matches("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)+");
        }
        assertThat(xp.evaluate("//package[@name='lenet/sequential_dense_0']/class/@sourcefilename", doc))
                .isEqualTo("sequential_dense_0.neurons");
        assertThat(xp.evaluate("//package[@name='lenet/sequential_dense_0']/class/method[@name='neuron_3']/@line", doc))
                .isNotEmpty();
    }

    @Test
    void jenkinsCoverageModelReadsTheSameTotals() throws IOException {
        ModuleNode root;
        FilteredLog log = new FilteredLog("coverage-model");
        try (Reader reader = Files.newBufferedReader(xml, StandardCharsets.UTF_8)) {
            root = new ParserRegistry().get("JACOCO", ProcessingMode.FAIL_FAST).parse(reader, xml.toString(), log);
        }
        assertThat(log.getErrorMessages()).isEmpty();
        assertCoverage(root, Metric.LINE, report.coveredCount(), report.neuronCount() - report.coveredCount());
        assertCoverage(root, Metric.INSTRUCTION, 11, 12);
        assertThat(root.getValue(Metric.BRANCH)).isEmpty();
        for (ModelEntry model : report.models()) {
            Node module = root.getChildren().stream()
                    .filter(c -> c.getName().equals(model.name()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no module " + model.name() + " in " + root.getChildren()));
            assertCoverage(module, Metric.LINE, model.coveredCount(), model.missedCount());
        }
        assertThat(root.getAllMethodNodes()).hasSize(23);
    }

    @Test
    void largerReportAgreesAcrossHtmlXmlAndJenkins(@TempDir Path own) throws Exception {
        NeuronCoverageReport large = ReportFixtures.large(3, 5, 200);
        Path dir = own.resolve("deepjunit");
        CoverageReportWriter.write(large, dir);
        long covered = large.coveredCount();
        long missed = large.neuronCount() - covered;
        assertThat(large.neuronCount()).isEqualTo(3000);

        Document doc = parseValidating(dir.resolve("deepjunit.xml"));
        XPath xp = XPathFactory.newInstance().newXPath();
        assertThat(xp.evaluate("/report/counter[@type='LINE']/@covered", doc)).isEqualTo(Long.toString(covered));
        assertThat(xp.evaluate("/report/counter[@type='LINE']/@missed", doc)).isEqualTo(Long.toString(missed));

        ModuleNode root;
        try (Reader reader = Files.newBufferedReader(dir.resolve("deepjunit.xml"), StandardCharsets.UTF_8)) {
            root = new ParserRegistry()
                    .get("JACOCO", ProcessingMode.FAIL_FAST)
                    .parse(reader, "deepjunit.xml", new FilteredLog("coverage-model"));
        }
        assertCoverage(root, Metric.LINE, covered, missed);
        assertThat(root.getAllMethodNodes()).hasSize(3000);

        assertThat(ReportFiles.totals(ReportFiles.read(dir.resolve("neurons/index.html"))))
                .containsExactly((int) missed, 3000, (int) missed, 3000);
    }

    private static void assertCoverage(Node node, Metric metric, long covered, long missed) {
        Coverage coverage =
                (Coverage) node.getValue(metric).orElseThrow(() -> new AssertionError("no " + metric + " in " + node));
        assertThat(coverage.getCovered())
                .as("%s covered in %s", metric, node.getName())
                .isEqualTo(covered);
        assertThat(coverage.getMissed())
                .as("%s missed in %s", metric, node.getName())
                .isEqualTo(missed);
    }
}
