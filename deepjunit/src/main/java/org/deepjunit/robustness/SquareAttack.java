package org.deepjunit.robustness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.deepjunit.model.Model;

/**
 * The Square attack (Andriushchenko et al. 2020), L∞: score-based, it needs only the model's outputs, so it
 * covers models and pipelines without gradients. It starts from vertical stripes of ±ε, then, for at most {@code
 * queries} model queries per sample, redraws one random square window at the ball's vertices (±ε per channel) and
 * keeps the change when the margin {@code z_y − max_{j≠y} z_j} falls; a sample stops once misclassified. The
 * window covers a share {@code p} of the image, starting at {@code pInit} and halved on the paper's schedule.
 * Samples are images {@code [height, width, channels]} or vectors {@code [d]} (windows are then runs of elements).
 * Defaults: 1,000 queries, {@code pInit} 0.05, seed 0.
 *
 * <pre>{@code
 * Tensor adversarial = Attacks.square(0.2).queries(500).seed(3).apply(pipeline, images, labels);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class SquareAttack extends Attack {

    private final int queries;
    private final double pInit;

    SquareAttack(double epsilon, double min, double max, long seed, int queries, double pInit) {
        super(epsilon, min, max, seed);
        if (queries < 1) {
            throw new IllegalArgumentException("The Square attack needs at least one query, got " + queries);
        }
        if (!(pInit > 0 && pInit <= 1)) {
            throw new IllegalArgumentException(
                    "pInit is the share of the image a window covers, in (0, 1]; got " + pInit);
        }
        this.queries = queries;
        this.pInit = pInit;
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public SquareAttack epsilon(double epsilon) {
        return new SquareAttack(epsilon, min, max, seed, queries, pInit);
    }

    @Override
    public SquareAttack range(double min, double max) {
        return new SquareAttack(epsilon, min, max, seed, queries, pInit);
    }

    @Override
    public SquareAttack seed(long seed) {
        return new SquareAttack(epsilon, min, max, seed, queries, pInit);
    }

    /** This attack with at most {@code queries} model queries per sample. */
    public SquareAttack queries(int queries) {
        return new SquareAttack(epsilon, min, max, seed, queries, pInit);
    }

    /** This attack with windows first covering the share {@code pInit} of the image. */
    public SquareAttack pInit(double pInit) {
        return new SquareAttack(epsilon, min, max, seed, queries, pInit);
    }

    @Override
    double[] perturb(Model model, Batch batch, double[] eps) {
        Grid grid = Grid.of(batch);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = batch.x();
        double[] best = x.clone();
        for (int i = 0; i < batch.n(); i++) {
            for (int col = 0; col < grid.width; col++) {
                for (int ch = 0; ch < grid.channels; ch++) {
                    double delta = random.nextBoolean() ? eps[i] : -eps[i];
                    for (int row = 0; row < grid.height; row++) {
                        int j = grid.index(i, row, col, ch);
                        best[j] = x[j] + delta;
                    }
                }
            }
        }
        Balls.project(Norm.LINF, batch, best, eps);
        double[] margin = margins(model, batch, best, all(batch.n()));
        for (int it = 1; it < queries; it++) {
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < batch.n(); i++) {
                if (margin[i] > 0) {
                    active.add(i);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            int[] window = grid.window(share(it));
            double[] candidates = new double[active.size() * batch.d()];
            for (int a = 0; a < active.size(); a++) {
                int i = active.get(a);
                System.arraycopy(best, i * batch.d(), candidates, a * batch.d(), batch.d());
                redraw(grid, batch, candidates, a, i, eps[i], window, random);
            }
            double[] tried = margins(
                    model,
                    batch,
                    candidates,
                    active.stream().mapToInt(Integer::intValue).toArray());
            for (int a = 0; a < active.size(); a++) {
                int i = active.get(a);
                if (tried[a] < margin[i]) {
                    margin[i] = tried[a];
                    System.arraycopy(candidates, a * batch.d(), best, i * batch.d(), batch.d());
                }
            }
        }
        return best;
    }

    /** Sets one random window of candidate {@code a} (sample {@code i}) to a vertex: ±ε per channel, clipped. */
    private static void redraw(
            Grid grid, Batch batch, double[] candidates, int a, int i, double eps, int[] window, SplittableRandom r) {
        double[] x = batch.x();
        int top = r.nextInt(grid.height - window[0] + 1);
        int left = r.nextInt(grid.width - window[1] + 1);
        // as the paper's code does, draw again while the new window would equal the current one (a wasted query)
        for (int tries = 0; tries < 10; tries++) {
            boolean changed = false;
            for (int ch = 0; ch < grid.channels; ch++) {
                double delta = r.nextBoolean() ? eps : -eps;
                for (int row = top; row < top + window[0]; row++) {
                    for (int col = left; col < left + window[1]; col++) {
                        int j = grid.index(i, row, col, ch);
                        double v = Math.min(batch.max(), Math.max(batch.min(), x[j] + delta));
                        int c = j - i * batch.d() + a * batch.d();
                        changed |= Math.abs(candidates[c] - v) > 1e-7;
                        candidates[c] = v;
                    }
                }
            }
            if (changed) {
                return;
            }
        }
    }

    private static double[] margins(Model model, Batch batch, double[] values, int[] samples) {
        batch.queries().add(samples.length);
        Scores scores = Scores.of(
                model.predict(batch.tensor(values, samples.length)),
                Arrays.stream(samples).map(i -> batch.labels()[i]).toArray());
        double[] m = new double[samples.length];
        for (int a = 0; a < samples.length; a++) {
            m[a] = scores.margin(a, batch.labels()[samples[a]]);
        }
        return m;
    }

    /** The window's share of the image at iteration {@code it}: the paper's halving schedule over 10,000 queries. */
    double share(int it) {
        int scaled = (int) ((long) it * 10_000 / queries);
        int[] bounds = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
        int halvings = 0;
        for (int bound : bounds) {
            if (scaled > bound) {
                halvings++;
            }
        }
        return pInit / (1 << halvings);
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    @Override
    public String name() {
        return "square(eps=" + epsilon + ", queries=" + queries + ", pInit=" + pInit + ", seed=" + seed + rangeName()
                + ")";
    }

    /** Where a sample's elements lie: channels-last images, or vectors as one row of one channel. */
    record Grid(int height, int width, int channels, int d) {

        static Grid of(Batch batch) {
            int[] s = batch.shape();
            if (s.length == 4) {
                return new Grid(s[1], s[2], s[3], batch.d());
            }
            if (s.length == 2) {
                return new Grid(1, s[1], 1, batch.d());
            }
            throw new IllegalArgumentException("The Square attack takes images [n, height, width, channels] or"
                    + " vectors [n, d]; got inputs of shape " + Arrays.toString(s));
        }

        int index(int sample, int row, int col, int ch) {
            return sample * d + (row * width + col) * channels + ch;
        }

        /** The window's height and width for share {@code p} of the image: a square, or a run for vectors. */
        int[] window(double p) {
            if (height == 1) {
                return new int[] {1, (int) Math.max(1, Math.min(width, Math.round(p * width)))};
            }
            int side = (int) Math.max(1, Math.min(Math.min(height, width), Math.round(Math.sqrt(p * height * width))));
            return new int[] {side, side};
        }
    }
}
