package org.deepjunit.fairness;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.deepjunit.data.Dataset;
import org.deepjunit.model.Model;
import org.deepjunit.model.NonFiniteValueException;
import org.deepjunit.model.Tensor;

/**
 * Counterfactual fairness on tabular data: for every sample, set only the sensitive attribute's feature to each other
 * value and predict again; a sample whose predicted class (argmax, ties to the lower class) changes is a violation.
 * Predictions run in batches; samples are checked in order, so a violation's index is its data row.
 *
 * <pre>{@code
 * CounterfactualResult r = CounterfactualCheck.of(credit, applicants, "sex", 3).values(0, 1).run();
 * assertThat(r.changed()).as(r.summary()).isEmpty();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.5")
public final class CounterfactualCheck {

    private static final int BATCH = 256;

    private final Model model;
    private final Dataset data;
    private final String attribute;
    private final int feature;
    private double[] values;

    private CounterfactualCheck(Model model, Dataset data, String attribute, int feature) {
        this.model = model;
        this.data = data;
        this.attribute = attribute;
        this.feature = feature;
    }

    /**
     * The check of {@code model} on {@code data}, whose samples are feature vectors ({@code [features]}), changing
     * feature {@code feature}, named {@code attribute} in messages.
     */
    public static CounterfactualCheck of(Model model, Dataset data, String attribute, int feature) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(attribute, "attribute");
        if (data.sampleShape().rank() != 1) {
            throw new IllegalArgumentException("Counterfactual checks change one feature of tabular samples, but "
                    + data.name() + " has samples of shape " + data.sampleShape() + "; give a CSV dataset");
        }
        if (feature < 0 || feature >= data.sampleShape().dim(0)) {
            throw new IllegalArgumentException("Feature " + feature + " (" + attribute + ") is outside the "
                    + data.sampleShape().dim(0) + " features of " + data.name());
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.name() + " has no samples: nothing to check");
        }
        return new CounterfactualCheck(model, data, attribute, feature);
    }

    /** The values to put in; default every value the feature takes in the data. */
    public CounterfactualCheck values(double... alternatives) {
        if (alternatives.length < 1) {
            throw new IllegalArgumentException("Give at least one value of " + attribute + " to put in");
        }
        for (double v : alternatives) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("The values of " + attribute + " must be finite, got " + v);
            }
        }
        this.values = alternatives.clone();
        return this;
    }

    /** Predicts every sample with each of its other values. */
    public CounterfactualResult run() {
        double[] alternatives = values != null ? values : observedValues();
        if (alternatives.length < 2 && values == null) {
            throw new IllegalArgumentException(attribute + " takes one value only in " + data.name() + " ("
                    + Counterfactual.format(alternatives[0]) + "): give the other values to put in");
        }
        List<Counterfactual> changed = new ArrayList<>();
        int width = data.sampleShape().dim(0);
        long checked = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int[] ids = new int[Math.min(BATCH, data.size() - from)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = from + i;
            }
            float[] original = data.batch(ids).toFloatArray();
            int[] predicted = predict(original, ids, width, Double.NaN);
            List<List<Counterfactual.Change>> changes = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                changes.add(new ArrayList<>());
            }
            for (double v : alternatives) {
                float[] altered = original.clone();
                for (int i = 0; i < ids.length; i++) {
                    altered[i * width + feature] = (float) v;
                }
                int[] again = predict(altered, ids, width, v);
                for (int i = 0; i < ids.length; i++) {
                    if (original[i * width + feature] != (float) v) {
                        checked++;
                        if (again[i] != predicted[i]) {
                            changes.get(i).add(new Counterfactual.Change(v, again[i]));
                        }
                    }
                }
            }
            for (int i = 0; i < ids.length; i++) {
                if (!changes.get(i).isEmpty()) {
                    changed.add(new Counterfactual(
                            attribute, ids[i], original[i * width + feature], predicted[i], changes.get(i)));
                }
            }
        }
        if (checked == 0) {
            throw new IllegalArgumentException("Every sample of " + data.name() + " already has " + attribute + " = "
                    + Counterfactual.format(alternatives[0]) + ": nothing was changed, so nothing is checked; give"
                    + " other values to put in");
        }
        return new CounterfactualResult(model.name(), attribute, data.size(), alternatives, checked, changed);
    }

    private int[] predict(float[] values, int[] ids, int width, double value) {
        String with = Double.isNaN(value) ? "" : " with " + attribute + " = " + Counterfactual.format(value);
        Tensor out;
        try {
            out = model.predict(Tensor.of(values, ids.length, width));
        } catch (NonFiniteValueException e) {
            throw new IllegalStateException(
                    "Model " + model.name() + " gives non-finite scores for samples " + ids[0] + " to "
                            + ids[ids.length - 1] + " of " + data.name() + with + ": " + e.getMessage(),
                    e);
        }
        if (out.shape().rank() != 2) {
            throw new IllegalArgumentException("Model " + model.name() + " gives outputs of shape " + out.shape()
                    + "; a counterfactual check needs one score per class, [batch, classes]");
        }
        int bad = out.firstNonFinite();
        if (bad >= 0) {
            int row = bad / out.shape().dim(1);
            throw new IllegalStateException("Model " + model.name() + " gives the non-finite score "
                    + out.getDouble(bad) + " for sample " + ids[row] + with
                    + ": a prediction needs finite scores (look for an overflow in the model)");
        }
        return out.argMax();
    }

    private double[] observedValues() {
        TreeSet<Double> seen = new TreeSet<>();
        int width = data.sampleShape().dim(0);
        for (int i = 0; i < data.size(); i++) {
            seen.add((double) data.value((long) i * width + feature));
        }
        return seen.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
