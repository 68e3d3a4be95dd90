/**
 * Deeplearning4j adapter: {@link org.deepjunit.model.dl4j.Dl4jModel} runs a
 * {@code MultiLayerNetwork}, a {@code ComputationGraph}, a {@code ModelSerializer} zip or a Keras
 * file (through DL4J's importer) behind {@link org.deepjunit.model.Model}. Everything else here is
 * internal. Needs DL4J and an ND4J backend on the classpath (optional dependencies of DeepJUnit).
 */
package org.deepjunit.model.dl4j;
