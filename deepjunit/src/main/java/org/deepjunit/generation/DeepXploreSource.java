package org.deepjunit.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DEEPXPLORE as a {@link CandidateSource}: one batch of seeds per call, yielding the difference-inducing inputs in
 * seed order. A seed the models already disagree on is one, found at step 0. When the time budget ends a batch's
 * search, only the outcomes before its first unfinished seed are yielded, so that invocation [n] is the same input
 * whatever the budget.
 */
final class DeepXploreSource implements CandidateSource {

    private final Seeds seeds;
    private final DeepXplore search;
    private int batch;
    private int searched;
    private int alreadyDiffer;
    private int found;
    private int unfinished;

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
        if (ids.length == 0 || unfinished > 0) { // after a cut, later seeds would take the cut seeds' numbers
            return null;
        }
        List<Candidate> out = new ArrayList<>();
        List<DeepXplore.Outcome> outcomes =
                search.search(seeds.dataset().batch(ids), ids, seeds.labels(ids), seeds.runSeed(), seeds.deadline());
        for (DeepXplore.Outcome o : outcomes) {
            if (o.status() == DeepXplore.Status.UNFINISHED) {
                unfinished = (int) outcomes.stream()
                        .filter(u -> u.status() == DeepXplore.Status.UNFINISHED)
                        .count();
                break;
            }
            searched++;
            switch (o.status()) {
                case ALREADY_DIFFER -> {
                    alreadyDiffer++;
                    out.add(o.candidate());
                }
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
    public boolean yieldsDisagreements() {
        return true;
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
        StringBuilder gradients = new StringBuilder();
        for (int m = 0; m < seeds.names().size(); m++) {
            String source = seeds.models().get(m).gradientSource();
            if (!source.equals("exact")) {
                gradients
                        .append("; gradients of ")
                        .append(seeds.names().get(m))
                        .append(": ")
                        .append(source);
            }
        }
        return String.format(
                        Locale.ROOT,
                        "DEEPXPLORE: %d seeds searched%s, %d already made the models disagree (step 0), %d of the other "
                                + "%d gave difference-inducing inputs; neuron coverage of seeds + generated inputs: %s",
                        searched,
                        unfinished == 0 ? "" : " (" + unfinished + " more cut short by the time budget)",
                        alreadyDiffer,
                        found,
                        searched - alreadyDiffer,
                        nc)
                + gradients;
    }
}
