package org.deepjunit.fairness;

import java.util.Locale;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.GateVerdict.Status;

/** One fairness gate on one figure: the decision on its interval, and the message. */
final class FigureCheck {

    private FigureCheck() {}

    static GateVerdict verdict(FairnessGate gate, FairnessFigure f, FairnessReport report) {
        String what = String.format(Locale.ROOT, "%s (%s, n = %d)", f.name(), f.slice(), f.n());
        String prefix = "Fairness gate %s for " + report.model() + ": ";
        String interval = String.format(
                Locale.ROOT,
                "%d%% interval %s to %s",
                Math.round(report.confidence() * 100),
                Figures.fmt(f.lower()),
                Figures.fmt(f.upper()));
        String context = (f.detail().isEmpty() ? "" : "; " + f.detail())
                + (f.leftOut().isEmpty() ? "" : "; left out as too small: " + f.leftOut());
        if (!f.conclusive() || Double.isNaN(f.lower()) || Double.isNaN(f.upper())) {
            String why = f.conclusive() ? "no interval" : f.inconclusive();
            return verdict(
                    Status.INCONCLUSIVE,
                    f,
                    report,
                    String.format(prefix, "inconclusive") + what + ": " + why + ", too few samples to decide");
        }
        double min = gate.minimum();
        double max = gate.maximum();
        String is = what + " is " + Figures.fmt(f.value()) + " (" + interval + ")";
        if (f.upper() < min || f.lower() > max) {
            String expected = f.upper() < min ? "minimum is " + Figures.fmt(min) : "maximum is " + Figures.fmt(max);
            return verdict(
                    Status.FAILED,
                    f,
                    report,
                    String.format(prefix, "failed") + is + ", but expected " + expected + context);
        }
        if (f.lower() < min || f.upper() > max) {
            String bound = f.lower() < min ? "the minimum " + Figures.fmt(min) : "the maximum " + Figures.fmt(max);
            return verdict(
                    Status.INCONCLUSIVE,
                    f,
                    report,
                    String.format(prefix, "inconclusive") + what + " is " + Figures.fmt(f.value()) + ", but its "
                            + interval + " contains " + bound + ": too few samples to decide" + context);
        }
        return verdict(Status.PASSED, f, report, String.format(prefix, "passed") + is + context);
    }

    private static GateVerdict verdict(Status status, FairnessFigure f, FairnessReport report, String message) {
        return new GateVerdict(
                status,
                report.model(),
                f.name(),
                f.slice(),
                (int) Math.min(Integer.MAX_VALUE, f.n()),
                f.value(),
                Double.NaN,
                Double.NaN,
                f.lower(),
                f.upper(),
                Double.NaN,
                message);
    }
}
