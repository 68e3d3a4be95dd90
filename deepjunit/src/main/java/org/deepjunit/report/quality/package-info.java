/**
 * The model quality pages: from a quality history ({@link org.deepjunit.quality.history.HistoryStore}), one page per
 * model with a trend chart per figure, robustness curves, and the per-slice figures, fairness charts and figures,
 * confusion matrix and gate verdicts of each test's latest run, and an index of the models; see {@link org.deepjunit.report.quality.QualityPages}.
 */
package org.deepjunit.report.quality;
