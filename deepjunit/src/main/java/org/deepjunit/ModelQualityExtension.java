package org.deepjunit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deepjunit.config.ConfigurationException;
import org.deepjunit.data.Dataset;
import org.deepjunit.fairness.Fairness;
import org.deepjunit.model.Model;
import org.deepjunit.quality.Evaluation;
import org.deepjunit.quality.GateVerdict;
import org.deepjunit.quality.QualityBaselines;
import org.deepjunit.quality.QualityGates;
import org.deepjunit.quality.QualityKeys;
import org.deepjunit.quality.RunFigures;
import org.deepjunit.quality.Slicing;
import org.deepjunit.quality.history.FigureRecord;
import org.deepjunit.quality.metrics.Metrics;
import org.deepjunit.report.ReportKeys;
import org.deepjunit.robustness.Attack;
import org.deepjunit.robustness.MinimalPerturbation;
import org.deepjunit.robustness.Perturbation;
import org.deepjunit.robustness.Robustness;
import org.deepjunit.robustness.RobustnessResult;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** {@link ModelQuality}'s extension: injects {@link Quality} and records what each test evaluated and gated. */
final class ModelQualityExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ModelQualityExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Quality.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestQuality.class, k -> open(context), TestQuality.class);
    }

    private static TestQuality open(ExtensionContext context) {
        try {
            Settings settings = Settings.of(context);
            QualityBaselines baselines = QualityBaselines.in(
                    settings.getOrDefault(QualityKeys.APPROVED_DIR)
                            .toAbsolutePath()
                            .normalize(),
                    settings.getOrDefault(QualityKeys.APPROVE));
            return new TestQuality(
                    context,
                    settings,
                    // the declaring class: a test inherited by several classes keeps one baseline per model
                    context.getRequiredTestMethod().getDeclaringClass().getName() + "."
                            + context.getRequiredTestMethod().getName(),
                    baselines);
        } catch (ConfigurationException e) {
            throw Settings.asJUnit(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestQuality quality = context.getStore(NAMESPACE).get(TestQuality.class, TestQuality.class);
        if (quality != null) {
            quality.finish(context);
        }
    }

    /** One test's evaluations and verdicts. */
    static final class TestQuality implements Quality {

        private final ExtensionContext context;
        private final Settings settings;
        private final String test;
        private final QualityBaselines baselines;
        private final Map<String, Evaluation> evaluations = new LinkedHashMap<>();
        private final Map<String, List<GateVerdict>> verdicts = new LinkedHashMap<>();
        private final List<RobustnessResult> robustness = new ArrayList<>();
        private final Map<String, MinimalPerturbation> minimal = new LinkedHashMap<>();
        /** Models whose evaluation was gated through {@link #gates}: the ones with a baseline file. */
        private final java.util.Set<String> gated = new java.util.LinkedHashSet<>();

        private final FairnessRuns fairness = new FairnessRuns();

        TestQuality(ExtensionContext context, Settings settings, String test, QualityBaselines baselines) {
            this.context = context;
            this.settings = settings;
            this.test = test;
            this.baselines = baselines;
        }

        @Override
        public synchronized Evaluation evaluate(Model model, Dataset data) {
            Evaluation e = Evaluation.of(model, data);
            evaluations.put(e.model(), e);
            return e;
        }

        @Override
        public RobustnessResult robustness(Robustness runner, Perturbation perturbation) {
            RobustnessResult result = runner.run(perturbation); // outside the lock: runs may take minutes
            // now, while the test's model is open: the overlays explain it
            RobustnessRecorder.saveExamples(context, settings, runner.model(), result);
            synchronized (this) {
                evaluations.putIfAbsent(result.clean().model(), result.clean());
                evaluations.put(result.perturbed().model(), result.perturbed());
                robustness.add(result);
            }
            return result;
        }

        @Override
        public MinimalPerturbation minimalPerturbation(Robustness runner, Attack attack, int steps) {
            MinimalPerturbation result = runner.minimalPerturbation(attack, steps);
            String model = runner.model().name() + " under " + attack.name();
            synchronized (this) {
                minimal.put(model, result);
            }
            return result;
        }

        @Override
        public synchronized QualityGates gates(Evaluation candidate) {
            evaluations.putIfAbsent(candidate.model(), candidate);
            gated.add(candidate.model());
            QualityGates gates = QualityGates.on(candidate).onVerdicts(v -> record(candidate.model(), v));
            String name = baselineName(candidate);
            Optional<Evaluation> approved = baselines.approved(name); // read once: it checks the scores' SHA-256
            if (approved.isPresent()) {
                return gates.against(approved.get());
            }
            // approving a first baseline: the candidate is the baseline, and a change against itself is none
            return baselines.approving() ? gates.against(candidate) : gates.againstApproved(baselines, name);
        }

        @Override
        public synchronized Fairness fairness(Evaluation candidate, Slicing... attributes) {
            evaluations.putIfAbsent(candidate.model(), candidate);
            return fairness.track(Fairness.of(candidate, attributes))
                    .approvedBaselines(baselines, baselineName(candidate), () -> usesApproved(candidate));
        }

        /** A fairness change gate against the approved baseline: record the candidate's, approved or received. */
        private synchronized void usesApproved(Evaluation candidate) {
            gated.add(candidate.model());
        }

        private static List<FigureRecord> concat(List<FigureRecord> a, List<FigureRecord> b) {
            List<FigureRecord> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        private synchronized void record(String model, List<GateVerdict> list) {
            verdicts.computeIfAbsent(model, m -> new ArrayList<>()).addAll(list);
        }

        private String baselineName(Evaluation e) {
            return test + "." + e.model();
        }

        synchronized void finish(ExtensionContext context) {
            // a perturbed evaluation's robustness figures go into its own history run, so the trend has no gaps
            Map<String, List<FigureRecord>> robust = new LinkedHashMap<>();
            robustness.forEach(r -> robust.computeIfAbsent(r.perturbed().model(), m -> new ArrayList<>())
                    .addAll(RobustnessRecorder.figures(context, r)));
            minimal.forEach((model, m) -> RobustnessRecorder.record(context, settings, test, model, m));
            for (Evaluation e : evaluations.values()) {
                Map<String, Double> figures = new LinkedHashMap<>();
                figures.put(Metrics.ACCURACY.name() + "[" + Evaluation.ALL + "]", e.value(Metrics.ACCURACY));
                for (GateVerdict v : verdicts.getOrDefault(e.model(), List.of())) {
                    if (!Double.isNaN(v.value())) {
                        figures.put(v.metric() + "[" + v.slice() + "]", v.value());
                    }
                }
                figures.forEach((figure, value) -> context.publishReportEntry(
                        "deepjunit.quality." + e.model() + "." + figure, String.valueOf(value)));
                RunFigures.of(settings.getOrDefault(ReportKeys.DIRECTORY))
                        .add(RunFigures.of(test, e, figures, verdicts.getOrDefault(e.model(), List.of())));
                QualityHistory.of(context)
                        .record(
                                settings,
                                test,
                                e,
                                figures,
                                verdicts.getOrDefault(e.model(), List.of()),
                                concat(fairness.finish(context, e.model()), robust.getOrDefault(e.model(), List.of())));
                if (!gated.contains(e.model())) {
                    continue; // evaluated only, e.g. as the in-run baseline of another model: no baseline file
                }
                Optional<java.nio.file.Path> received = baselines.record(baselineName(e), e, figures);
                received.ifPresent(file -> {
                    String notice = "quality baseline of " + e.model() + " received: " + file + " (no approved one, or"
                            + " its model, data or figures changed); review it, then rename it to .approved, or run"
                            + " once with -D" + QualityBaselines.APPROVE + "=true";
                    context.publishReportEntry("deepjunit.quality." + e.model() + ".received", notice);
                    System.out.println("[deepjunit] " + notice);
                });
            }
        }
    }
}
