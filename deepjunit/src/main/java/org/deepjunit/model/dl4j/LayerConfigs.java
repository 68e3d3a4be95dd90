package org.deepjunit.model.dl4j;

import java.lang.reflect.Method;
import org.deepjunit.model.LayerKind;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/** What a DL4J layer configuration declares, read the same way for every network: its kind and data format. */
final class LayerConfigs {

    private LayerConfigs() {}

    static LayerKind kindOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof ConvolutionLayer) {
            return LayerKind.CONVOLUTION;
        }
        if (conf instanceof SubsamplingLayer
                || conf instanceof GlobalPoolingLayer
                || conf instanceof org.deeplearning4j.nn.conf.layers.Subsampling3DLayer) {
            return LayerKind.POOLING;
        }
        if (conf instanceof BatchNormalization || conf instanceof LocalResponseNormalization) {
            return LayerKind.NORMALIZATION;
        }
        if (conf instanceof ActivationLayer || conf instanceof LossLayer) {
            return LayerKind.ACTIVATION;
        }
        if (conf instanceof DropoutLayer) {
            return LayerKind.DROPOUT;
        }
        if (conf instanceof EmbeddingLayer || conf instanceof EmbeddingSequenceLayer) {
            return LayerKind.EMBEDDING;
        }
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer || conf instanceof Bidirectional) {
            return LayerKind.RECURRENT;
        }
        if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
            return LayerKind.DENSE;
        }
        return LayerKind.OTHER;
    }

    /** The CNN2DFormat a layer configuration declares, or null. */
    static CNN2DFormat cnnFormat(Object conf) {
        Object v = declared(conf, CNN2DFormat.class);
        return v instanceof CNN2DFormat f ? f : null;
    }

    /** The RNNFormat a layer configuration declares, or null. */
    static RNNFormat rnnFormat(Object conf) {
        Object v = declared(conf, RNNFormat.class);
        return v instanceof RNNFormat f ? f : null;
    }

    private static Object declared(Object conf, Class<?> type) {
        if (conf == null) {
            return null;
        }
        for (Method m : conf.getClass().getMethods()) {
            if (m.getParameterCount() == 0
                    && m.getReturnType() == type
                    && m.getName().startsWith("get")) {
                try {
                    return m.invoke(conf);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether a preprocessor takes flat input and makes images of it. */
    static boolean flatToImage(InputPreProcessor pre) {
        return pre instanceof FeedForwardToCnnPreProcessor;
    }
}
