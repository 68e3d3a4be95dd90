package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How one named column of a table becomes features: a number (optionally filled when missing and standardised
 * with stored training statistics) or a category one-hot encoded over a fixed list. Immutable; each method returns
 * a new column.
 *
 * <pre>{@code
 * Column.number("age").fillMissing(35).standardize(41.2, 12.5)
 * Column.oneHot("city", "paris", "london", "tokyo").fillMissing("paris")
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.3")
public final class Column {

    private final String name;
    private final List<String> categories;
    private final String fill;
    private final double mean;
    private final double std;

    private Column(String name, List<String> categories, String fill, double mean, double std) {
        this.name = Objects.requireNonNull(name, "name");
        this.categories = categories;
        this.fill = fill;
        this.mean = mean;
        this.std = std;
    }

    /** A numeric column: one feature, its value. */
    public static Column number(String name) {
        return new Column(name, null, null, 0, 1);
    }

    /** A categorical column: one feature per category, 1 for the row's category and 0 for the others. */
    public static Column oneHot(String name, String... categories) {
        if (categories.length == 0) {
            throw new IllegalArgumentException("Column '" + name + "': one-hot needs at least one category");
        }
        if (List.of(categories).stream().distinct().count() != categories.length) {
            throw new IllegalArgumentException(
                    "Column '" + name + "': categories must be distinct, got " + List.of(categories));
        }
        return new Column(name, List.of(categories), null, 0, 1);
    }

    /** The value used where a row's cell is empty (without it an empty cell is an error). */
    public Column fillMissing(double value) {
        if (categories != null) {
            throw new IllegalArgumentException("Column '" + name + "' is categorical: fill it with a category");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Column '" + name + "': the fill value must be finite, was " + value);
        }
        return new Column(name, null, Double.toString(value), mean, std);
    }

    /** The category used where a row's cell is empty; it must be one of the categories. */
    public Column fillMissing(String category) {
        if (categories == null || !categories.contains(category)) {
            throw new IllegalArgumentException("Column '" + name + "': fill with one of its categories " + categories
                    + ", not '" + category + "'");
        }
        return new Column(name, categories, category, mean, std);
    }

    /** {@code (value − mean) / std}, with statistics stored from training (filled values are standardised too). */
    public Column standardize(double mean, double std) {
        if (categories != null) {
            throw new IllegalArgumentException("Column '" + name + "' is categorical: only numbers are standardised");
        }
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("Column '" + name + "': standardising needs a finite mean and a"
                    + " positive standard deviation, got " + mean + " and " + std);
        }
        return new Column(name, null, fill, mean, std);
    }

    public String name() {
        return name;
    }

    /** The feature names this column gives: its name, or {@code name=category} per category. */
    List<String> features() {
        return categories == null
                ? List.of(name)
                : categories.stream().map(c -> name + "=" + c).toList();
    }

    /** Writes this column's features for one cell at {@code into[at…]}; {@code where} names the row for errors. */
    void encode(String cell, float[] into, int at, String stage, String where) {
        String value = cell.isEmpty() ? fill : cell;
        if (value == null) {
            throw new StageException(
                    stage,
                    where + ", column '" + name + "' is empty; fill it with"
                            + " Column.fillMissing(...) or clean the data");
        }
        if (categories != null) {
            int k = categories.indexOf(value);
            if (k < 0) {
                throw new StageException(
                        stage,
                        where + ", column '" + name + "' holds '" + value + "', which is none of its categories "
                                + categories);
            }
            into[at + k] = 1;
            return;
        }
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new StageException(stage, where + ", column '" + name + "' holds '" + value + "', not a number");
        }
        if (!Double.isFinite(number)) {
            throw new StageException(
                    stage,
                    where + ", column '" + name + "' holds " + value
                            + "; leave the cell empty and use Column.fillMissing(...) for missing values");
        }
        into[at] = (float) ((number - mean) / std);
    }
}
