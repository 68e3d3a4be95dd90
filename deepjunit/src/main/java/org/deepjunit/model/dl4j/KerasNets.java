package org.deepjunit.model.dl4j;

import java.util.Arrays;
import java.util.Map;
import org.deepjunit.model.ModelLoadException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds the DL4J network of an imported Keras model the way {@code getMultiLayerNetwork()} and
 * {@code getComputationGraph()} do, with two differences: every layer starts from constant weights instead of its
 * Keras initialiser (DL4J's orthogonal initialiser of a 64-unit LSTM ran for minutes and then crashed in native
 * code, all for weights the file overwrites at once), and each layer's parameter shapes are compared with the
 * imported weights before they are copied (DL4J copies weights of another shape without complaint).
 */
final class KerasNets {

    /** Cheap: fills with a constant; every parameter is then overwritten from the file. */
    private static final IWeightInit CHEAP = new WeightInitConstant(0.0);

    private KerasNets() {}

    /** {@code files}: the architecture and weights files as messages name them. */
    static MultiLayerNetwork sequential(KerasSequentialModel keras, String files) throws Exception {
        MultiLayerConfiguration conf = keras.getMultiLayerConfiguration();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            cheapInit(c.getLayer());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return (MultiLayerNetwork) copyWeights(net, keras.getLayers(), files);
    }

    static ComputationGraph functional(KerasModel keras, String files) throws Exception {
        ComputationGraphConfiguration conf = keras.getComputationGraphConfiguration();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf() != null) {
                cheapInit(lv.getLayerConf().getLayer());
            }
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return (ComputationGraph) copyWeights(net, keras.getLayers(), files);
    }

    private static void cheapInit(Layer layer) {
        if (layer instanceof BaseRecurrentLayer r) {
            r.setWeightInitFnRecurrent(CHEAP);
        }
        if (layer instanceof BaseLayer b) {
            b.setWeightInitFn(CHEAP);
        } else if (layer instanceof BaseWrapperLayer w) {
            cheapInit(w.getUnderlying());
        } else if (layer instanceof Bidirectional bi) {
            cheapInit(bi.getFwd());
            cheapInit(bi.getBwd());
        } else if (layer instanceof FrozenLayer f) {
            cheapInit(f.getLayer());
        }
    }

    private static Model copyWeights(Model net, Map<String, KerasLayer> layers, String files) throws Exception {
        for (KerasLayer k : layers.values()) {
            Map<String, INDArray> weights = k.getWeights();
            if (weights == null || weights.isEmpty()) {
                continue;
            }
            org.deeplearning4j.nn.api.Layer layer = net instanceof MultiLayerNetwork m
                    ? m.getLayer(k.getLayerName())
                    : ((ComputationGraph) net).getLayer(k.getLayerName());
            if (layer == null) {
                continue; // KerasModelUtils reports a layer it cannot place
            }
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                INDArray stored = weights.get(p.getKey());
                if (stored != null && !sameShape(p.getValue().shape(), stored.shape())) {
                    throw new ModelLoadException(files + ": layer '" + k.getLayerName() + "' needs parameter "
                            + p.getKey() + " shaped "
                            + Arrays.toString(p.getValue().shape())
                            + " (DL4J layout), but the weights file stores " + Arrays.toString(stored.shape())
                            + ": the architecture and the weights do not belong together (an edited or swapped"
                            + " file?)");
                }
            }
        }
        Model loaded = KerasModelUtils.copyWeightsToModel(net, layers);
        FiniteWeights.require(
                loaded instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) loaded).getLayers(), files);
        return loaded;
    }

    /** Equal up to dimensions of size 1 (DL4J keeps a bias as [1, n], Keras as [n]). */
    private static boolean sameShape(long[] a, long[] b) {
        return Arrays.equals(squeeze(a), squeeze(b));
    }

    private static long[] squeeze(long[] s) {
        return Arrays.stream(s).filter(d -> d != 1).toArray();
    }
}
