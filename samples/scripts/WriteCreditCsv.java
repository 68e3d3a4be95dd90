import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the fairness sample's data: synthetic credit applicants, 500 to train on and 400 to test on, with the
 * decisions a biased history made. Columns:
 *
 * <ul>
 *   <li>{@code income}: monthly income in thousands, normal (3, 1), at least 0.5;
 *   <li>{@code debt}: monthly debt payments in thousands, normal (1, 0.5), at least 0;
 *   <li>{@code tenure}: years in the current job, 0 to 10;
 *   <li>{@code sex}: 0 female, 1 male, half each, independent of the rest;
 *   <li>{@code over_30}: 1 for applicants aged 30 or over, half each, independent of the rest;
 *   <li>{@code approved}: the historical decision, 1 when income − 0.8·debt + 0.1·tenure + 0.7·sex + noise
 *       (normal, 0.4) &gt; 3.15. The 0.7·sex is the injected bias: with the same finances, men were approved more
 *       often (about 58% against 35%).
 * </ul>
 *
 * <pre>
 * cd samples && java scripts/WriteCreditCsv.java src/test/resources/credit
 * </pre>
 *
 * Only the JDK is needed; the seed is fixed, so the output is the same on every machine.
 */
public class WriteCreditCsv {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Random random = new Random(2024);
        write(out.resolve("applicants-train.csv"), random, 500);
        write(out.resolve("applicants-test.csv"), random, 400);
    }

    static void write(Path file, Random random, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("income,debt,tenure,sex,over_30,approved\n");
        for (int i = 0; i < rows; i++) {
            double income = Math.max(0.5, 3 + random.nextGaussian());
            double debt = Math.max(0, 1 + 0.5 * random.nextGaussian());
            int tenure = random.nextInt(11);
            int sex = random.nextInt(2);
            int over30 = random.nextInt(2);
            income = Math.round(income * 100) / 100.0;
            debt = Math.round(debt * 100) / 100.0;
            double score = income - 0.8 * debt + 0.1 * tenure + 0.7 * sex + 0.4 * random.nextGaussian();
            int approved = score > 3.15 ? 1 : 0;
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%d,%d,%d,%d\n", income, debt, tenure, sex, over30, approved));
        }
        Files.writeString(file, csv);
    }
}
