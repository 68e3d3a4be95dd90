package org.deepjunit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Comparator;
import org.apiguardian.api.API;

/**
 * The order a person expects of names with numbers in them, for every page DeepJUnit writes: runs of digits compare
 * as numbers, so that saved input {@code 2-seed7} comes before {@code 10-seed3} and class {@code 2} before class
 * {@code 10} (a plain string order puts 1, 10, 11 before 2); other characters compare as text.
 */
@API(status = INTERNAL, since = "0.5")
public final class NaturalOrder implements Comparator<String> {

    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {}

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int c = compareNumbers(a.substring(i, endA), b.substring(j, endB));
                if (c != 0) {
                    return c;
                }
                i = endA;
                j = endB;
            } else if (x != y) {
                return Character.compare(x, y);
            } else {
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b); // 2 and 002: equal in value, distinct names
    }

    /** Two runs of digits by value, however long: without leading zeros the longer is larger. */
    private static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
