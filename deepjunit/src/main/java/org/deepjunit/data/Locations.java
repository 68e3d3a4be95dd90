package org.deepjunit.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Resolves data locations: {@code classpath:/path/in/jar} or a file system path (relative to the
 * working directory). Files ending in {@code .gz} are decompressed transparently.
 */
final class Locations {

    public static final String CLASSPATH = "classpath:";

    private Locations() {}

    /** Opens the location for reading, gunzipping {@code .gz} files. */
    public static InputStream open(String location) throws IOException {
        InputStream raw;
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            String name = resource.startsWith("/") ? resource.substring(1) : resource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            raw = loader == null ? null : loader.getResourceAsStream(name);
            if (raw == null) {
                raw = Locations.class.getResourceAsStream("/" + name);
            }
            if (raw == null) {
                throw new java.io.FileNotFoundException("No classpath resource " + resource);
            }
        } else {
            Path path = Path.of(location);
            if (!Files.isRegularFile(path)) {
                throw new java.io.FileNotFoundException("No file " + path.toAbsolutePath());
            }
            raw = Files.newInputStream(path);
        }
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        return location.endsWith(".gz") ? new BufferedInputStream(new GZIPInputStream(in), 1 << 16) : in;
    }

    /** The location as a directory on the file system, or {@code null} if it is not one. */
    public static Path directory(String location) {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            String name = resource.startsWith("/") ? resource.substring(1) : resource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            URL url = loader == null ? Locations.class.getResource("/" + name) : loader.getResource(name);
            if (url == null || !"file".equals(url.getProtocol())) {
                return null;
            }
            try {
                Path p = Path.of(url.toURI());
                return Files.isDirectory(p) ? p : null;
            } catch (URISyntaxException e) {
                return null;
            }
        }
        Path p = Path.of(location);
        return Files.isDirectory(p) ? p : null;
    }

    /** The file name part of a location, without {@code .gz}. */
    static String fileName(String location) {
        String s = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
        s = s.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        return s.endsWith(".gz") ? s.substring(0, s.length() - 3) : s;
    }
}
