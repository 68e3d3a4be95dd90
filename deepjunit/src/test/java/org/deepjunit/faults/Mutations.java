package org.deepjunit.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mutations of whole files, shared by every format: truncation, bit flips, zeroed ranges, garbage, loss, swaps. */
final class Mutations {

    /** Values a corrupted or hostile configuration might hold where a dimension belongs. */
    static final List<String> ABSURD = List.of(
            "0",
            "-7",
            "3.5",
            "2147483647",
            "-2147483648",
            "1000000",
            "99999999999",
            "1e30",
            "\"abc\"",
            "null",
            "[]",
            "[2147483647, 1]",
            "[0, 0]",
            "[-1, 2]",
            "{}",
            "true");

    static final String ABSURD_DIMENSION = "absurd dimension";

    private Mutations() {}

    /** The byte mutations of each of {@code fileCount} files, plus losing one and swapping two. */
    static List<Mutation> generic(int fileCount) {
        List<Mutation> all = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            int f = i;
            all.add((files, r) -> bytes(files.get(f), "truncated", b -> Arrays.copyOf(b, r.nextInt(b.length))));
            all.add((files, r) -> bytes(files.get(f), "bit flips", b -> flip(b, r, 1 + r.nextInt(8))));
            all.add((files, r) -> bytes(files.get(f), "zeroed range", b -> fill(b, r, false)));
            all.add((files, r) -> bytes(files.get(f), "garbage range", b -> fill(b, r, true)));
            all.add((files, r) -> {
                Files.delete(files.get(f));
                return new Mutation.Done("missing file", "missing " + name(files.get(f)), List.of(name(files.get(f))));
            });
        }
        if (fileCount > 1) {
            all.add((files, r) -> {
                byte[] a = Files.readAllBytes(files.get(0));
                Files.write(files.get(0), Files.readAllBytes(files.get(1)));
                Files.write(files.get(1), a);
                return new Mutation.Done(
                        "swapped files",
                        "swapped " + name(files.get(0)) + " and " + name(files.get(1)),
                        List.of(name(files.get(0)), name(files.get(1))));
            });
        }
        return all;
    }

    /** Sets one occurrence of one of {@code fields} in a JSON text file to an absurd value. */
    static Mutation absurdJson(int fileIndex, List<String> fields) {
        return (files, r) -> {
            Path file = files.get(fileIndex);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String edited = absurd(text, fields, r);
            Files.writeString(file, edited, StandardCharsets.UTF_8);
            return new Mutation.Done(
                    ABSURD_DIMENSION, "absurd dimension: " + describe(text, edited), List.of(name(file)));
        };
    }

    /** {@code text} with one {@code "field": value} of the given fields set to an absurd value. */
    static String absurd(String text, List<String> fields, Random r) {
        Pattern p = Pattern.compile("\"(" + String.join("|", fields) + ")\"\\s*:\\s*(\\[[^\\]]*\\]|-?[0-9.eE+]+)");
        List<int[]> hits = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            hits.add(new int[] {m.start(2), m.end(2)});
        }
        if (hits.isEmpty()) {
            return text;
        }
        int[] hit = hits.get(r.nextInt(hits.size()));
        return text.substring(0, hit[0]) + ABSURD.get(r.nextInt(ABSURD.size())) + text.substring(hit[1]);
    }

    interface ByteEdit {
        byte[] apply(byte[] bytes);
    }

    static Mutation.Done bytes(Path file, String what, ByteEdit edit) throws IOException {
        byte[] original = Files.readAllBytes(file);
        Files.write(file, edit.apply(original.clone()));
        return new Mutation.Done(what, what + " in " + name(file), List.of(name(file)));
    }

    static byte[] flip(byte[] b, Random r, int count) {
        for (int i = 0; i < count && b.length > 0; i++) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    private static byte[] fill(byte[] b, Random r, boolean garbage) {
        if (b.length == 0) {
            return b;
        }
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(4096));
        for (int i = from; i < to; i++) {
            b[i] = garbage ? (byte) r.nextInt(256) : 0;
        }
        return b;
    }

    /** The edited part of {@code after}, with the field name before it. */
    static String describe(String before, String after) {
        int i = 0;
        while (i < before.length() && i < after.length() && before.charAt(i) == after.charAt(i)) {
            i++;
        }
        int from = Math.max(0, before.lastIndexOf('"', Math.max(0, before.lastIndexOf(':', i) - 2)));
        return after.substring(from, Math.min(after.length(), i + 24)).replaceAll("\\s+", " ");
    }

    static String name(Path file) {
        return file.getFileName().toString();
    }
}
