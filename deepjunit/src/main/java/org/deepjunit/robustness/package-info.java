/**
 * Robustness of models and pipelines: white-box attacks on the cross-entropy of the logits ({@link
 * org.deepjunit.robustness.Attacks#fgsm FGSM}, {@link org.deepjunit.robustness.Attacks#pgd PGD}), a score-based
 * black-box attack ({@link org.deepjunit.robustness.Attacks#square Square}), common corruptions at five severities,
 * and {@link org.deepjunit.robustness.Robustness}, which runs any of them over a labelled dataset in bounded
 * batches and gives the figures: clean and robust accuracy, attack success rate, minimal perturbation, and the
 * perturbed {@link org.deepjunit.quality.Evaluation} that quality gates take. JUnit-free.
 */
package org.deepjunit.robustness;
