package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;

/**
 * CSV rows to features, by column name: the header is kept, so a reordered or renamed column in the data is an
 * error rather than a silently shifted feature. Rows are RFC 4180 lines (quoted fields allowed, spaces around
 * values trimmed); an empty cell is a missing value. Gives a float32 tensor {@code [rows, features]}, features in
 * the order the columns were given (see {@link #featureNames()}). Stage name "table".
 *
 * <pre>{@code
 * TableStage rows = TableStage.of("age,income,city,churned",
 *         Column.number("age").fillMissing(35).standardize(41.2, 12.5),
 *         Column.number("income").standardize(52_000, 15_000),
 *         Column.oneHot("city", "paris", "london", "tokyo"));
 * Tensor x = rows.apply(List.of("52,61000,tokyo,0", ",48000,paris,1"));   // [2, 5]
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class TableStage implements Stage<List<String>, Tensor> {

    private static final String NAME = "table";
    private static final CsvMapper CSV =
            new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES);

    private final List<String> header;
    private final List<Column> columns;
    private final int[] positions;
    private final int[] offsets;
    private final List<String> features = new ArrayList<>();

    private TableStage(List<String> header, List<Column> columns) {
        this.header = header;
        this.columns = columns;
        this.positions = new int[columns.size()];
        this.offsets = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            positions[c] = header.indexOf(columns.get(c).name());
            if (positions[c] < 0) {
                throw new StageException(
                        NAME,
                        "the header " + header + " has no column '"
                                + columns.get(c).name() + "'; name a column of the header");
            }
            offsets[c] = features.size();
            features.addAll(columns.get(c).features());
        }
    }

    /**
     * @param header  the CSV header line the rows follow
     * @param columns the columns that become features, in feature order; other columns (a label) are ignored
     */
    public static TableStage of(String header, Column... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("A table stage needs at least one column");
        }
        return new TableStage(List.of(cells(header, "the header")), List.of(columns));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The features in tensor order: a numeric column's name, {@code city=paris} per category. */
    public List<String> featureNames() {
        return List.copyOf(features);
    }

    /** The rows (CSV lines without the header) as a {@code [rows, features]} tensor. */
    @Override
    public Tensor apply(List<String> rows) {
        float[] out = new float[rows.size() * features.size()];
        for (int r = 0; r < rows.size(); r++) {
            String where = "row " + (r + 1);
            String[] cells = cells(rows.get(r), where);
            if (cells.length != header.size()) {
                throw new StageException(
                        NAME,
                        where + " has " + cells.length + " cells, but the header " + header + " has " + header.size()
                                + " columns");
            }
            for (int c = 0; c < columns.size(); c++) {
                columns.get(c).encode(cells[positions[c]], out, r * features.size() + offsets[c], NAME, where);
            }
        }
        return Tensor.wrap(out, Shape.of(rows.size(), features.size()));
    }

    private static String[] cells(String line, String where) {
        try {
            MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(line);
            return rows.hasNextValue() ? rows.nextValue() : new String[] {""};
        } catch (IOException e) {
            throw new StageException(NAME, where + " is not a CSV line (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String toString() {
        return NAME + features;
    }
}
