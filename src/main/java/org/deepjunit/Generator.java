package org.deepjunit;

/** How {@link GeneratedInputs} makes new inputs from seeds. */
public enum Generator {
    /** DeepXplore's joint gradient ascent over two or more models; yields difference-inducing inputs. */
    DEEPXPLORE,
    /** DeepTest's metamorphic transformations; one input per seed and transformation, oracle = the seed's label. */
    TRANSFORM,
    /** DeepHunter-style coverage-guided fuzzing; yields the mutants that raise neuron coverage. */
    FUZZ
}
