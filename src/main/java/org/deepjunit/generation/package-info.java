/**
 * Input generation for {@link org.deepjunit.GeneratedInputs}: DeepXplore's joint gradient search,
 * DeepTest's transformations and DeepHunter-style fuzzing. {@link org.deepjunit.generation.Constraint}
 * is the user SPI (a custom search constraint, named by {@code constraintClass});
 * {@link org.deepjunit.generation.Constraints} holds the built-in ones. The candidate sources,
 * seeds and RNG helpers are public only for the JUnit extension and may change.
 */
package org.deepjunit.generation;
