package org.deepjunit.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deepjunit.model.Activations;
import org.deepjunit.model.Layer;
import org.deepjunit.model.Model;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.StepDifference;
import org.deepjunit.pipeline.TensorPipeline;
import org.deepjunit.pipeline.TensorStage;

/**
 * Where two models, or two pipelines, part ways on one input, as CRADLE localises inconsistencies across backends:
 * the outputs of each stage before the models, of each pair of twin layers and of the models and stages after
 * them, compared in order within the tolerance; the first step beyond it is the first divergence.
 *
 * <p>Stages are paired by position. Twin layers are paired by an explicit map (model under test's layer →
 * reference's layer), else by their order among the layers that have neurons; both are compared channels-last,
 * as every adapter gives them. Layers whose shapes differ cannot be compared and are noted as such.
 */
final class Localisation {

    private final Tolerance tolerance;
    private final Map<String, String> layerMap;
    private final List<StepDifference> steps = new ArrayList<>();

    private Localisation(Tolerance tolerance, Map<String, String> layerMap) {
        this.tolerance = tolerance;
        this.layerMap = layerMap;
    }

    /** The steps for one sample {@code [1, ...]}; run it unobserved ({@code ForwardListeners.unobserved}). */
    static List<StepDifference> of(Model a, Model b, Tensor sample, Tolerance tolerance, Map<String, String> layerMap) {
        Localisation l = new Localisation(tolerance, layerMap);
        l.locate(a, b, sample);
        return List.copyOf(l.steps);
    }

    private void locate(Model a, Model b, Tensor sample) {
        Tensor xa = sample.as(a.dataType());
        Tensor xb = sample.as(b.dataType());
        Model ma = a;
        Model mb = b;
        List<TensorStage> afterA = List.of();
        List<TensorStage> afterB = List.of();
        if (a instanceof TensorPipeline pa && b instanceof TensorPipeline pb) {
            List<TensorStage> sa = pa.stagesBefore();
            List<TensorStage> sb = pb.stagesBefore();
            for (int i = 0; i < Math.max(sa.size(), sb.size()); i++) {
                if (i >= sa.size() || i >= sb.size()) {
                    steps.add(new StepDifference(
                            "stages before the models",
                            Double.NaN,
                            false,
                            a.name() + " has " + sa.size() + ", " + b.name() + " has " + sb.size()));
                    break;
                }
                xa = sa.get(i).apply(xa);
                xb = sb.get(i).apply(xb);
                compare(stageName(sa.get(i), sb.get(i)), xa, xb);
            }
            xa = pa.preprocess(sample.as(a.dataType()));
            xb = pb.preprocess(sample.as(b.dataType()));
            ma = pa.model();
            mb = pb.model();
            afterA = pa.stagesAfter();
            afterB = pb.stagesAfter();
        }
        Tensor ya = layers(ma, mb, xa, xb);
        Tensor yb = mb.predict(xb);
        compare(ma == a ? "output" : "model output", ya, yb);
        for (int i = 0; i < Math.min(afterA.size(), afterB.size()); i++) {
            ya = afterA.get(i).apply(ya);
            yb = afterB.get(i).apply(yb);
            compare(stageName(afterA.get(i), afterB.get(i)), ya, yb);
        }
    }

    /** Compares the twin layers and returns model a's output. */
    private Tensor layers(Model a, Model b, Tensor xa, Tensor xb) {
        List<String[]> pairs = new ArrayList<>();
        if (!layerMap.isEmpty()) {
            layerMap.forEach((la, lb) -> pairs.add(new String[] {la, lb}));
        } else {
            List<Layer> na = withNeurons(a);
            List<Layer> nb = withNeurons(b);
            for (int i = 0; i < Math.min(na.size(), nb.size()); i++) {
                pairs.add(new String[] {na.get(i).name(), nb.get(i).name()});
            }
        }
        Activations aa = a.activations(xa, pairs.stream().map(p -> p[0]).toList());
        Activations ab = b.activations(xb, pairs.stream().map(p -> p[1]).toList());
        for (String[] p : pairs) {
            compare(
                    p[0].equals(p[1]) ? "layer '" + p[0] + "'" : "layer '" + p[0] + "' / '" + p[1] + "'",
                    aa.layer(p[0]),
                    ab.layer(p[1]));
        }
        return aa.output();
    }

    private static List<Layer> withNeurons(Model model) {
        return model.layers().stream().filter(l -> l.neuronCount() > 0).toList();
    }

    private static String stageName(TensorStage a, TensorStage b) {
        return a.name().equals(b.name()) ? "stage '" + a.name() + "'" : "stage '" + a.name() + "' / '" + b.name() + "'";
    }

    private void compare(String what, Tensor a, Tensor b) {
        steps.add(StepDifference.of(what, a, b, tolerance.absolute(), tolerance.relative()));
    }
}
