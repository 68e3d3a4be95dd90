package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.deepjunit.model.ForwardEvent;
import org.deepjunit.model.ForwardListener;
import org.deepjunit.model.Model;

/**
 * The forward listener that records coverage: each event's neuron values go into a private delta, which is merged
 * into every target (the test's, the class's and the run's data). Thread-safe; one per test invocation.
 */
@API(status = INTERNAL, since = "0.1")
public final class CoverageRecorder implements ForwardListener {

    /**
     * This thread's last delta, cleared and reused by the next pass over the same model: a wide layer's delta is
     * megabytes, and allocating one per pass cost more than recording into it. The targets copy what is merged.
     */
    private static final ThreadLocal<ModelCoverage> LAST_DELTA = new ThreadLocal<>();

    private final CoverageSettings settings;
    private final CoverageCaches caches;
    private final List<CoverageData> targets;
    private final Consumer<Model> observed;
    private final boolean generated;

    /**
     * @param targets   the data every recorded pass is merged into (the test's, the class's and the run's)
     * @param observed  told of every model whose forward pass is recorded
     * @param generated whether the passes are on generated inputs ({@code @GeneratedInputs}), for the growth plot
     */
    public CoverageRecorder(
            CoverageSettings settings,
            CoverageCaches caches,
            List<CoverageData> targets,
            Consumer<Model> observed,
            boolean generated) {
        this.settings = settings;
        this.caches = caches;
        this.targets = List.copyOf(targets);
        this.observed = observed;
        this.generated = generated;
    }

    @Override
    public boolean wantsNeuronValues() {
        return true;
    }

    @Override
    public void onForward(ForwardEvent event) {
        Model model = event.model();
        observed.accept(model);
        CoverageCaches.Prepared p = caches.prepare(model, settings.spec());
        ModelCoverage delta = LAST_DELTA.get();
        if (delta != null
                && delta.key().equals(ModelCoverage.key(model.name(), p.fingerprint(), settings.spec()))
                && delta.profile() == p.profile()) {
            delta.clear();
        } else {
            delta = new ModelCoverage(model.name(), p.fingerprint(), settings.spec(), p.profile(), p.layers());
            LAST_DELTA.set(delta);
        }
        delta.request(settings.threshold(), settings.scaled());
        delta.addFiles(model.files().entries());
        delta.record(event.neuronValues(), generated);
        for (CoverageData target : targets) {
            target.add(delta);
        }
    }
}
