/**
 * Input generation for {@code @GeneratedInputs}, without JUnit: the source annotations
 * {@link org.deepjunit.generation.DeepXploreSearch} (DeepXplore's joint gradient search),
 * {@link org.deepjunit.generation.Transformations} (DeepTest's transformations) and
 * {@link org.deepjunit.generation.Fuzzing} (DeepHunter-style fuzzing), the SPI for a generator of your own
 * ({@link org.deepjunit.generation.InputGenerator}, named with {@link org.deepjunit.generation.InputsSource}),
 * {@link org.deepjunit.generation.Constraint} for a search constraint of your own, and
 * {@link org.deepjunit.generation.GeneratedInput}, what a test method receives.
 */
package org.deepjunit.generation;
