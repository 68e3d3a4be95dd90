package org.deepjunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportTest {

    @TempDir
    Path temp;

    @Test
    void oneRowPerLayerWithNeuronCounts() throws IOException {
        NeuronCoverageReport report = ReportFixtures.twoModels();
        Path dir = temp.resolve("deepjunit");
        CoverageReportWriter.write(report, dir);
        List<String> lines = Files.readAllLines(dir.resolve("deepjunit.csv"));
        assertThat(lines.get(0))
                .isEqualTo("GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,"
                        + "BRANCH_COVERED,LINE_MISSED,LINE_COVERED,COMPLEXITY_MISSED,COMPLEXITY_COVERED,METHOD_MISSED,"
                        + "METHOD_COVERED");
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(parse(line));
        }
        assertThat(rows).hasSize(4);
        long missed = 0;
        long covered = 0;
        int row = 0;
        for (ModelEntry model : report.models()) {
            for (LayerEntry layer : model.layers()) {
                List<String> r = rows.get(row++);
                assertThat(r).hasSize(13);
                assertThat(r.get(0)).isEqualTo(report.title() + "/" + model.name());
                assertThat(r.get(1)).isEqualTo(layer.name());
                assertThat(r.get(2)).isEqualTo(layer.name() + " (" + layer.kind() + ")");
                assertThat(Long.parseLong(r.get(3))).isEqualTo(layer.missedCount());
                assertThat(Long.parseLong(r.get(4))).isEqualTo(layer.coveredCount());
                assertThat(r.get(7)).isEqualTo(r.get(3));
                assertThat(r.get(8)).isEqualTo(r.get(4));
                assertThat(r.subList(9, 13)).containsOnly("0");
                assertThat(r.subList(5, 7)).containsOnly("0");
                missed += Long.parseLong(r.get(7));
                covered += Long.parseLong(r.get(8));
            }
        }
        assertThat(missed).isEqualTo(12);
        assertThat(covered).isEqualTo(report.coveredCount());
    }

    /** RFC 4180 fields: quoted fields may hold commas and doubled quotes. */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
