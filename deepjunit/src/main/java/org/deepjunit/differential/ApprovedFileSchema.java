package org.deepjunit.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import org.deepjunit.differential.ApprovedVerdict.StoredInput;

/** What a well-formed approved file holds, checked before a hand-edited file is trusted. */
final class ApprovedFileSchema {

    private static final Set<String> FILE =
            Set.of("test", "modelUnderTest", "modelUnderTestFiles", "reference", "referenceFiles", "records");
    private static final Set<String> MODEL_FILE = Set.of("path", "sha256");
    private static final Set<String> RECORD =
            Set.of("id", "correct", "note", "reason", "maxDifference", "modelUnderTest", "reference", "input");
    private static final Set<String> ANSWER = Set.of("model", "top1", "top", "output");
    private static final Set<String> INPUT = Set.of("shape", "float32Base64");

    private ApprovedFileSchema() {}

    /** Throws an {@link IOException} naming the first field that is not where an approved file has it. */
    static void check(JsonNode root) throws IOException {
        if (!root.isObject()) {
            throw new IOException("expected a JSON object with " + FILE);
        }
        fields(root, FILE, "the file");
        if (!root.path("records").isArray()) {
            throw new IOException("expected a \"records\" array");
        }
        for (String files : new String[] {"modelUnderTestFiles", "referenceFiles"}) {
            if (root.has(files)) {
                if (!root.get(files).isArray()) {
                    throw new IOException("expected \"" + files + "\" to be an array of {\"path\", \"sha256\"}");
                }
                for (JsonNode file : root.get(files)) {
                    fields(file, MODEL_FILE, "an entry of " + files);
                    if (!file.path("sha256").asText().matches("[0-9a-f]{64}")) {
                        throw new IOException("an entry of " + files + " has sha256 \""
                                + file.path("sha256").asText() + "\", not 64 lowercase hexadecimal digits");
                    }
                }
            }
        }
        int n = 0;
        for (JsonNode record : root.get("records")) {
            n++;
            String where = "record " + n;
            if (!record.isObject()) {
                throw new IOException(where + " is not a JSON object");
            }
            fields(record, RECORD, where);
            for (String answer : new String[] {"modelUnderTest", "reference"}) {
                if (record.has(answer)) {
                    fields(record.get(answer), ANSWER, where + "'s " + answer);
                }
            }
            if (record.has("input")) {
                fields(record.get("input"), INPUT, where + "'s input");
            }
        }
    }

    private static void fields(JsonNode node, Set<String> known, String where) throws IOException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IOException("unknown field \"" + name + "\" in " + where + "; known fields are "
                        + known.stream().sorted().toList());
            }
        }
    }

    /** What is wrong with a parsed record, or null. */
    static String problem(ApprovedVerdict v) {
        if (v.id() == null || v.modelUnderTest() == null || v.reference() == null) {
            return "it lacks id, modelUnderTest or reference";
        }
        if (v.correct() != null && v.correct() < 0) {
            return "\"correct\" is " + v.correct() + ", but a class is a number >= 0";
        }
        StoredInput input = v.input();
        if (input == null) {
            return null;
        }
        if (input.shape() == null || input.float32Base64() == null) {
            return "its input lacks shape or float32Base64";
        }
        long size = 1;
        for (int d : input.shape()) {
            if (d < 1) {
                return "its input's shape " + java.util.Arrays.toString(input.shape()) + " has a dimension < 1";
            }
            size *= d;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(input.float32Base64());
        } catch (IllegalArgumentException e) {
            return "its input's float32Base64 is not base64 (" + e.getMessage() + ")";
        }
        if (bytes.length != 4 * size) {
            return "its input's float32Base64 holds " + bytes.length + " bytes, but its shape "
                    + java.util.Arrays.toString(input.shape()) + " needs " + 4 * size + " (float32 values)";
        }
        String id = InputId.of(input.toTensor());
        if (!id.equals(v.id())) {
            return "its stored input has id " + id + ", not the record's: the input or the id was changed";
        }
        return null;
    }
}
