package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.data.Dataset;
import org.deepjunit.data.Images;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;

/**
 * What every generator starts from: named models, the seed dataset, which of its samples to use
 * (in order), the batch size, the run seed, the valid input range, whether inputs are integers (8-bit pixels) and
 * the time budget, which a generator that searches long per batch checks between its steps.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Seeds(
        List<String> names,
        List<Model> models,
        Dataset dataset,
        int[] ids,
        int batchSize,
        long runSeed,
        double min,
        double max,
        boolean integers,
        Deadline deadline) {

    /** Throws a {@link ConfigurationException} unless the seeds are images {@code [height, width, channels]}. */
    public void requireImages(String generator) {
        if (!Images.isImageShape(dataset.sampleShape())) {
            throw new ConfigurationException(generator + " transforms images [height, width, channels], but the seeds"
                    + " have shape " + dataset.sampleShape());
        }
    }

    /** The ids of batch {@code b}, or an empty array past the end. */
    int[] batch(int b) {
        int from = b * batchSize;
        if (from >= ids.length) {
            return new int[0];
        }
        return Arrays.copyOfRange(ids, from, Math.min(ids.length, from + batchSize));
    }

    int[] labels(int[] batch) {
        return dataset.hasLabels()
                ? Arrays.stream(batch).map(i -> dataset.label(i).getAsInt()).toArray()
                : null;
    }

    /** Each model's predicted class per sample of {@code inputs}: {@code [model][sample]}. */
    int[][] predict(Tensor inputs) {
        int[][] p = new int[models.size()][];
        for (int m = 0; m < models.size(); m++) {
            p[m] = models.get(m).predict(inputs).argMax();
        }
        return p;
    }

    Map<String, Integer> predictions(int[][] preds, int s) {
        Map<String, Integer> p = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            p.put(names.get(m), preds[m][s]);
        }
        return p;
    }
}
