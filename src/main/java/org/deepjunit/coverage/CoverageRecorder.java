package org.deepjunit.coverage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.deepjunit.model.Model;
import org.deepjunit.model.ForwardEvent;
import org.deepjunit.model.ForwardListener;
import org.deepjunit.model.Layer;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.data.DataFormatException;

/**
 * The forward listener that records coverage: each event's neuron values go into a private delta, which is merged
 * into every target (the test's, the class's and the run's data). Thread-safe; one per test invocation.
 */
public final class CoverageRecorder implements ForwardListener {

    private record Prepared(String key, String fingerprint, List<Layer> layers, Profile profile) {
    }

    private static final Map<Model, String> FINGERPRINTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Model, Map<RecordingSpec, Prepared>> PREPARED =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<String, ProfileData> DATA = new java.util.concurrent.ConcurrentHashMap<>();

    private final CoverageSettings settings;
    private final Path profileDir;
    private final List<CoverageData> targets;
    private final Consumer<Model> observed;

    /** @param observed told of every model whose forward pass is recorded */
    public CoverageRecorder(CoverageSettings settings, Path profileDir, List<CoverageData> targets,
                            Consumer<Model> observed) {
        this.settings = settings;
        this.profileDir = profileDir;
        this.targets = List.copyOf(targets);
        this.observed = observed;
    }

    @Override
    public boolean wantsNeuronValues() {
        return true;
    }

    @Override
    public void onForward(ForwardEvent event) {
        Model model = event.model();
        observed.accept(model);
        Prepared p = prepare(model, settings.spec(), profileDir);
        ModelCoverage delta = new ModelCoverage(model.name(), p.fingerprint(), settings.spec(), p.profile(), p.layers());
        delta.request(settings.threshold(), settings.scaled());
        delta.record(event.neuronValues());
        for (CoverageData target : targets) {
            target.add(delta);
        }
    }

    /** Fingerprint, counted layers and profile of a model under a spec, computed once per model instance. */
    static Prepared prepare(Model model, RecordingSpec spec, Path profileDir) {
        Map<RecordingSpec, Prepared> bySpec;
        synchronized (PREPARED) {
            bySpec = PREPARED.computeIfAbsent(model, m -> new java.util.concurrent.ConcurrentHashMap<>());
        }
        Prepared cached = bySpec.get(spec);
        if (cached != null) {
            return cached;
        }
        synchronized (bySpec) {
            cached = bySpec.get(spec);
            if (cached != null) {
                return cached;
            }
            String fingerprint = fingerprint(model);
            List<Layer> layers;
            try {
                layers = spec.select(model);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage(), e);
            }
            Profile profile = null;
            if (spec.hasProfile()) {
                try {
                    ProfileData data = DATA.get(spec.profileData() + "|" + spec.profileScale());
                    if (data == null) {
                        data = ProfileData.load(spec.profileData(), spec.profileScale());
                        DATA.put(spec.profileData() + "|" + spec.profileScale(), data);
                    }
                    profile = Profiles.profile(model, fingerprint, data, layers, profileDir);
                } catch (IOException | DataFormatException e) {
                    throw new ConfigurationException("Cannot read profile data for model " + model.name()
                            + ": " + e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(e.getMessage(), e);
                }
            }
            Prepared p = new Prepared(ModelCoverage.class.getName(), fingerprint, layers, profile);
            bySpec.put(spec, p);
            return p;
        }
    }

    static String fingerprint(Model model) {
        String f = FINGERPRINTS.get(model);
        if (f == null) {
            f = model.fingerprint();
            FINGERPRINTS.put(model, f);
        }
        return f;
    }
}
