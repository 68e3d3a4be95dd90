package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * A generator's candidates rounded to integers, as 8-bit pixels are: each input is rounded to the nearest integer
 * inside the valid range and predicted again. Gradient steps land between pixel values, and many differences found
 * there vanish at 8 bits: a generator that yields disagreements keeps only those that survive, and says how many
 * vanished.
 */
@API(status = INTERNAL, since = "0.3")
public final class IntegerInputs implements CandidateSource {

    private final CandidateSource source;
    private final Seeds seeds;
    private int kept;
    private int vanished;

    private IntegerInputs(CandidateSource source, Seeds seeds) {
        this.source = source;
        this.seeds = seeds;
    }

    public static CandidateSource of(CandidateSource source, Seeds seeds) {
        return new IntegerInputs(source, seeds);
    }

    @Override
    public List<Candidate> nextBatch() {
        List<Candidate> batch = source.nextBatch();
        if (batch == null || batch.isEmpty()) {
            return batch;
        }
        Tensor[] rounded = new Tensor[batch.size()];
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = round(batch.get(i).input());
        }
        int[][] predictions = seeds.predict(Tensor.concat(rounded));
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < rounded.length; i++) {
            Candidate c = batch.get(i);
            Candidate r = new Candidate(
                    c.seedId(),
                    c.seedLabel(),
                    c.seed(),
                    rounded[i],
                    c.generator(),
                    c.method(),
                    c.parameters(),
                    seeds.predictions(predictions, i));
            if (source.yieldsDisagreements() && c.disagreement() && !r.disagreement()) {
                vanished++;
            } else {
                kept++;
                out.add(r);
            }
        }
        return out;
    }

    private Tensor round(Tensor input) {
        double[] x = input.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(seeds.max(), Math.max(seeds.min(), Math.rint(x[i])));
        }
        Tensor t = Tensor.wrap(x, input.shape());
        return t.as(input.dataType());
    }

    @Override
    public String summary() {
        return source.summary()
                + (source.yieldsDisagreements()
                        ? "; rounded to integers, " + kept + " still made the models disagree and " + vanished
                                + " no longer did"
                        : "; inputs rounded to integers");
    }

    @Override
    public boolean yieldsDisagreements() {
        return source.yieldsDisagreements();
    }
}
