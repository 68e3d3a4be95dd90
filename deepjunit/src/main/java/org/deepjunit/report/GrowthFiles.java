package org.deepjunit.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The coverage-growth files of a report, under {@value #FOLDER}: a PNG per model and criterion and a CSV per model
 * with the points of its curves ({@code criterion,inputs,covered,units,generated}), for tools and spreadsheets.
 */
final class GrowthFiles {

    static final String FOLDER = "growth";

    private final Map<String, String> ids = new HashMap<>();

    GrowthFiles(NeuronCoverageReport report) {
        Identifiers unique = new Identifiers();
        report.models().forEach(m -> ids.put(m.name(), unique.unique(m.name())));
    }

    String png(GrowthCurve curve) {
        String criterion = curve.criterion().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
        return FOLDER + "/" + ids.get(curve.model()) + "-" + criterion.replaceAll("-+$", "") + ".png";
    }

    String csv(String model) {
        return FOLDER + "/" + ids.get(model) + ".csv";
    }

    void write(NeuronCoverageReport report, Path into) throws IOException {
        if (report.growth().isEmpty()) {
            return;
        }
        Files.createDirectories(into.resolve(FOLDER));
        for (GrowthCurve curve : report.growth()) {
            Files.write(into.resolve(png(curve)), GrowthChart.png(curve));
        }
        for (ModelEntry model : report.models()) {
            List<GrowthCurve> curves = report.growth().stream()
                    .filter(g -> g.model().equals(model.name()))
                    .toList();
            if (curves.isEmpty()) {
                continue;
            }
            try (Writer out = Files.newBufferedWriter(into.resolve(csv(model.name())), StandardCharsets.UTF_8)) {
                out.write("criterion,inputs,covered,units,generated\n");
                for (GrowthCurve curve : curves) {
                    for (GrowthCurve.Point p : curve.points()) {
                        out.write(curve.criterion().replace(',', ';') + "," + p.inputs() + "," + p.covered() + ","
                                + curve.units() + "," + p.generated() + "\n");
                    }
                }
            }
        }
    }
}
