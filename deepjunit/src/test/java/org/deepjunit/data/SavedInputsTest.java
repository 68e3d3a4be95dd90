package org.deepjunit.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.deepjunit.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedInputsTest {

    /**
     * Parallel saves into one folder: each rewrites the index while the others' temporary files
     * come and go. Listing the folder must not trip over a temporary file that vanished.
     */
    @Test
    void concurrentSavesInOneFolderAllReachTheIndex(@TempDir Path reportDir) throws Exception {
        int threads = 4;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Tensor image = Tensor.of(new float[] {0, 0.25f, 0.5f, i / (float) perThread}, 1, 2, 2, 1);
                        Path generated = reportDir.resolve("generated");
                        SavedInputs.save(
                                generated.resolve("Parallel.test"),
                                "input-" + thread + "-" + i,
                                image,
                                new double[] {0, 1},
                                Map.of("thread", thread, "index", i));
                        SavedInputs.writeIndex(generated, "Saved inputs", "Inputs saved in parallel");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String index = Files.readString(reportDir.resolve("generated/index.html"));
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertThat(index).contains("input-" + t + "-" + i + ".png");
            }
        }
        try (var files = Files.list(reportDir.resolve("generated/Parallel.test"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".")))
                    .isEmpty();
        }
    }

    /** A folder of a report with a front page leads back to it; one elsewhere has no link that would not resolve. */
    @Test
    void thePageLinksTheReportsFrontPageWhereThereIsOne(@TempDir Path reportDir) throws Exception {
        Path elsewhere = reportDir.resolve("elsewhere");
        Path generated = reportDir.resolve("report/generated");
        Files.createDirectories(generated);
        Files.writeString(reportDir.resolve("report/index.html"), "front page");
        for (Path dir : List.of(elsewhere, generated)) {
            SavedInputs.save(dir, "1-seed0", Tensor.of(new float[] {0, 1, 0, 1}, 1, 2, 2), null, Map.of());
            SavedInputs.writeIndex(dir, "Saved inputs", "Two of them");
        }
        assertThat(Files.readString(generated.resolve("index.html")))
                .contains("<a href=\"../index.html\">DeepJUnit report</a> &gt; Saved inputs");
        assertThat(Files.readString(elsewhere.resolve("index.html"))).doesNotContain("../index.html");
    }

    @Test
    void savesNpyPngAndJson(@TempDir Path dir) throws Exception {
        float[] pixels = new float[4 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / 11f;
        }
        Tensor sample = Tensor.of(pixels, 1, 4, 3, 1);
        SavedInputs.Saved saved = SavedInputs.save(dir, "abc", sample, null, Map.of("id", "abc"));

        byte[] npy = Files.readAllBytes(saved.npy());
        assertThat(npy[0]).isEqualTo((byte) 0x93);
        assertThat(new String(npy, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLength =
                ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header)
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3, 1), }")
                .endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength, 48).order(ByteOrder.LITTLE_ENDIAN);
        for (float p : pixels) {
            assertThat(data.getFloat()).isEqualTo(p);
        }

        BufferedImage png = ImageIO.read(saved.png().toFile());
        assertThat(png.getWidth()).isEqualTo(3);
        assertThat(png.getHeight()).isEqualTo(4);
        assertThat(png.getRaster().getSample(2, 3, 0)).isEqualTo(255); // pixel 11/11 scaled from [0, 1]
        assertThat(png.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(Files.readString(saved.json())).contains("\"id\" : \"abc\"").contains("\"imageFile\" : \"abc.png\"");
        assertThat(saved.all()).containsExactly(saved.png(), saved.npy(), saved.json());

        assertThat(SavedInputs.save(dir, "vec", Tensor.of(new float[] {1, 2, 3}, 1, 3), null, Map.of())
                        .png())
                .isNull();
        assertThat(new String(Files.readAllBytes(dir.resolve("vec.npy")), 10, 60, StandardCharsets.US_ASCII))
                .contains("'shape': (3,)");
    }
}
