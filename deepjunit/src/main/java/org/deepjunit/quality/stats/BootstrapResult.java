package org.deepjunit.quality.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A paired bootstrap of a metric's difference, candidate minus baseline, in the metric's own units (for a metric
 * where lower is better, such as log loss, a negative difference is an improvement).
 *
 * @param observed the difference on all samples
 * @param lower the lower percentile bound of the difference
 * @param upper the upper percentile bound of the difference
 * @param pValue the two-sided p-value for "the difference is 0" (see {@link PairedBootstrap})
 * @param resamples how many resamples were drawn
 * @param confidence the confidence level of the interval, e.g. 0.95
 */
@API(status = EXPERIMENTAL, since = "0.4")
public record BootstrapResult(
        double observed, double lower, double upper, double pValue, int resamples, double confidence) {}
