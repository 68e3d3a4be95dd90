package org.deepjunit.quality.history;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The version-control commit a build tests, for {@link RunRecord#commit()}: from the CI's environment variable
 * ({@code GITHUB_SHA}, {@code CI_COMMIT_SHA} of GitLab, {@code GIT_COMMIT} of Jenkins, in this order) when set,
 * otherwise read from the {@code .git} folder found from a folder upwards, without running git: {@code HEAD} and
 * the branch it names (a loose ref file or {@code packed-refs}), or a detached {@code HEAD}'s commit; worktrees and
 * submodules ({@code .git} files) too.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class Commit {

    /** The CI variables that name the commit being built, in order of precedence. */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of("GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT");

    private static final Pattern ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final int MAX_SYMBOLIC_DEPTH = 5;

    private Commit() {}

    /** The commit of {@code dir}'s repository, the process environment's CI variables first. */
    public static Optional<String> detect(Path dir) {
        return detect(dir, System.getenv());
    }

    /** The commit of {@code dir}'s repository, the CI variables in {@code env} first; empty if none is found. */
    public static Optional<String> detect(Path dir, Map<String, String> env) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(env, "env");
        for (String variable : ENVIRONMENT_VARIABLES) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        try {
            Optional<Path> gitDir = gitDir(dir.toAbsolutePath().normalize());
            return gitDir.isPresent() ? resolve(gitDir.get(), "HEAD", 0) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable repository is a run without a commit, not a failed test
        }
    }

    private static Optional<Path> gitDir(Path dir) throws IOException {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path git = d.resolve(".git");
            if (Files.isDirectory(git)) {
                return Optional.of(git);
            }
            if (Files.isRegularFile(git)) { // a worktree or submodule: "gitdir: <path>"
                String line = firstLine(git);
                if (line.startsWith("gitdir:")) {
                    return Optional.of(
                            d.resolve(line.substring("gitdir:".length()).strip())
                                    .normalize());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> resolve(Path gitDir, String ref, int depth) throws IOException {
        if (depth > MAX_SYMBOLIC_DEPTH) {
            return Optional.empty();
        }
        Optional<String> content = readRef(gitDir, ref);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        String value = content.get();
        if (value.startsWith("ref:")) {
            return resolve(gitDir, value.substring("ref:".length()).strip(), depth + 1);
        }
        return ID.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /** A loose ref file in the git folder or its common folder (worktrees), else a line of packed-refs. */
    private static Optional<String> readRef(Path gitDir, String ref) throws IOException {
        Path common = commonDir(gitDir);
        for (Path base : List.of(gitDir, common)) {
            Path file = base.resolve(ref);
            if (Files.isRegularFile(file)) {
                return Optional.of(firstLine(file));
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.startsWith("^")) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).strip().equals(ref)) {
                    return Optional.of(line.substring(0, space));
                }
            }
        }
        return Optional.empty();
    }

    private static Path commonDir(Path gitDir) throws IOException {
        Path file = gitDir.resolve("commondir");
        return Files.isRegularFile(file) ? gitDir.resolve(firstLine(file)).normalize() : gitDir;
    }

    private static String firstLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0).strip();
    }
}
