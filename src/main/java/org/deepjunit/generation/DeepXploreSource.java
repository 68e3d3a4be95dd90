package org.deepjunit.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** DEEPXPLORE as a {@link CandidateSource}: one batch of seeds per call, yielding the difference-inducing inputs. */
final class DeepXploreSource implements CandidateSource {

    private final Seeds seeds;
    private final DeepXplore search;
    private int batch;
    private int searched;
    private int alreadyDiffer;
    private int found;

    public DeepXploreSource(Seeds seeds, DeepXplore.Settings settings) {
        this.seeds = seeds;
        this.search = new DeepXplore(seeds.names(), seeds.models(), settings);
    }

    public DeepXplore search() {
        return search;
    }

    @Override
    public List<Candidate> nextBatch() {
        int[] ids = seeds.batch(batch++);
        if (ids.length == 0) {
            return null;
        }
        List<Candidate> out = new ArrayList<>();
        for (DeepXplore.Outcome o :
                search.search(seeds.dataset().batch(ids), ids, seeds.labels(ids), seeds.runSeed())) {
            searched++;
            switch (o.status()) {
                case ALREADY_DIFFER -> alreadyDiffer++;
                case FOUND -> {
                    found++;
                    out.add(o.candidate());
                }
                default -> {}
            }
        }
        return out;
    }

    @Override
    public String summary() {
        StringBuilder nc = new StringBuilder();
        for (int m = 0; m < seeds.names().size(); m++) {
            nc.append(m > 0 ? ", " : "")
                    .append(seeds.names().get(m))
                    .append(String.format(
                            Locale.ROOT, " %.3f", search.trackers().get(m).ratio()));
        }
        return String.format(
                Locale.ROOT,
                "DEEPXPLORE: %d seeds, %d already made the models disagree, %d of the other "
                        + "%d gave difference-inducing inputs; neuron coverage of seeds + generated inputs: %s",
                searched,
                alreadyDiffer,
                found,
                searched - alreadyDiffer,
                nc);
    }
}
