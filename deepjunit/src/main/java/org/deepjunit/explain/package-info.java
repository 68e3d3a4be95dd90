/**
 * Explanations of a model's answers and checks on them: which input elements a class's score rests on.
 *
 * <p>{@link org.deepjunit.explain.Explain} makes the explainers: saliency (the vanilla gradient), gradient ×
 * input, integrated gradients (Sundararajan et al. 2017, with its completeness error reported for every
 * explanation), SmoothGrad (Smilkov et al. 2017) and occlusion (gradient-free, so it works on any model or
 * pipeline). Each gives an {@link org.deepjunit.explain.Attribution} per input. The checks are plain Java and
 * throw {@link java.lang.AssertionError}s: the share of attribution mass inside a region
 * ({@link org.deepjunit.explain.AttributionAssert}), stability under small input noise
 * ({@link org.deepjunit.explain.MaxSensitivity}, {@link org.deepjunit.explain.ExplainerAssert}), and drift from an
 * approved attribution map ({@link org.deepjunit.explain.ApprovedAttributions}, Spearman's rank correlation).
 * {@link org.deepjunit.explain.HeatMaps} draws an attribution over its input as a PNG, and
 * {@link org.deepjunit.explain.ExplainedInputs} writes one beside an input DeepJUnit saved.
 *
 * <pre>{@code
 * Attribution a = Explain.integratedGradients(lenet5).steps(50).explain(image);
 * AttributionAssert.assertThat(a)
 *         .hasCompletenessErrorBelow(0.01)
 *         .hasMassInsideAtLeast(Mask.above(image, 0.1), 0.7);
 * }</pre>
 *
 * <p>Nothing an explainer runs is observed: its forward passes and gradients count neither as coverage nor as
 * differential comparisons. This package uses no JUnit; {@code @Explanations} in {@code org.deepjunit} injects
 * approved attribution maps configured from the run.
 */
package org.deepjunit.explain;
