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

/**
 * A seeded corrupt-model fuzz campaign: damages healthy model files of each {@link FuzzFormat}, loads every case
 * in child JVMs ({@link ChildBatches}) with a per-case timeout so that a crash or a hang is counted, not fatal, and
 * classifies the outcomes ({@link FuzzReport}). The same seed gives the same cases.
 *
 * <p>The full campaign over {@link #FORMATS}:
 * {@code mvn -B -q -pl deepjunit test-compile exec:exec@corrupt-model-fuzz -Dfuzz.args="SEED CASES"}.
 */
public final class CorruptModelFuzz {

    /** Every format the campaign and the suite fuzz, cases spread evenly over them. */
    static final List<FuzzFormat> FORMATS =
            List.of(new Dl4jZipFuzzFormat(), new KerasFuzzFormat(), new SavedModelFuzzFormat(), new OnnxFuzzFormat());

    private final List<FuzzFormat> formats;
    private final Path work;
    private final Duration perCase;

    public CorruptModelFuzz(List<FuzzFormat> formats, Path work, Duration perCase) {
        this.formats = List.copyOf(formats);
        this.work = work;
        this.perCase = perCase;
    }

    /** One case as the child loads it; a healthy model (a baseline) has a negative id. */
    record Spec(int id, FuzzFormat format, Mutation.Done done, List<Path> files, String pin) {}

    public FuzzReport run(long seed, int count) throws IOException, InterruptedException {
        Map<FuzzFormat, Path> roots = new HashMap<>();
        Map<FuzzFormat, List<Path>> originals = new HashMap<>();
        Map<FuzzFormat, String> hashes = new HashMap<>();
        List<Spec> specs = new ArrayList<>();
        for (FuzzFormat f : formats) {
            Path root = Files.createDirectories(work.resolve("original-" + f.name()));
            List<Path> files = f.writeOriginal(root);
            roots.put(f, root);
            originals.put(f, files);
            hashes.put(f, f.sha256(files));
            specs.add(new Spec(-1 - specs.size(), f, HEALTHY, files, null));
            for (String optional : f.optionalFiles()) {
                List<Path> without = copy(root, files, work.resolve("original-" + f.name() + "-without-" + optional));
                Files.delete(without.get(names(files).indexOf(optional)));
                specs.add(new Spec(-1 - specs.size(), f, HEALTHY, without, null));
            }
        }
        Random master = new Random(seed);
        for (int i = 0; i < count; i++) {
            FuzzFormat f = formats.get(i % formats.size());
            Random r = new Random(master.nextLong());
            List<Path> files = copy(roots.get(f), originals.get(f), work.resolve("case-" + i));
            List<Mutation> all = new ArrayList<>(Mutations.generic(files.size()));
            all.addAll(f.mutations());
            Mutation.Done done = all.get(r.nextInt(all.size())).apply(files, r);
            specs.add(new Spec(i, f, done, files, null));
            if (files.stream().allMatch(Files::exists) && !f.sha256(files).equals(hashes.get(f))) {
                specs.add(new Spec(i, f, done, files, hashes.get(f)));
            }
        }
        Map<Spec, String> results = new ChildBatches(work, perCase).run(specs);
        return classify(seed, specs, results);
    }

    private static final Mutation.Done HEALTHY = new Mutation.Done("none", "none (healthy)", List.of());

    /** Copies {@code files}, which lie below {@code root}, to the same places below {@code to}. */
    private static List<Path> copy(Path root, List<Path> files, Path to) throws IOException {
        List<Path> copies = new ArrayList<>();
        for (Path p : files) {
            Path copy = to.resolve(root.relativize(p).toString());
            Files.createDirectories(copy.getParent());
            copies.add(Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING));
        }
        return copies;
    }

    /** The files' names as {@link FuzzFormat#optionalFiles} gives them. */
    private static List<String> names(List<Path> files) {
        return files.stream().map(Mutations::name).toList();
    }

    /** Which healthy model a case compares with: its format's, without the optional files the case lacks. */
    private static String baseline(Spec s) {
        StringBuilder key = new StringBuilder(s.format().name());
        for (String optional : s.format().optionalFiles()) {
            if (!Files.exists(s.files().get(names(s.files()).indexOf(optional)))) {
                key.append(" without ").append(optional);
            }
        }
        return key.toString();
    }

    private static FuzzReport classify(long seed, List<Spec> specs, Map<Spec, String> results) {
        Map<String, String> healthy = new HashMap<>();
        Map<Integer, Boolean> pins = new HashMap<>();
        for (Spec s : specs) {
            String r = results.get(s);
            if (s.id() < 0) {
                if (!r.startsWith("LOADED\t")) {
                    throw new IllegalStateException("The healthy " + baseline(s) + " model does not load: " + r);
                }
                healthy.put(baseline(s), r);
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
            String base = healthy.get(baseline(s));
            Outcome outcome =
                    outcome(r, base, s.format().blame(s.files(), s.done().blame()));
            boolean changed = outcome == Outcome.LOADED_SAME_SHAPE && !r.equals(base);
            cases.add(new FuzzReport.Case(
                    s.id(),
                    s.format().name(),
                    s.done().category(),
                    s.done().description(),
                    outcome,
                    r,
                    pins.get(s.id()),
                    changed));
        }
        return new FuzzReport(seed, cases);
    }

    /**
     * A load is {@link Outcome#LOADED_SAME_SHAPE} only when it predicts the healthy model's output shape through the
     * healthy model's layers (the worker's detail up to the output's sum); a refusal is clear when it names one of
     * {@code blame}.
     */
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

    /** Runs a campaign over {@link #FORMATS}: {@code SEED [CASES [WORK_DIR]]}; prints the figures per category. */
    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : System.nanoTime();
        int cases = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("deepjunit-fuzz-");
        long start = System.nanoTime();
        FuzzReport report = new CorruptModelFuzz(FORMATS, work, Duration.ofSeconds(60)).run(seed, cases);
        System.out.print(report.figures());
        for (FuzzReport.Case c : report.problems()) {
            System.out.println("  case " + c.id() + " " + c.format() + " [" + c.mutation() + "] " + c.outcome()
                    + " pin " + c.pinCaught() + ": " + c.detail());
        }
        System.out.printf("%.0f s; files under %s%n", (System.nanoTime() - start) / 1e9, work);
    }
}
