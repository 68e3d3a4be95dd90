package org.deepjunit.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepjunit.model.NeuronValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every criterion on {@link TinyModel}, worked out by hand (the layer outputs are in TinyModel's comment). */
class CoverageHandTest {

    private final TinyModel model = new TinyModel("tiny");

    private ModelCoverage record(RecordingSpec spec, Profile profile, double... xy) {
        ModelCoverage c = new ModelCoverage("tiny", "fp", spec, profile, spec.select(model));
        c.record(NeuronValues.of(model.activations(TinyModel.inputs(xy), List.of("dense1", "out"))));
        return c;
    }

    private static RecordingSpec spec(int k, int topK) {
        return new RecordingSpec(k, topK, List.of(), List.of(), null, 0);
    }

    @Test
    void ncScaledAndUnscaled() {
        // x1 = (1,0): dense1 (1,0,0) scaled (1,0,0); out (1,0) scaled (1,0)
        // x2 = (0,2): dense1 (0,2,1) scaled (0,1,0.5); out (1,3) scaled (0,1)
        ModelCoverage c = record(spec(10, 2), null, 1, 0, 0, 2);
        assertThat(c.layers().keySet()).containsExactly("dense1", "out");
        assertThat(c.count(Criterion.NC, 0, true)).containsExactly(5, 5);
        assertThat(c.count(Criterion.NC, 0.5, true)).containsExactly(4, 5); // dense1#2 reaches 0.5, not > 0.5
        assertThat(c.count(Criterion.NC, 0.75, true)).containsExactly(4, 5);
        assertThat(c.count("dense1", Criterion.NC, 0.5, true)).containsExactly(2, 3);
        assertThat(c.layers().get("dense1").maxScaled(2)).isEqualTo(0.5);
        // raw maxima: dense1 (1,2,1), out (1,3)
        assertThat(c.count(Criterion.NC, 1.0, false)).containsExactly(2, 5);

        ModelCoverage x1 = record(spec(10, 2), null, 1, 0);
        assertThat(x1.count(Criterion.NC, 0, true)).containsExactly(2, 5);
        assertThat(x1.count(Criterion.NC, 0, false)).containsExactly(2, 5);
        assertThat(x1.samples()).isEqualTo(1);
    }

    @Test
    void scalingSubtractsTheLayerMinimumWhenItIsNotZero() {
        // x = (2, 5): dense1 = relu(2·1 + 5·0 + 0, 2·(-1) + 5·1 + 0, 2·0 + 5·1 - 1) = (2, 3, 4): min 2, max 4,
        //   scaled ((2-2)/2, (3-2)/2, (4-2)/2) = (0, 0.5, 1); without "- min" it would be (1, 1.5, 2).
        // out = (h0 + h2, h1 + h2) = (6, 7): min 6, max 7, scaled (0, 1); without "- min" (6, 7).
        // NC t=0:   dense1 {d1, d2}, out {o1} -> 3 of 5 (without "- min": 5 of 5).
        // NC t=0.5: dense1 {d2} (d1 is 0.5, not > 0.5), out {o1} -> 2 of 5 (without "- min": 5 of 5).
        ModelCoverage c = record(spec(10, 2), null, 2, 5);
        assertThat(c.count(Criterion.NC, 0, true)).containsExactly(3, 5);
        assertThat(c.count(Criterion.NC, 0.5, true)).containsExactly(2, 5);
        assertThat(c.count("dense1", Criterion.NC, 0.5, true)).containsExactly(1, 3);
        assertThat(c.layers().get("dense1").maxScaled(0)).isEqualTo(0.0);
        assertThat(c.layers().get("dense1").maxScaled(1)).isEqualTo(0.5);
        assertThat(c.layers().get("out").maxScaled(0)).isEqualTo(0.0);
        // Raw values are not scaled: all five exceed 1.
        assertThat(c.count(Criterion.NC, 1.0, false)).containsExactly(5, 5);

        // The same scaled values from NeuronValues, which DeepXplore's coverage tracker reads.
        NeuronValues v = NeuronValues.of(model.activations(TinyModel.inputs(2, 5), List.of("dense1", "out")));
        assertThat(v.layer("dense1").scaled(0, 0)).isEqualTo(0.0);
        assertThat(v.layer("dense1").scaled(0, 1)).isEqualTo(0.5);
        assertThat(v.layer("dense1").scaled(0, 2)).isEqualTo(1.0);
        assertThat(v.layer("out").scaled(0, 0)).isEqualTo(0.0);
        assertThat(v.layer("out").scaled(0, 1)).isEqualTo(1.0);
    }

    @Test
    void topKCoverageAndPatternsWithLowerIndexWinningTies() {
        // top-1 per layer: x1 (1,0): d0, o0; x2 (0,2): d1, o1; x3 (2,0): d0, o0 again;
        // x4 (0,0): dense1 (0,0,0) all tied -> d0; out (0,0) -> o0: the same pattern as x1
        ModelCoverage c = record(spec(10, 1), null, 1, 0, 0, 2, 2, 0, 0, 0);
        assertThat(c.count(Criterion.TKNC, 0, true)).containsExactly(4, 5);
        assertThat(c.count("dense1", Criterion.TKNC, 0, true)).containsExactly(2, 3);
        assertThat(c.count(Criterion.TKNP, 0, true)).containsExactly(2, 0);

        // top-2 of x4: dense1 ties (0,0,0) -> {d0, d1}; out {o0, o1}
        ModelCoverage tie = record(spec(10, 2), null, 0, 0);
        assertThat(tie.layers().get("dense1").topK).containsExactly(true, true, false);
        assertThat(tie.count(Criterion.TKNC, 0, true)).containsExactly(4, 5);
    }

    @Test
    void deepGaugeWithAProfileFromNpy(@TempDir Path dir) throws IOException {
        // training data p1 = (2,2): dense1 (2,0,1), out (3,1); p2 = (0,1): dense1 (0,1,0), out (0,1)
        // bounds: d0 [0,2], d1 [0,1], d2 [0,1], o0 [0,3], o1 [1,1]
        Path npy = dir.resolve("train.npy");
        writeNpyFloat32(npy, new float[] {2, 2, 0, 1}, 2, 2);
        ProfileData data = ProfileData.load(npy.toString(), Double.NaN);
        assertThat(data.sampleShape().dims()).containsExactly(2);
        RecordingSpec spec = new RecordingSpec(2, 2, List.of(), List.of(), npy.toString(), 0);
        Profile profile = Profiles.profile(
                model, "fp", data, spec.select(model), dir.resolve("profiles"), new java.util.HashMap<>());
        assertThat(profile.low("dense1")).containsExactly(0, 0, 0);
        assertThat(profile.high("dense1")).containsExactly(2, 1, 1);
        assertThat(profile.low("out")).containsExactly(0, 1);
        assertThat(profile.high("out")).containsExactly(3, 1);
        assertThat(Files.list(dir.resolve("profiles"))).hasSize(1);
        // cached: a second call reads the same bounds
        assertThat(Profiles.read(Files.list(dir.resolve("profiles")).findFirst().orElseThrow(), "fp", data.hash())
                        .high("out"))
                .containsExactly(3, 1);

        // k = 2; x1 = (1,0): dense1 (1,0,0), out (1,0); x2 = (0,2): dense1 (0,2,1), out (1,3)
        // d0: 1 -> section 1, 0 -> section 0          {0,1}
        // d1: 0 -> section 0, 2 > 1 upper corner       {0}
        // d2: 0 -> section 0, 1 = high -> section 1    {0,1}
        // o0: 1 in [0,3] -> section 0 (both inputs)    {0}
        // o1: 0 < 1 lower corner, 3 > 1 upper corner   {}
        ModelCoverage c = record(spec, profile, 1, 0, 0, 2);
        assertThat(c.count(Criterion.KMNC, 0, true)).containsExactly(6, 10);
        assertThat(c.count(Criterion.NBC, 0, true)).containsExactly(3, 10); // upper d1, o1; lower o1
        assertThat(c.count(Criterion.SNAC, 0, true)).containsExactly(2, 5);
        assertThat(c.count("out", Criterion.NBC, 0, true)).containsExactly(2, 4);
    }

    @Test
    void valuesWithinFloatRoundingOfABoundCountAsInside() {
        Profile profile = new Profile(
                "fp",
                "data",
                2,
                java.util.Map.of(
                        "dense1", new double[][] {{0, 0, 0}, {2, 1, 1}},
                        "out", new double[][] {{0, 0}, {3, 1}}));
        RecordingSpec spec = spec(2, 1);
        // x = (2 + 1e-6, 0): dense1 (2.000001, 0, 0). d0 is 5e-7 relative above its high of 2, inside the
        // slack of 1e-5 * 2: no corner, and it hits the top section; d1, d2 hit section 0.
        ModelCoverage inside = record(spec, profile, 2 + 1e-6, 0);
        assertThat(inside.count("dense1", Criterion.NBC, 0, true)).containsExactly(0, 6);
        assertThat(inside.count("dense1", Criterion.KMNC, 0, true)).containsExactly(3, 6);
        // x = (2.001, 0): d0 is beyond the slack, an upper corner, and in no section.
        ModelCoverage outside = record(spec, profile, 2.001, 0);
        assertThat(outside.count("dense1", Criterion.NBC, 0, true)).containsExactly(1, 6);
        assertThat(outside.count("dense1", Criterion.KMNC, 0, true)).containsExactly(2, 6);
    }

    @Test
    void profileDataOfTheWrongShapeNamesBothShapes(@TempDir Path dir) throws IOException {
        Path npy = dir.resolve("wrong.npy");
        writeNpyFloat32(npy, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        ProfileData data = ProfileData.load(npy.toString(), Double.NaN);
        assertThatThrownBy(() ->
                        Profiles.profile(model, "fp", data, spec(2, 2).select(model), dir, new java.util.HashMap<>()))
                .hasMessage("Profile data " + npy
                        + " has samples of shape [3], which do not fit model tiny's input shape [2]");
    }

    @Test
    void mnistIdxProfileDataFitsLeNetInput() throws IOException {
        ProfileData data = ProfileData.load("classpath:/mnist/t10k-images-idx3-ubyte.gz", Double.NaN);
        assertThat(data.count()).isEqualTo(10_000);
        assertThat(data.sampleShape().dims()).containsExactly(28, 28, 1);
        assertThat(data.fits(org.deepjunit.model.Shape.of(28, 28, 1))).isTrue();
        assertThat(data.fits(org.deepjunit.model.Shape.of(32, 32, 1))).isFalse();
        // same scaling as the test helper Mnist.images: divided by 255
        double[] mnist = org.deepjunit.testing.Mnist.images(0, 1).toDoubleArray();
        float[] ours = data.batch(0, 1, org.deepjunit.model.Shape.of(28, 28, 1)).toFloatArray();
        for (int i = 0; i < ours.length; i++) {
            assertThat((double) ours[i]).isCloseTo(mnist[i], org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void unknownLayerPatternListsTheLayers() {
        RecordingSpec spec = new RecordingSpec(2, 2, List.of("conv9"), List.of(), null, 0);
        assertThatThrownBy(() -> spec.select(model))
                .hasMessage("Layer pattern 'conv9' (deepjunit.coverage.layers.include) matches no layer of model tiny; "
                        + "its layers are [input, dense1, out]");
        assertThat(new RecordingSpec(2, 2, List.of("dense.*", "input"), List.of(), null, 0).select(model))
                .extracting(org.deepjunit.model.Layer::name)
                .containsExactly("dense1");
        assertThat(new RecordingSpec(2, 2, List.of(), List.of("out"), null, 0).select(model))
                .extracting(org.deepjunit.model.Layer::name)
                .containsExactly("dense1");
    }

    @Test
    void mergingIsOrderIndependentAndEqualsOneRecording() {
        RecordingSpec spec = spec(3, 1);
        ModelCoverage all = record(spec, null, 1, 0, 0, 2, 2, 0, 0, 0);
        ModelCoverage a = record(spec, null, 1, 0, 0, 2);
        ModelCoverage b = record(spec, null, 2, 0, 0, 0);
        CoverageData ab = new CoverageData();
        ab.add(a);
        ab.add(b);
        CoverageData ba = new CoverageData();
        ba.add(b);
        ba.add(a);
        CoverageData one = new CoverageData();
        one.add(all);
        assertThat(OrderFree.json(ab)).isEqualTo(OrderFree.json(one)).isEqualTo(OrderFree.json(ba));
        assertThat(CoverageData.fromJson(ab.toJson()).toJson()).isEqualTo(ab.toJson());
        assertThat(ab.toJson()).isEqualTo(one.toJson()); // a's inputs, then b's: as recorded in one pass
    }

    static void writeNpyFloat32(Path file, float[] values, int... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': ("
                + dims.toString().trim().replaceAll(",$", shape.length == 1 ? "," : "") + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer buf =
                ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 0);
        buf.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : values) {
            buf.putFloat(v);
        }
        Files.write(file, buf.array());
    }
}
