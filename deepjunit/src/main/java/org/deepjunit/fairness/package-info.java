/**
 * Group fairness and counterfactual checks of a classifier, as Fairlearn's {@code MetricFrame} and AIF360 define
 * them: per group (the values of one or several sensitive attributes) the selection rate, accuracy, true and false
 * positive rates; between groups the demographic parity difference and ratio, the equal opportunity and equalized
 * odds differences and disparate impact (the four-fifths rule), each with a seeded bootstrap interval, gated like
 * quality metrics; and whether changing only a sample's sensitive attribute changes its prediction. Every figure
 * follows from per-group confusion counts ({@link org.deepjunit.fairness.GroupCounts}), which merge across shards.
 * JUnit-free.
 */
package org.deepjunit.fairness;
