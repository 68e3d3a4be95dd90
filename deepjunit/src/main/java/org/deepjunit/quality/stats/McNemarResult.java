package org.deepjunit.quality.stats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * McNemar's paired comparison of a candidate classifier with a baseline on {@code n} samples.
 *
 * @param b samples the baseline gets right and the candidate wrong
 * @param c samples the baseline gets wrong and the candidate right
 * @param n all samples
 * @param difference the candidate's accuracy minus the baseline's, {@code (c − b) / n}
 * @param lower the lower confidence bound of the difference (Agresti–Min, see {@link McNemar})
 * @param upper the upper confidence bound of the difference
 * @param pValue the exact two-sided p-value for "both are equally accurate"
 * @param confidence the confidence level of the interval, e.g. 0.95
 */
@API(status = EXPERIMENTAL, since = "0.4")
public record McNemarResult(
        long b, long c, long n, double difference, double lower, double upper, double pValue, double confidence) {}
