package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One class of a top-k answer.
 *
 * @param index the output index
 * @param label its name from the {@link Labels}, or the index as text without labels
 * @param score its score (a probability after {@link Outputs#softmax()})
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record Prediction(int index, String label, double score) {}
