package org.deepjunit.report.quality;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.deepjunit.quality.history.HistoryStore;
import org.deepjunit.quality.history.RunRecord;
import org.deepjunit.report.ReportWriteException;

/**
 * Renders a project's quality history as HTML pages: {@code index.html} lists the models with their latest figures
 * and gate verdicts, and {@code <model>.html} shows, for one model,
 *
 * <ul>
 *   <li>a trend chart (PNG) per figure of the whole data set over every recorded run of the model, each point listed
 *       in a table below it with its time, test, commit, model fingerprint and dataset digest (the last 50 runs;
 *       the chart shows all). A run without a finite value of the figure is left out of the chart and marked in the
 *       table;
 *   <li>robustness curves (PNG): accuracy against ε per attack, from the latest run of each perturbation of the model
 *       (recorded as the model {@code "<model> under <perturbation>"}), with a table of those runs;
 *   <li>for the latest run of each test of the model: its gate verdicts (failed first) with the change or value, the
 *       interval and n; its figures per slice with each slice's n; its fairness rates per group as bar charts (PNG)
 *       with their intervals, and a table of its fairness figures and their verdicts; and its confusion matrix as a
 *       heat map (PNG) above a table of the counts, each cell shaded by its share of its row.
 * </ul>
 *
 * <p>DeepJUnit renders the pages of the history a run wrote into {@code quality/} of the report folder at the end of
 * the run. Render another store, such as a team's PostgreSQL history, yourself:
 *
 * <pre>{@code
 * try (HistoryStore history = HistoryStore.open("jdbc:postgresql://ci-db:5432/quality?user=ci&password=secret")) {
 *     QualityPages.write(history, "digits", Path.of("target/quality-all"));
 * }
 * }</pre>
 *
 * <p>Page file names are the model names where they are safe file names; other names ({@code "team/lenet:v2"},
 * {@code "my model"}, {@code "index"}) get their unsafe characters as {@code _} and a short digest of the name. Every
 * file is written atomically (a temporary file, then a move), so a reader never sees half a page.
 */
@API(status = EXPERIMENTAL, since = "0.4")
public final class QualityPages {

    /** The front page in the folder. */
    public static final String INDEX = IndexPage.FILE;

    private QualityPages() {}

    /**
     * Writes the pages of {@code project}'s runs in {@code history} into {@code dir}, replacing earlier pages of the
     * same models.
     *
     * @param history the store to read, e.g. {@code HistoryStore.open(url)}; left open
     * @param project the project whose runs to show
     * @param dir the folder of the pages, created with its parents when missing
     * @return the front page, {@code dir/index.html}
     * @throws ReportWriteException when the folder or a page cannot be written, naming the folder and the cause
     * @throws org.deepjunit.quality.history.HistoryException when the history cannot be read
     */
    public static Path write(HistoryStore history, String project, Path dir) throws ReportWriteException {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(dir, "dir");
        Path folder = dir.toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ReportWriteException(
                    folder, "it is a file, not a folder", "Remove the file, or write the pages into a folder", null);
        }
        List<RunRecord> runs = history.runsOf(project);
        try {
            Files.createDirectories(folder);
            List<ModelHistory> models = ModelHistory.of(runs, new PageNames(IndexPage.FILE.replace(".html", "")));
            for (ModelHistory model : models) {
                ModelPage.write(model, project, folder);
            }
            IndexPage.write(models, project, history.location(), folder);
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new ReportWriteException(
                    folder,
                    "a quality page cannot be written (" + (cause.getMessage() == null ? cause : cause.getMessage())
                            + ")",
                    "Make the folder writable, or set deepjunit.report.dir to a writable folder",
                    cause);
        }
        return folder.resolve(INDEX);
    }
}
