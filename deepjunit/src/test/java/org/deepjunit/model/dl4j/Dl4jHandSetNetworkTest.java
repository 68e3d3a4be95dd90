package org.deepjunit.model.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deepjunit.model.Activations;
import org.deepjunit.model.LayerKind;
import org.deepjunit.model.Objective;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Networks with hand-set weights whose outputs are worked out by hand below. */
class Dl4jHandSetNetworkTest {

    /**
     * 2-3-2: hidden = relu(x·W1 + b1), out = h·W2 + b2 (identity output layer).
     * x = [1, 2]: z1 = [1+4+0, -1+0+1, 0.5-2+0.5] = [5, 0, -1], h = [5, 0, 0], out = [5+0.5, 0-0.5+5·0] = [5.5, -0.5].
     * x = [-1, 1]: z1 = [-1+2, 1+0+1, -0.5-1+0.5] = [1, 2, -1], h = [1, 2, 0], out = [1.5, 1.5].
     */
    @Test
    void denseForwardMatchesHandComputation() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new DenseLayer.Builder()
                        .name("hidden")
                        .nIn(2)
                        .nOut(3)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .name("out")
                        .nIn(3)
                        .nOut(2)
                        .activation(Activation.IDENTITY)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.create(new double[][] {{1, -1, 0.5}, {2, 0, -1}}));
        net.getLayer(0).setParam("b", Nd4j.create(new double[][] {{0, 1, 0.5}}));
        net.getLayer(1).setParam("W", Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
        net.getLayer(1).setParam("b", Nd4j.create(new double[][] {{0.5, -0.5}}));
        try (Dl4jModel model = Dl4jModel.builder(net).name("tiny").build()) {
            assertThat(model.name()).isEqualTo("tiny");
            assertThat(model.inputShape()).isEqualTo(Shape.of(2));
            assertThat(model.layers())
                    .extracting(l -> l.toString())
                    .containsExactly("hidden (dense, [3])", "out (dense, [2])");
            Tensor x = Tensor.of(new double[] {1, 2, -1, 1}, 2, 2);
            assertThat(model.predict(x).toDoubleArray())
                    .containsExactly(new double[] {5.5, -0.5, 1.5, 1.5}, within(1e-12));
            Activations acts = model.activations(x, List.of("hidden"));
            assertThat(acts.layerNames()).containsExactly("hidden");
            assertThat(acts.layer("hidden").toDoubleArray())
                    .containsExactly(new double[] {5, 0, 0, 1, 2, 0}, within(1e-12));
            // d out[0] / dx = W1[:,0]·1 (only hidden 0 active for sample 0) + W1[:,2]·1 (hidden 2 inactive) -> [1, 2]
            // sample 1: hidden 0 and 1 active: d out[0]/dx = W1[:,0]·W2[0,0] + W1[:,1]·W2[1,0] = [1, 2]
            Tensor g = model.inputGradient(x, Objective.builder().logit(0, 1.0).build());
            assertThat(g.toDoubleArray()).containsExactly(new double[] {1, 2, 1, 2}, within(1e-12));
            // d out[1] / dx for sample 1 only: W1[:,1]·W2[1,1] = [-1, 0]; sample 0 gets nothing.
            Tensor g1 =
                    model.inputGradient(x, Objective.builder().logit(1, 1, 1.0).build());
            assertThat(g1.toDoubleArray()).containsExactly(new double[] {0, 0, -1, 0}, within(1e-12));
        }
    }

    /**
     * Input 3x3x1 = [[1,2,3],[4,5,6],[7,8,9]]; conv 2x2 (NCHW inside DL4J), identity:
     * channel 0 kernel [[1,0],[0,1]], bias 0: x[i][j] + x[i+1][j+1] = [[6, 8], [12, 14]];
     * channel 1 kernel [[0,1],[1,0]], bias 1: x[i][j+1] + x[i+1][j] + 1 = [[7, 9], [13, 15]].
     * Channels-last the conv output reads 6,7, 8,9, 12,13, 14,15. Max pool 2x2 -> [14, 15]; the
     * output layer with W = I, b = 0 gives [14, 15].
     */
    @Test
    void convForwardIsChannelsLastAndMatchesHandComputation() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new ConvolutionLayer.Builder(2, 2)
                        .name("conv")
                        .nOut(2)
                        .activation(Activation.IDENTITY)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .name("pool")
                        .kernelSize(2, 2)
                        .stride(1, 1)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .name("out")
                        .nOut(2)
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(3, 3, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.create(new double[] {1, 0, 0, 1, 0, 1, 1, 0}, new long[] {2, 1, 2, 2}, 'c'));
        net.getLayer(0).setParam("b", Nd4j.create(new double[][] {{0, 1}}));
        net.getLayer(2).setParam("W", Nd4j.create(new double[][] {{1, 0}, {0, 1}}));
        net.getLayer(2).setParam("b", Nd4j.create(new double[][] {{0, 0}}));
        try (Dl4jModel model = Dl4jModel.builder(net).inputShape(3, 3, 1).build()) {
            assertThat(model.layer("conv").outputShape()).isEqualTo(Shape.of(2, 2, 2));
            assertThat(model.layer("conv").kind()).isEqualTo(LayerKind.CONVOLUTION);
            assertThat(model.layer("pool").outputShape()).isEqualTo(Shape.of(1, 1, 2));
            assertThat(model.layer("conv").neuronCount()).isEqualTo(2);
            Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
            Activations acts = model.activations(x);
            assertThat(acts.layer("conv").toDoubleArray())
                    .containsExactly(new double[] {6, 7, 8, 9, 12, 13, 14, 15}, within(1e-12));
            assertThat(acts.layer("pool").toDoubleArray()).containsExactly(new double[] {14, 15}, within(1e-12));
            assertThat(acts.output().toDoubleArray()).containsExactly(new double[] {14, 15}, within(1e-12));
            // Mean of channel 1 = (x01+x10 + x02+x11 + x11+x20 + x12+x21)/4 + 1
            Tensor g = model.inputGradient(
                    x, Objective.builder().neuron("conv", 1, 1.0).build());
            assertThat(g.shape()).isEqualTo(Shape.of(1, 3, 3, 1));
            assertThat(g.toDoubleArray())
                    .containsExactly(new double[] {0, 0.25, 0.25, 0.25, 0.5, 0.25, 0.25, 0.25, 0}, within(1e-12));
            // The output is [x11 + x22 (= 14), x12 + x21 + 1 (= 15)] here: d out[0]/dx puts 1 on x11 and x22.
            Tensor g0 = model.inputGradient(x, Objective.builder().logit(0, 1.0).build());
            assertThat(g0.toDoubleArray()).containsExactly(new double[] {0, 0, 0, 0, 1, 0, 0, 0, 1}, within(1e-12));
        }
    }
}
