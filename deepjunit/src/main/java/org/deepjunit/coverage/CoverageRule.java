package org.deepjunit.coverage;

import static org.apiguardian.api.API.Status.STABLE;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * A coverage gate in JaCoCo's check vocabulary, used in {@code @NeuronCoverage(rules = ...)}: for each
 * {@link #element()} (a model, or each layer of each model), the {@link #value()} of {@link #criterion()}
 * must lie within [{@link #minimum()}, {@link #maximum()}]. A violation fails the test class with a message
 * shaped like JaCoCo's, e.g. "Rule violated for layer fc1 of model lenet5: NC covered ratio is 0.62, but
 * expected minimum is 0.70".
 *
 * <pre>{@code
 * @NeuronCoverage(threshold = 0.25, rules = @CoverageRule(element = Element.LAYER, minimum = 0.7))
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface CoverageRule {

    /** What a rule checks, one verdict each. */
    enum Element {
        /** Each model as a whole. */
        MODEL,
        /** Each counted layer of each model. */
        LAYER
    }

    /** The checked number, as JaCoCo names it. */
    enum Value {
        COVEREDRATIO("covered ratio"),
        MISSEDRATIO("missed ratio"),
        COVEREDCOUNT("covered count"),
        MISSEDCOUNT("missed count"),
        TOTALCOUNT("total count");

        private final String words;

        Value(String words) {
            this.words = words;
        }

        /** As the violation message says it, e.g. "covered ratio". */
        public String words() {
            return words;
        }

        /** Whether this value is a ratio in [0, 1] rather than a count. */
        public boolean isRatio() {
            return this == COVEREDRATIO || this == MISSEDRATIO;
        }
    }

    /**
     * The one model the rule checks, by {@link org.deepjunit.model.Model#name()} (or {@code @TestModel} name); empty (default) for
     * every model with coverage. A named model without coverage — declared but never run where DeepJUnit observes
     * it, or misspelt — fails the rule.
     */
    String model() default "";

    Element element() default Element.MODEL;

    Criterion criterion() default Criterion.NC;

    Value value() default Value.COVEREDRATIO;

    /** The smallest allowed value; NaN (the default) for none. */
    double minimum() default Double.NaN;

    /** The largest allowed value; NaN (the default) for none. */
    double maximum() default Double.NaN;
}
