package org.deepjunit.report;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the report model records. */
final class Checks {

    private Checks() {}

    static String name(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    static <T> List<T> list(List<T> values, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + " must not be null (use an empty list)");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(what + " must not contain null (element " + i + ")");
            }
        }
        return List.copyOf(values);
    }

    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return Objects.requireNonNull(value);
    }

    /** Covered share of a total; NaN when total is 0. */
    static double ratio(long covered, long total) {
        return total == 0 ? Double.NaN : (double) covered / total;
    }
}
