package org.deepjunit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reading rendered reports back in tests. */
final class ReportFiles {

    private ReportFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All files under dir whose name ends with suffix. */
    static List<Path> find(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JaCoCo table's footer: { missed, total } of instructions (the bar column), then lines missed, total. */
    static int[] totals(String html) {
        Matcher m = Pattern.compile("<tfoot><tr><td>Total</td><td class=\"bar\">([\\d,]+) of ([\\d,]+)</td>.*?"
                        + "<td class=\"ctr1\">([\\d,]+)</td><td class=\"ctr2\">([\\d,]+)</td></tr></tfoot>")
                .matcher(html);
        if (!m.find()) {
            throw new AssertionError("no totals row in " + html);
        }
        return new int[] {num(m.group(1)), num(m.group(2)), num(m.group(3)), num(m.group(4))};
    }

    private static int num(String s) {
        return Integer.parseInt(s.replace(",", ""));
    }
}
