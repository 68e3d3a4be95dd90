package org.deepjunit.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.deepjunit.model.Shape;

/**
 * Reads numeric CSV (RFC 4180, with Jackson's parser: quoted fields, CRLF line ends): one sample per row; a first
 * row that is not numeric is taken as a header and skipped; blank lines are skipped. One column may hold an
 * integer label.
 */
final class Csv {

    private static final CsvMapper MAPPER = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private Csv() {}

    /**
     * @param labelColumn zero-based index of the label column, or -1 for none (negative values
     *                    other than -1 count from the end: -2 is the last column)
     */
    static Dataset read(String location, int labelColumn) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int[] width = {-1}; // -2 once the header is skipped
        try {
            eachRow(location, (cells, lineNo) -> {
                int labelAt = labelColumn >= -1 ? labelColumn : cells.length + labelColumn + 1;
                float[] row = new float[cells.length - (labelAt >= 0 && labelAt < cells.length ? 1 : 0)];
                Integer label = null;
                boolean numeric = true;
                int k = 0;
                for (int c = 0; c < cells.length && numeric; c++) {
                    try {
                        double v = Double.parseDouble(cells[c]);
                        if (c == labelAt) {
                            label = (int) v;
                        } else {
                            row[k++] = (float) v;
                        }
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
                if (!numeric) {
                    if (rows.isEmpty() && width[0] == -1) {
                        width[0] = -2; // the header: skipped once
                        return true;
                    }
                    throw new DataFormatException(
                            location + " line " + lineNo + ": not a numeric row: " + String.join(",", cells));
                }
                if (labelAt >= cells.length) {
                    throw new DataFormatException(location + " line " + lineNo + ": no label column " + labelAt
                            + " in a row of " + cells.length + " columns");
                }
                if (row.length == 0) {
                    throw new DataFormatException(location + " line " + lineNo + ": a label and no feature columns");
                }
                if (width[0] >= 0 && row.length != width[0]) {
                    throw new DataFormatException(location + " line " + lineNo + ": " + row.length
                            + " features, earlier rows have " + width[0]);
                }
                width[0] = row.length;
                rows.add(row);
                if (label != null) {
                    labels.add(label);
                }
                return true;
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw new DataFormatException("Cannot read " + location + " as CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            return new Dataset(location, Shape.of(1), new float[0], labelColumn == -1 ? null : new int[0]);
        }
        float[] data = new float[rows.size() * width[0]];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, data, i * width[0], width[0]);
        }
        return new Dataset(
                location,
                Shape.of(width[0]),
                data,
                labelColumn == -1
                        ? null
                        : labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The cells of the first non-blank row: the column names. */
    static List<String> header(String location) {
        List<String> header = new ArrayList<>();
        try {
            eachRow(location, (cells, lineNo) -> {
                header.addAll(List.of(cells));
                return false;
            });
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + location + ": " + e.getMessage(), e);
        }
        if (header.isEmpty()) {
            throw new DataFormatException(location + " is empty: it has no header row");
        }
        return List.copyOf(header);
    }

    /**
     * The values of the column named {@code column} in the header (the first non-blank row), one per data row, in the
     * rows' order: the rows {@link #read} makes samples of.
     */
    static List<String> column(String location, String column) {
        List<String> values = new ArrayList<>();
        int[] index = {-1};
        try {
            eachRow(location, (cells, lineNo) -> {
                if (index[0] < 0) {
                    index[0] = java.util.Arrays.asList(cells).indexOf(column);
                    if (index[0] < 0) {
                        throw new DataFormatException(location + " has no column '" + column + "' in its header "
                                + java.util.Arrays.toString(cells) + "; name one of those");
                    }
                } else if (index[0] >= cells.length) {
                    throw new DataFormatException(location + " line " + lineNo + ": no column '" + column + "' in a"
                            + " row of " + cells.length + " cells");
                } else {
                    values.add(cells[index[0]]);
                }
                return true;
            });
        } catch (IOException e) {
            throw new DataFormatException("Cannot read " + location + ": " + e.getMessage(), e);
        }
        return values;
    }

    /** What is done with a non-blank row, given its cells and its line number; false stops the reading. */
    private interface Row {
        boolean accept(String[] cells, int lineNo);
    }

    /** Hands {@code row} the non-blank rows of the CSV at {@code location}, in order, until it returns false. */
    private static void eachRow(String location, Row row) throws IOException {
        try (InputStream raw = Locations.open(location);
                Reader reader = new InputStreamReader(raw, StandardCharsets.UTF_8);
                MappingIterator<String[]> lines =
                        MAPPER.readerFor(String[].class).readValues(reader)) {
            while (lines.hasNextValue()) {
                String[] cells = lines.nextValue();
                int lineNo = lines.getCurrentLocation().getLineNr() - 1;
                if (!(cells.length == 1 && cells[0].isBlank()) && !row.accept(cells, lineNo)) {
                    return;
                }
            }
        }
    }
}
