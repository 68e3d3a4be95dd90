package org.deepjunit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Counterfactual fairness on tabular data: changing only a sample's sensitive attribute must not change its
 * prediction. Every sample of the CSV {@link #data()} is predicted with the {@link #attribute()} column set to each
 * other value of {@link #values()}; the test method then runs once per sample whose predicted class changes, and
 * that invocation fails naming the sample, the values and both predictions. When no prediction changes, it runs
 * once and passes, saying how many samples and values were checked (never a silent pass without invocations).
 *
 * <pre>{@code
 * @TestModel("credit") static Model credit() { ... }
 *
 * @CounterfactualFairness(model = "credit", data = "classpath:/credit/applicants.csv", labels = "-2",
 *         attribute = "sex")
 * void sexDoesNotDecide() {}
 * // [1] sample 17: sex 1 → 0 changes class 1 → 0   fails with
 * // "Model credit is not counterfactually fair on sample 17 of classpath:/credit/applicants.csv: changing only sex
 * //  from 1 to 0 changes the prediction from class 1 to class 0"
 * }</pre>
 *
 * <p>The method may take a {@link org.deepjunit.fairness.Counterfactual} (the changed sample; {@code null} in the one
 * invocation of a run where nothing changed) and a {@link org.deepjunit.fairness.CounterfactualResult} (the whole
 * run), e.g. to log more; it need not assert anything. Invocation [n] is always the n-th changed sample in data
 * order. The run's count of changed samples goes to the quality history ({@code counterfactual} figure).
 *
 * <p>Unlike differential verdicts, a changed prediction cannot be approved: a decision that turns on the sensitive
 * attribute alone is a defect to fix (retrain without it, or mask it), not a behaviour to record. To judge fewer
 * changes, narrow {@link #values()}; to tolerate a known defect for a while, disable the test with its reason.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith({TestModelExtension.class, CounterfactualFairnessExtension.class})
@API(status = EXPERIMENTAL, since = "0.5")
public @interface CounterfactualFairness {

    /** The name of the {@link TestModel} to check: it takes the CSV's feature rows, the label column left out. */
    String model();

    /** The tabular data: a CSV file with a header row, {@code classpath:/...} or a file path, values as they are. */
    String data();

    /** The label column's index as text ({@code "-2"}: the last), left out of the features; {@code ""}: none. */
    String labels() default "";

    /** The sensitive attribute: the header name of a feature column. */
    String attribute();

    /** The values to put in; default ({@code {}}) every value the column takes in the data. */
    double[] values() default {};
}
