/**
 * Model-quality metrics as pure functions over plain arrays: a mergeable {@link
 * org.deepjunit.quality.metrics.ConfusionMatrix} with its derived precision, recall and F1, the score-based
 * classification metrics of {@link org.deepjunit.quality.metrics.ClassificationMetrics} (top-k accuracy, log loss,
 * one-vs-rest ROC-AUC, expected calibration error), {@link org.deepjunit.quality.metrics.RegressionMetrics}, and
 * the {@link org.deepjunit.quality.metrics.Metric} interface with its built-ins in {@link
 * org.deepjunit.quality.metrics.Metrics}, which slices, baselines and the paired tests of {@code
 * org.deepjunit.quality.stats} take.
 *
 * <p>Labels are class indices {@code 0 … k−1}; scores are an {@code n × k} array, one row per sample. Every
 * function checks its input and names the sample, the class and the fix in an {@link
 * java.lang.IllegalArgumentException}. No type of a model library appears here, and nothing here holds state.
 */
package org.deepjunit.quality.metrics;
