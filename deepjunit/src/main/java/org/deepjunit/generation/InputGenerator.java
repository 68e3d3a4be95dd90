package org.deepjunit.generation;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Annotation;
import org.apiguardian.api.API;
import org.deepjunit.config.Configuration;

/**
 * Makes test inputs from seeds, for {@code @GeneratedInputs}: DeepJUnit's generators and your own, named with
 * {@link InputsSource}. One instance serves one test method: {@link #configure} once, before anything is loaded,
 * then {@link #start}. Candidates must come in a deterministic order for the same run seed, seeds and settings, so
 * that invocation [n] always means the same input.
 *
 * @param <A> the annotation that carries the generator's settings: the composed annotation meta-annotated with
 *            {@code @InputsSource}, or {@code InputsSource} itself
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface InputGenerator<A extends Annotation> {

    /** The generator's name in messages and summaries, such as {@code DEEPXPLORE}. */
    String name();

    /**
     * Reads the settings: an attribute that is set wins over its configuration parameter. Throws a
     * {@link org.deepjunit.config.ConfigurationException} naming a bad one.
     */
    void configure(A annotation, Configuration configuration);

    /** How many models the generator needs at least. */
    default int minimumModels() {
        return 1;
    }

    /**
     * Starts generating from the seeds. Throws a {@link org.deepjunit.config.ConfigurationException} when the seeds
     * or models do not fit the settings, before any candidate is made.
     */
    CandidateSource start(Seeds seeds);
}
