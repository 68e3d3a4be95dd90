package org.deepjunit.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deepjunit.faults.FuzzReport.Outcome;
import org.deepjunit.model.ModelFiles;

/**
 * A seeded corrupt-model fuzz campaign: damages healthy model files of each {@link FuzzFormat}, loads every case
 * in child JVMs ({@link ChildBatches}) with a per-case timeout so that a crash or a hang is counted, not fatal, and
 * classifies the outcomes ({@link FuzzReport}). The same seed gives the same cases.
 *
 * <p>The full campaign: {@code mvn -B -q test-compile exec:exec@corrupt-model-fuzz -Dfuzz.args="SEED CASES"}.
 */
public final class CorruptModelFuzz {

    private final List<FuzzFormat> formats;
    private final Path work;
    private final Duration perCase;

    public CorruptModelFuzz(List<FuzzFormat> formats, Path work, Duration perCase) {
        this.formats = List.copyOf(formats);
        this.work = work;
        this.perCase = perCase;
    }

    /** One case as the child loads it. */
    record Spec(int id, FuzzFormat format, String mutation, List<String> blame, List<Path> files, String pin) {}

    public FuzzReport run(long seed, int count) throws IOException, InterruptedException {
        Map<FuzzFormat, List<Path>> originals = new HashMap<>();
        Map<FuzzFormat, String> hashes = new HashMap<>();
        List<Spec> specs = new ArrayList<>();
        for (FuzzFormat f : formats) {
            List<Path> files = f.writeOriginal(Files.createDirectories(work.resolve("original-" + f.name())));
            originals.put(f, files);
            hashes.put(f, ModelFiles.of(files.toArray(Path[]::new)).sha256());
            specs.add(new Spec(-1 - specs.size(), f, "none (healthy)", List.of(), files, null));
        }
        Random master = new Random(seed);
        for (int i = 0; i < count; i++) {
            FuzzFormat f = formats.get(i % formats.size());
            Random r = new Random(master.nextLong());
            List<Path> files = copy(originals.get(f), Files.createDirectories(work.resolve("case-" + i)));
            List<Mutation> all = new ArrayList<>(Mutations.generic(files.size()));
            all.addAll(f.mutations());
            Mutation.Done done = all.get(r.nextInt(all.size())).apply(files, r);
            specs.add(new Spec(i, f, done.description(), done.blame(), files, null));
            if (files.stream().allMatch(Files::exists)
                    && !ModelFiles.of(files.toArray(Path[]::new)).sha256().equals(hashes.get(f))) {
                specs.add(new Spec(i, f, done.description(), done.blame(), files, hashes.get(f)));
            }
        }
        Map<Spec, String> results = new ChildBatches(work, perCase).run(specs);
        return classify(seed, specs, results);
    }

    private static List<Path> copy(List<Path> originals, Path dir) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (Path p : originals) {
            copies.add(Files.copy(p, dir.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING));
        }
        return copies;
    }

    private static FuzzReport classify(long seed, List<Spec> specs, Map<Spec, String> results) {
        Map<FuzzFormat, String> healthy = new HashMap<>();
        Map<Integer, Boolean> pins = new HashMap<>();
        for (Spec s : specs) {
            String r = results.get(s);
            if (s.id() < 0) {
                if (!r.startsWith("LOADED\t")) {
                    throw new IllegalStateException("The healthy " + s.format().name() + " model does not load: " + r);
                }
                healthy.put(s.format(), r);
            } else if (s.pin() != null) {
                pins.put(
                        s.id(), r.startsWith("ERROR\torg.deepjunit.model.ModelLoadException") && r.contains("SHA-256"));
            }
        }
        List<FuzzReport.Case> cases = new ArrayList<>();
        for (Spec s : specs) {
            if (s.id() < 0 || s.pin() != null) {
                continue;
            }
            String r = results.get(s);
            String base = healthy.get(s.format());
            Outcome outcome = outcome(r, base, s.blame());
            boolean changed = outcome == Outcome.LOADED_SAME_SHAPE && !r.equals(base);
            cases.add(new FuzzReport.Case(
                    s.id(), s.format().name(), s.mutation(), outcome, r, pins.get(s.id()), changed));
        }
        return new FuzzReport(seed, cases);
    }

    private static Outcome outcome(String result, String healthy, List<String> blame) {
        if (result.startsWith("CRASH")) {
            return Outcome.CRASH;
        }
        if (result.startsWith("HANG")) {
            return Outcome.HANG;
        }
        if (result.startsWith("LOADED\t")) {
            return shape(result).equals(shape(healthy)) ? Outcome.LOADED_SAME_SHAPE : Outcome.SILENT_SHAPE_CHANGE;
        }
        if (!result.startsWith("ERROR\torg.deepjunit.model.ModelLoadException")) {
            return Outcome.OTHER_EXCEPTION;
        }
        return blame.stream().anyMatch(result::contains) ? Outcome.CLEAR_ERROR : Outcome.UNNAMED_ERROR;
    }

    private static String shape(String loaded) {
        return loaded.substring(0, loaded.indexOf(" sum "));
    }

    /** Runs a campaign: {@code SEED [CASES [WORK_DIR]]}; prints the figures per category. */
    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : System.nanoTime();
        int cases = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("deepjunit-fuzz-");
        FuzzReport report = new CorruptModelFuzz(
                        List.of(new Dl4jZipFuzzFormat(), new KerasFuzzFormat()), work, Duration.ofSeconds(60))
                .run(seed, cases);
        System.out.print(report.figures());
        for (FuzzReport.Case c : report.cases()) {
            if (c.outcome() != Outcome.LOADED_SAME_SHAPE && c.outcome() != Outcome.CLEAR_ERROR
                    || Boolean.FALSE.equals(c.pinCaught())) {
                System.out.println("  case " + c.id() + " " + c.format() + " [" + c.mutation() + "] " + c.outcome()
                        + " pin " + c.pinCaught() + ": " + c.detail());
            }
        }
        System.out.println("Files under " + work);
    }
}
