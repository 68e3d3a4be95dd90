package org.deepjunit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Tensor;
import org.deepjunit.model.tensorflow.TensorFlowModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SavedModel "format" of the corrupt-model fuzz campaign: from a fixed seed, corrupted copies of a small
 * Keras-layout SavedModel (truncation, bit flips, zeroed ranges, garbage, missing and swapped files) are loaded in
 * child JVMs, a batch per JVM with a timeout per case, so that a native crash or a hang is seen as such. Every case
 * must end in a clean load with the intact model's output shape and layers, or in an exception whose message names
 * the model's directory or the corrupted file: no crash, no hang, no silent shape change.
 */
class SavedModelCorruptionTest {

    static final long SEED = 20261205L;
    static final int CASES = 60;
    static final long CASE_TIMEOUT_S = 20;
    static final List<String> FILES = List.of(
            "saved_model.pb",
            "variables/variables.index",
            "variables/variables.data-00000-of-00001",
            "keras_metadata.pb");
    static final List<String> KINDS = List.of("truncate", "flip", "zero", "garbage", "missing", "swap");

    /** One corrupted copy. */
    record Case(int id, String file, String kind, Path dir) {}

    /** How a case ended: OK with shape and layers, ERR with the message, CRASH or HANG. */
    record Outcome(Case c, String status, String detail) {}

    @TempDir
    Path tmp;

    @Test
    void corruptSavedModelsNeverCrashHangOrChangeShapeSilently() throws Exception {
        Path intact = resource("/keras-savedmodels/dense");
        Path other = resource("/keras-savedmodels/cnn");
        String expected;
        try (TensorFlowModel m = TensorFlowModel.load(intact)) {
            expected = describe(m);
        }
        // Without keras_metadata.pb a SavedModel is described from its graph alone (no Dropout layer: it is an
        // Identity op there); a missing metadata file cannot be told from a model that never had one.
        Path bare = tmp.resolve("intact-without-metadata");
        copyTree(intact, bare);
        Files.delete(bare.resolve("keras_metadata.pb"));
        String expectedBare;
        try (TensorFlowModel m = TensorFlowModel.load(bare)) {
            expectedBare = describe(m);
        }
        List<Case> cases = corrupt(intact, other, new Random(SEED));
        long start = System.nanoTime();
        List<Outcome> outcomes = runInChildren(cases);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<String> problems = new ArrayList<>();
        int ok = 0;
        int refused = 0;
        for (Outcome o : outcomes) {
            switch (o.status()) {
                case "OK" -> {
                    ok++;
                    String want = Files.exists(o.c().dir().resolve("keras_metadata.pb")) ? expected : expectedBare;
                    if (!o.detail().equals(want)) {
                        problems.add(o + ": loaded as " + o.detail() + ", intact is " + want);
                    }
                }
                case "ERR" -> {
                    refused++;
                    String dir = o.c().dir().toAbsolutePath().toString();
                    if (!o.detail().contains(dir)) {
                        problems.add(o + ": the message does not name the model's directory or file");
                    }
                }
                default -> problems.add(o.toString());
            }
        }
        outcomes.forEach(o -> System.out.println(
                "case " + o.c().id() + " " + o.c().kind() + " " + o.c().file() + ": " + o.status() + " " + o.detail()));
        System.out.printf(
                "SavedModel corruption, seed %d: %d cases, %d loaded intact, %d refused, %d problems, %.1f s%n",
                SEED, outcomes.size(), ok, refused, problems.size(), seconds);
        assertThat(outcomes).hasSize(CASES);
        assertThat(problems).isEmpty();
    }

