package org.deepjunit.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deepjunit.model.Layer;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.Shape;

/** The data file's JSON form of {@link CoverageData} ({@value CoverageData#FORMAT}), both ways. */
final class CoverageDataJson {

    private CoverageDataJson() {}

    /** {@code data} as JSON; the caller holds its lock. */
    static ObjectNode toJson(CoverageData data) {
        ObjectNode root = CoverageData.json().createObjectNode();
        root.put("format", CoverageData.FORMAT);
        ArrayNode ms = root.putArray("models");
        for (ModelCoverage m : data.models()) {
            synchronized (m) {
                ObjectNode mn = ms.addObject();
                mn.put("name", m.name());
                mn.put("fingerprint", m.fingerprint());
                RecordingSpec s = m.spec();
                ObjectNode sn = mn.putObject("spec");
                sn.put("k", s.k());
                sn.put("topK", s.topK());
                s.include().forEach(sn.putArray("include")::add);
                s.exclude().forEach(sn.putArray("exclude")::add);
                if (s.profileData() != null) {
                    sn.put("profileData", s.profileData());
                }
                sn.put("profileScale", s.profileScale());
                if (m.profile() != null) {
                    ObjectNode pn = mn.putObject("profile");
                    pn.put("dataHash", m.profile().dataHash());
                    pn.put("samples", m.profile().samples());
                }
                mn.put("samples", m.samples());
                m.requested().forEach(mn.putArray("requested")::add);
                ArrayNode fs = mn.putArray("files");
                for (ModelFiles.Entry f : m.files()) {
                    fs.addObject().put("path", f.path()).put("sha256", f.sha256());
                }
                ArrayNode pat = mn.putArray("patterns");
                for (long p : m.patterns()) {
                    pat.add(Long.toHexString(p));
                }
                ArrayNode ls = mn.putArray("layers");
                for (LayerCoverage l : m.layers().values()) {
                    ObjectNode ln = ls.addObject();
                    ln.put("name", l.name);
                    ln.put("kind", l.kind.name());
                    ln.put("neurons", l.neurons);
                    doubles(ln.putArray("maxScaled"), l.maxScaled);
                    doubles(ln.putArray("maxRaw"), l.maxRaw);
                    doubles(ln.putArray("minRaw"), l.minRaw);
                    ArrayNode sec = ln.putArray("sections");
                    for (long w : l.sections) {
                        sec.add(w);
                    }
                    ArrayNode top = ln.putArray("topK");
                    for (int j = 0; j < l.neurons; j++) {
                        if (l.topK[j]) {
                            top.add(j);
                        }
                    }
                    if (l.low != null) {
                        doubles(ln.putArray("low"), l.low);
                        doubles(ln.putArray("high"), l.high);
                    }
                    Growth.writeLayer(ln, l);
                }
                m.growth().write(mn);
            }
        }
        ArrayNode vs = root.putArray("verdicts");
        for (CoverageData.Verdict v : data.verdicts()) {
            ObjectNode vn = vs.addObject();
            vn.put("model", v.modelKey());
            vn.put("element", v.element());
            vn.put("passed", v.passed());
            vn.put("message", v.message());
        }
        ArrayNode us = root.putArray("notObserved");
        for (CoverageData.Unobserved u : data.unobserved()) {
            ObjectNode un = us.addObject();
            un.put("model", u.model());
            un.put("declaredName", u.declaredName());
            un.put("testClass", u.testClass());
        }
        return root;
    }

    private static void doubles(ArrayNode into, double[] values) {
        for (double v : values) {
            into.add(v);
        }
    }

    private static double[] doubles(JsonNode node) {
        double[] a = new double[node.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = node.get(i).asDouble();
        }
        return a;
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> list.add(n.asText()));
        }
        return list;
    }

    /** Reads data written by {@link #toJson}. */
    static CoverageData fromJson(JsonNode root) {
        if (!CoverageData.FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("Not a DeepJUnit coverage data file (format "
                    + root.path("format").asText("missing") + ", expected " + CoverageData.FORMAT + ")");
        }
        CoverageData data = new CoverageData();
        for (JsonNode mn : root.path("models")) {
            JsonNode sn = mn.get("spec");
            RecordingSpec spec = new RecordingSpec(
                    sn.get("k").asInt(),
                    sn.get("topK").asInt(),
                    strings(sn.get("include")),
                    strings(sn.get("exclude")),
                    sn.hasNonNull("profileData") ? sn.get("profileData").asText() : null,
                    sn.get("profileScale").asDouble());
            List<Layer> layers = new ArrayList<>();
            Map<String, double[][]> bounds = new java.util.LinkedHashMap<>();
            for (JsonNode ln : mn.get("layers")) {
                layers.add(new Layer(
                        ln.get("name").asText(),
                        LayerKind.valueOf(ln.get("kind").asText()),
                        Shape.of(ln.get("neurons").asInt())));
                if (ln.has("low")) {
                    bounds.put(
                            ln.get("name").asText(), new double[][] {doubles(ln.get("low")), doubles(ln.get("high"))});
                }
            }
            Profile profile = mn.has("profile")
                    ? new Profile(
                            mn.get("fingerprint").asText(),
                            mn.get("profile").get("dataHash").asText(),
                            mn.get("profile").get("samples").asLong(),
                            bounds)
                    : null;
            ModelCoverage m = new ModelCoverage(
                    mn.get("name").asText(), mn.get("fingerprint").asText(), spec, profile, layers);
            for (JsonNode ln : mn.get("layers")) {
                LayerCoverage l = m.layers().get(ln.get("name").asText());
                copy(doubles(ln.get("maxScaled")), l.maxScaled, l.name);
                copy(doubles(ln.get("maxRaw")), l.maxRaw, l.name);
                copy(doubles(ln.get("minRaw")), l.minRaw, l.name);
                JsonNode sec = ln.get("sections");
                if (sec.size() != l.sections.length) {
                    throw new IllegalArgumentException(
                            "Layer " + l.name + ": " + sec.size() + " section words, expected " + l.sections.length);
                }
                for (int i = 0; i < l.sections.length; i++) {
                    l.sections[i] = sec.get(i).asLong();
                }
                for (JsonNode j : ln.get("topK")) {
                    l.topK[j.asInt()] = true;
                }
                Growth.readLayer(ln, l);
            }
            m.growth().read(mn);
            Set<Long> patterns = new LinkedHashSet<>();
            for (JsonNode p : mn.path("patterns")) {
                patterns.add(Long.parseUnsignedLong(p.asText(), 16));
            }
            m.restore(mn.get("samples").asLong(), patterns, new TreeSet<>(strings(mn.get("requested"))));
            List<ModelFiles.Entry> files = new ArrayList<>();
            for (JsonNode fn : mn.path("files")) {
                files.add(new ModelFiles.Entry(
                        fn.get("path").asText(), fn.get("sha256").asText()));
            }
            m.addFiles(files);
            data.add(m);
        }
        for (JsonNode vn : root.path("verdicts")) {
            data.addVerdict(new CoverageData.Verdict(
                    vn.get("model").asText(),
                    vn.get("element").asText(),
                    vn.get("passed").asBoolean(),
                    vn.get("message").asText()));
        }
        for (JsonNode un : root.path("notObserved")) {
            data.addUnobserved(new CoverageData.Unobserved(
                    un.get("model").asText(),
                    un.get("declaredName").asText(),
                    un.get("testClass").asText()));
        }
        return data;
    }

    private static void copy(double[] from, double[] to, String layer) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(
                    "Layer " + layer + ": " + from.length + " values, expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }
}
