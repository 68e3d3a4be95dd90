package org.deepjunit.samples.credit;

import org.deepjunit.data.Dataset;
import org.deepjunit.data.Datasets;
import org.deepjunit.model.Model;
import org.deepjunit.model.dl4j.Dl4jModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fairness sample's data and models. The data ({@code src/test/resources/credit/}, written by
 * {@code scripts/WriteCreditCsv.java}) are synthetic credit applicants with the decisions of a biased history:
 * features income, debt, tenure, sex (0 female, 1 male) and over_30, then the label approved. The models are small
 * DL4J networks trained on them when the test class starts (a fixed seed, 100 full-batch epochs, a few seconds):
 * {@code credit-aware} sees every feature and learns the bias; {@code credit-blind} has the weights from the sex
 * input held at 0, so sex cannot change its decision (fairness through unawareness).
 */
final class CreditModels {

    static final String TRAIN = "classpath:/credit/applicants-train.csv";
    static final String TEST = "classpath:/credit/applicants-test.csv";

    /** The sex column's index among the features. */
    static final int SEX = 3;

    private CreditModels() {
    }

    /** The applicants of {@code csv}: five features, the label (the last column) left out. */
    static Dataset applicants(String csv) {
        return Datasets.load(csv, "-2", 1);
    }

    /** An MLP, 5 → 16 tanh → 2 softmax, trained on {@link #TRAIN}; blind to sex if asked. */
    static Model train(String name, boolean blindToSex) {
        Dataset train = applicants(TRAIN);
        int n = train.size();
        int[] all = new int[n];
        float[] y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            all[i] = i;
            y[i * 2 + train.label(i).getAsInt()] = 1;
        }
        INDArray features = Nd4j.create(train.batch(all).toFloatArray(), new long[] {n, 5}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {n, 2}, 'c');
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(0.05))
                .list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(16).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        for (int epoch = 0; epoch < 100; epoch++) {
            if (blindToSex) {
                net.getLayer(0).getParam("W").getRow(SEX).assign(0);
            }
            net.fit(features, labels);
        }
        if (blindToSex) {
            net.getLayer(0).getParam("W").getRow(SEX).assign(0);
        }
        return Dl4jModel.builder(net).name(name).build();
    }
}
