package org.deepjunit.quality.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit detection against real repositories made by git itself. */
class CommitTest {

    @TempDir
    Path dir;

    private String git(Path in, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "git", "-c", "user.name=DeepJUnit", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", dir.toString()); // no user or system configuration
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("git " + String.join(" ", args) + ": " + out)
                .isZero();
        return out;
    }

    private Path repoWithTwoCommits() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "-c", "init.defaultBranch=main", "init", "-q");
        Files.writeString(repo.resolve("a.txt"), "one");
        git(repo, "add", "a.txt");
        git(repo, "commit", "-q", "-m", "first");
        Files.writeString(repo.resolve("a.txt"), "two");
        git(repo, "commit", "-q", "-am", "second");
        Files.createDirectories(repo.resolve("module/src/test"));
        return repo;
    }

    @Test
    void anAttachedHeadGivesItsBranchsCommitFromAnyFolderBelow() throws Exception {
        Path repo = repoWithTwoCommits();
        String head = git(repo, "rev-parse", "HEAD");
        assertThat(Files.isRegularFile(repo.resolve(".git/refs/heads/main"))).isTrue();
        assertThat(Commit.detect(repo, Map.of())).contains(head);
        assertThat(Commit.detect(repo.resolve("module/src/test"), Map.of())).contains(head);
    }

    @Test
    void packedRefsAreRead() throws Exception {
        Path repo = repoWithTwoCommits();
        String head = git(repo, "rev-parse", "HEAD");
        git(repo, "pack-refs", "--all");
        assertThat(Files.exists(repo.resolve(".git/refs/heads/main")))
                .as("the loose ref is gone")
                .isFalse();
        assertThat(Files.readString(repo.resolve(".git/packed-refs"))).contains(head + " refs/heads/main");
        assertThat(Commit.detect(repo.resolve("module"), Map.of())).contains(head);
    }

    @Test
    void aDetachedHeadGivesItsCommit() throws Exception {
        Path repo = repoWithTwoCommits();
        String first = git(repo, "rev-parse", "HEAD~1");
        git(repo, "checkout", "-q", "--detach", "HEAD~1");
        assertThat(Files.readString(repo.resolve(".git/HEAD")).strip()).isEqualTo(first);
        assertThat(Commit.detect(repo, Map.of())).contains(first);
    }

    @Test
    void aWorktreeFindsItsOwnHead() throws Exception {
        Path repo = repoWithTwoCommits();
        String first = git(repo, "rev-parse", "HEAD~1");
        git(repo, "worktree", "add", "-q", "-b", "old", "../wt", "HEAD~1");
        assertThat(Files.isRegularFile(dir.resolve("wt/.git")))
                .as(".git is a file in a worktree")
                .isTrue();
        git(repo, "pack-refs", "--all");
        assertThat(Commit.detect(dir.resolve("wt"), Map.of())).contains(first);
    }

    @Test
    void aRepositoryWithoutCommitsOrNoRepositoryGivesNothing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        git(empty, "init", "-q");
        assertThat(Commit.detect(empty, Map.of())).isEmpty();
        Path plain = Files.createDirectories(dir.resolve("plain/folder"));
        if (!hasGitAbove(plain)) {
            assertThat(Commit.detect(plain, Map.of())).isEmpty();
        }
    }

    @Test
    void ciVariablesWinInTheirOrderAndBlankOnesAreIgnored() throws Exception {
        Path repo = repoWithTwoCommits();
        assertThat(Commit.detect(repo, Map.of("GIT_COMMIT", "jenkins1", "CI_COMMIT_SHA", "gitlab1")))
                .contains("gitlab1");
        assertThat(Commit.detect(repo, Map.of("GIT_COMMIT", "jenkins1", "GITHUB_SHA", "github1", "CI_COMMIT_SHA", "x")))
                .contains("github1");
        assertThat(Commit.detect(repo, Map.of("GIT_COMMIT", " jenkins1\n"))).contains("jenkins1");
        assertThat(Commit.detect(repo, Map.of("GITHUB_SHA", "  "))).contains(git(repo, "rev-parse", "HEAD"));
        assertThat(Commit.detect(dir.resolve("nowhere"), Map.of("GITHUB_SHA", "abc")))
                .contains("abc");
    }

    private static boolean hasGitAbove(Path p) {
        for (Path d = p.toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }
}
