package org.deepjunit.robustness;

import org.deepjunit.model.Model;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A 2-input, 2-class linear classifier with hand-set weights, {@code z = x·W}, {@code W = [[1, −1], [2, 0.5]]}, in
 * float64, ending in a softmax or giving the logits. For label 0 the cross-entropy's input gradient is {@code
 * (1 − p₀)·(W[:,1] − W[:,0]) = (1 − p₀)·[−2, −1.5]}: its sign is {@code [−1, −1]} everywhere.
 */
final class LinearNets {

    private LinearNets() {}

    static Model linear(boolean softmax) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .list()
                .layer(new OutputLayer.Builder(
                                softmax ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.MSE)
                        .name("out")
                        .nIn(2)
                        .nOut(2)
                        .hasBias(false)
                        .activation(softmax ? Activation.SOFTMAX : Activation.IDENTITY)
                        .build())
                .build());
        net.init();
        net.getLayer(0).setParam("W", Nd4j.create(new double[][] {{1, -1}, {2, 0.5}}));
        return Dl4jModel.builder(net)
                .name(softmax ? "linear-softmax" : "linear-logits")
                .build();
    }
}
