/**
 * The pages of saved inputs ({@code generated/}, {@code inputs/}, {@code robustness/} and any folder given to
 * {@code SavedInputs.writeIndex}): every input beside its seed, its difference map and its explanation, with its
 * metadata as a table, grouped by test, in invocation order. Reads the JSON files the data package writes; renders
 * only.
 */
package org.deepjunit.report.inputs;
