package org.deepjunit.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deepjunit.coverage.TinyModel;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.ModelLoadException;

/**
 * A format whose loader misbehaves on purpose, to test the harness itself: the healthy file loads, a damaged one
 * kills the JVM (even hash) or never returns (odd hash), a missing one is a clear error.
 */
public final class ToyFuzzFormat implements FuzzFormat {

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public List<Path> writeOriginal(Path dir) throws IOException {
        return List.of(Files.writeString(dir.resolve("toy.txt"), "healthy toy model"));
    }

    @Override
    public Model load(List<Path> files, String sha256) {
        Path file = files.get(0);
        if (sha256 != null) {
            ModelFiles.of(file).requireSha256(sha256, file.toString());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + file + ": " + e, e);
        }
        if (new String(bytes).equals("healthy toy model")) {
            return new TinyModel("toy");
        }
        if (Arrays.hashCode(bytes) % 2 == 0) {
            Runtime.getRuntime().halt(134); // as a SIGSEGV in native code would
        }
        try {
            Thread.sleep(Long.MAX_VALUE); // as a native loop would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("unreachable");
    }
}
