package org.deepjunit.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * One Jackson setup for every JSON file DeepJUnit writes for people to read (approved verdicts, saved inputs'
 * metadata): indented, map keys sorted, "\n" line ends.
 */
@API(status = INTERNAL, since = "0.1")
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {}

    /** The value as indented JSON, ending with a newline. */
    public static byte[] write(Object value) {
        try {
            return (MAPPER.writer(PRINTER).writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode readTree(byte[] content) throws IOException {
        return MAPPER.readTree(content);
    }

    public static <T> T read(byte[] content, Class<T> type) throws IOException {
        return MAPPER.readValue(content, type);
    }
}
