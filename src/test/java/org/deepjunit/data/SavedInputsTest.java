package org.deepjunit.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepjunit.Tensor;
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
                        SavedInputs.save(reportDir, "Parallel.test", "input-" + thread + "-" + i, image, 0, 1,
                                Map.of("thread", thread, "index", i));
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
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
        }
    }
}
