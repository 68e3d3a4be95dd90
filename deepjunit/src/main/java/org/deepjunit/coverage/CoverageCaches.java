package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.data.DataFormatException;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;

/**
 * What recording coverage computes once per run rather than per forward pass: each model's fingerprint, its
 * counted layers and profile per recording spec, the profile datasets and profiles. One instance per run, kept in
 * JUnit's root store, so that nothing outlives the run (a profile dataset holds whole training sets).
 */
@API(status = INTERNAL, since = "0.1")
public final class CoverageCaches {

    /** A model prepared for a spec: its fingerprint, counted layers and profile (null without one). */
    record Prepared(String fingerprint, List<Layer> layers, Profile profile) {}

    private final Path profileDir;
    private final Map<Model, String> fingerprints = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Model, Map<RecordingSpec, Prepared>> prepared = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, ProfileData> profileData = new ConcurrentHashMap<>();
    private final Map<String, Profile> profiles = new ConcurrentHashMap<>();

    /** @param profileDir where profiles are cached as files across runs and forks */
    public CoverageCaches(Path profileDir) {
        this.profileDir = profileDir;
    }

    /** Fingerprint, counted layers and profile of a model under a spec, computed once per model instance. */
    Prepared prepare(Model model, RecordingSpec spec) {
        Map<RecordingSpec, Prepared> bySpec;
        synchronized (prepared) {
            bySpec = prepared.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
        }
        Prepared cached = bySpec.get(spec);
        if (cached != null) {
            return cached;
        }
        synchronized (bySpec) {
            return bySpec.computeIfAbsent(spec, s -> compute(model, s));
        }
    }

    private Prepared compute(Model model, RecordingSpec spec) {
        String fingerprint = fingerprints.computeIfAbsent(model, Model::fingerprint);
        List<Layer> layers;
        try {
            layers = spec.select(model);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        if (!spec.hasProfile()) {
            return new Prepared(fingerprint, layers, null);
        }
        try {
            ProfileData data = profileData.computeIfAbsent(
                    spec.profileData() + "|" + spec.profileScale(),
                    k -> ProfileData.load(spec.profileData(), spec.profileScale()));
            return new Prepared(
                    fingerprint, layers, Profiles.profile(model, fingerprint, data, layers, profileDir, profiles));
        } catch (IOException | DataFormatException e) {
            throw new ConfigurationException(
                    "Cannot read profile data for model " + model.name() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }
}
