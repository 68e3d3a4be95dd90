package org.deepjunit.pipeline;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.deepjunit.model.Tensor;

/**
 * One step's output in a {@linkplain TensorPipeline#trace pipeline trace}.
 *
 * @param stage  the stage's name, or {@value TensorPipeline#MODEL_STEP} for the model's output
 * @param output what it gave for the traced batch
 */
@API(status = EXPERIMENTAL, since = "0.3")
public record StageOutput(String stage, Tensor output) {}
