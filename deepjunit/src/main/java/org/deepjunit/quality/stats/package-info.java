/**
 * Paired comparisons of a candidate model with a baseline on the same samples: {@link
 * org.deepjunit.quality.stats.McNemar}'s exact test for accuracy-like metrics, and the seeded {@link
 * org.deepjunit.quality.stats.PairedBootstrap} of the difference for any {@link
 * org.deepjunit.quality.metrics.Metric}. Pure functions over plain arrays, deterministic for a given seed, with no
 * dependency beyond the JDK.
 */
package org.deepjunit.quality.stats;
