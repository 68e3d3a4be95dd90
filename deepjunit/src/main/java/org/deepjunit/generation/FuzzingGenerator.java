package org.deepjunit.generation;

import org.deepjunit.config.Configuration;

/** {@link Fuzzing}'s generator. */
final class FuzzingGenerator implements InputGenerator<Fuzzing> {

    /** Draws per mutant until one is valid. */
    private static final int TRIES = 5;

    private int iterations;
    private double threshold;
    private double alpha;
    private double beta;

    @Override
    public String name() {
        return "FUZZ";
    }

    @Override
    public void configure(Fuzzing a, Configuration configuration) {
        iterations = configuration.resolve(
                GenerationKeys.FUZZING_ITERATIONS, a.iterations(), a.iterations() != -1, "@Fuzzing(iterations)");
        threshold = configuration.resolve(
                GenerationKeys.FUZZING_THRESHOLD, a.threshold(), !Double.isNaN(a.threshold()), "@Fuzzing(threshold)");
        alpha = configuration.resolve(
                GenerationKeys.FUZZING_ALPHA, a.alpha(), !Double.isNaN(a.alpha()), "@Fuzzing(alpha)");
        beta = configuration.resolve(GenerationKeys.FUZZING_BETA, a.beta(), !Double.isNaN(a.beta()), "@Fuzzing(beta)");
    }

    @Override
    public CandidateSource start(Seeds seeds) {
        seeds.requireImages(name());
        return new FuzzSource(seeds, threshold, alpha, beta, iterations, TRIES);
    }
}
