package org.deepjunit;

import java.util.List;
import java.util.Map;
import org.deepjunit.config.Configuration;
import org.deepjunit.generation.Candidate;
import org.deepjunit.generation.CandidateSource;
import org.deepjunit.generation.InputGenerator;
import org.deepjunit.generation.InputsSource;
import org.deepjunit.generation.Seeds;
import org.deepjunit.model.Tensor;

/**
 * A generator of one's own for tests of {@code @InputsSource}: one candidate per seed, in seed order, made by a
 * fixed change of the seed's pixels, predicted by the first model.
 */
abstract class PerSeedGenerator implements InputGenerator<InputsSource> {

    private final String generator;
    private final String method;

    /** {@code generator} names it in summaries and metadata; {@code method} names the change. */
    PerSeedGenerator(String generator, String method) {
        this.generator = generator;
        this.method = method;
    }

    /** Changes a copy of a seed's pixels in place; {@code width} is the image's. */
    abstract void change(float[] pixels, int width);

    @Override
    public String name() {
        return generator.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public void configure(InputsSource annotation, Configuration configuration) {}

    @Override
    public CandidateSource start(Seeds seeds) {
        return new CandidateSource() {
            private int next;

            @Override
            public List<Candidate> nextBatch() {
                if (next == seeds.ids().length) {
                    return null;
                }
                int id = seeds.ids()[next++];
                Tensor seed = seeds.dataset().sample(id);
                float[] x = seed.toFloatArray();
                change(x, seed.shape().dim(seed.shape().rank() - 2));
                Tensor changed = Tensor.wrap(x, seed.shape());
                int label = seeds.models().get(0).predict(changed).argMax()[0];
                return List.of(new Candidate(
                        id,
                        seeds.dataset().label(id),
                        seed,
                        changed,
                        generator,
                        method,
                        Map.of(),
                        Map.of(seeds.names().get(0), label)));
            }

            @Override
            public String summary() {
                return name() + ": " + next + " seeds";
            }
        };
    }
}
