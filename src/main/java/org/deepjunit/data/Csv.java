package org.deepjunit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.deepjunit.model.Shape;

/**
 * Reads numeric CSV: one sample per row, comma-separated numbers; a first row that is not numeric
 * is taken as a header and skipped. One column may hold an integer label.
 */
final class Csv {

    private Csv() {
    }

    /**
     * @param labelColumn zero-based index of the label column, or -1 for none (negative values
     *                    other than -1 count from the end: -2 is the last column)
     */
    public static Dataset read(String location, int labelColumn) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int width = -1;
        try (InputStream raw = Locations.open(location);
             BufferedReader reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                int labelAt = labelColumn >= -1 ? labelColumn : cells.length + labelColumn + 1;
                float[] row = new float[cells.length - (labelAt >= 0 ? 1 : 0)];
                boolean numeric = true;
                int k = 0;
                Integer label = null;
                for (int c = 0; c < cells.length; c++) {
                    String cell = cells[c].trim();
                    if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                        cell = cell.substring(1, cell.length() - 1).trim();
                    }
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        numeric = false;
                        break;
                    }
                    if (c == labelAt) {
                        label = (int) v;
                    } else {
                        row[k++] = (float) v;
                    }
                }
                if (!numeric) {
                    if (rows.isEmpty() && lineNo == 1) {
                        continue; // header
                    }
                    throw new DataFormatException(location + " line " + lineNo + ": not a numeric row: " + line);
                }
                if (labelAt >= cells.length) {
                    throw new DataFormatException(location + " line " + lineNo + ": no label column " + labelAt
                            + " in a row of " + cells.length + " columns");
                }
                if (width >= 0 && row.length != width) {
                    throw new DataFormatException(location + " line " + lineNo + ": " + row.length
                            + " features, earlier rows have " + width);
                }
                width = row.length;
                rows.add(row);
                if (label != null) {
                    labels.add(label);
                }
            }
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + location + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty() || width < 1) {
            return new Dataset(location, Shape.of(Math.max(width, 1)), new float[0], labelColumn == -1 ? null : new int[0]);
        }
        float[] data = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, data, i * width, width);
        }
        return new Dataset(location, Shape.of(width), data,
                labelColumn == -1 ? null : labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