    /** The first 24 cases are every file × every kind; the rest are seeded draws of the byte-level kinds. */
    private List<Case> corrupt(Path intact, Path other, Random rnd) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String file = i < FILES.size() * KINDS.size()
                    ? FILES.get(i % FILES.size())
                    : FILES.get(rnd.nextInt(FILES.size()));
            String kind = i < FILES.size() * KINDS.size() ? KINDS.get(i / FILES.size()) : KINDS.get(rnd.nextInt(4));
            Path dir = tmp.resolve(String.format("case-%02d-%s-%s", i, kind, file.replaceAll("[/.]", "_")));
            copyTree(intact, dir);
            Path target = dir.resolve(file);
            byte[] bytes = Files.readAllBytes(target);
            switch (kind) {
                case "truncate" -> Files.write(target, java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length)));
                case "flip" -> {
                    for (int b = 1 + rnd.nextInt(8); b > 0; b--) {
                        int at = rnd.nextInt(bytes.length);
                        bytes[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    Files.write(target, bytes);
                }
                case "zero" -> {
                    int from = rnd.nextInt(bytes.length);
                    int to = Math.min(bytes.length, from + 1 + rnd.nextInt(64));
                    java.util.Arrays.fill(bytes, from, to, (byte) 0);
                    Files.write(target, bytes);
                }
                case "garbage" -> {
                    rnd.nextBytes(bytes);
                    Files.write(target, bytes);
                }
                case "missing" -> Files.delete(target);
                case "swap" -> {
                    Path from = Files.isRegularFile(other.resolve(file))
                            ? other.resolve(file)
                            : other.resolve("saved_model.pb");
                    Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
                }
                default -> throw new IllegalStateException(kind);
            }
            cases.add(new Case(i, file, kind, dir));
        }
        return cases;
    }

    /**
     * Runs the cases in as few child JVMs as it can: one JVM takes the cases in order and reports each; a JVM that
     * dies mid-case (a crash) or stays silent past the timeout (a hang, then killed) costs that case, and the rest
     * go to a new JVM.
     */
    private List<Outcome> runInChildren(List<Case> cases) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        int next = 0;
        while (next < cases.size()) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Child.class.getName()));
            cases.subList(next, cases.size()).forEach(c -> command.add(c.dir().toString()));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectError(tmp.resolve("child-" + next + ".err").toFile());
            pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
            Process child = pb.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the child died: seen below as no result
                }
                lines.add("EOF");
            });
            reader.setDaemon(true);
            reader.start();
            while (next < cases.size()) {
                Case c = cases.get(next);
                String line = lines.poll(CASE_TIMEOUT_S, TimeUnit.SECONDS);
                if (line == null) {
                    child.destroyForcibly().waitFor();
                    outcomes.add(new Outcome(c, "HANG", "no result in " + CASE_TIMEOUT_S + " s"));
                    next++;
                    break;
                }
                if (line.equals("EOF")) {
                    child.waitFor();
                    outcomes.add(new Outcome(c, "CRASH", "child JVM exited with " + child.exitValue()));
                    next++;
                    break;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    continue; // something else printed on stdout
                }
                String status = line.substring(0, tab);
                outcomes.add(new Outcome(c, status, line.substring(tab + 1)));
                next++;
            }
            child.waitFor(CASE_TIMEOUT_S, TimeUnit.SECONDS);
            child.destroyForcibly();
        }
        return outcomes;
    }

    static String describe(TensorFlowModel m) {
        Tensor out = m.predict(Tensor.of(new float[784], 1, 28, 28, 1));
        return java.util.Arrays.toString(out.shape().dims()) + " "
                + m.layers().stream().map(Layer::name).toList();
    }

    /** Loads each directory given and prints one tab-separated line per case: OK or ERR and the detail. */
    public static final class Child {
        public static void main(String[] dirs) {
            java.util.logging.LogManager.getLogManager().reset(); // warnings are part of a result, not of stdout
            for (String d : dirs) {
                String line;
                try (TensorFlowModel m = TensorFlowModel.load(Path.of(d))) {
                    line = "OK\t" + describe(m);
                } catch (Throwable t) {
                    line = "ERR\t" + t.getClass().getName() + ": " + t.getMessage();
                }
                System.out.println(line.replace('\n', ' ').replace('\r', ' '));
                System.out.flush();
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SavedModelCorruptionTest.class.getResource(name).toURI());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
