package org.deepjunit.differential;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.deepjunit.data.FolderLock;
import org.deepjunit.data.SavedInputs;
import org.deepjunit.differential.ApprovedVerdict.Answer;
import org.deepjunit.model.ForwardEvent;
import org.deepjunit.model.ForwardListener;
import org.deepjunit.model.ForwardListeners;
import org.deepjunit.model.Model;
import org.deepjunit.model.ModelFiles;
import org.deepjunit.model.Shape;
import org.deepjunit.model.Tensor;
import org.deepjunit.pipeline.StepDifference;

/**
 * Bound to the test's thread for one invocation: replays each forward pass of the model under test
 * on the reference, compares sample by sample, checks approved inputs against their verdicts, and
 * at the end turns what failed into received records, saved inputs and one assertion message.
 */
@API(status = INTERNAL, since = "0.1")
public final class DifferentialChecker implements ForwardListener {

    /** How many failures a message spells out; the received file holds them all. */
    static final int MESSAGE_LIMIT = 10;

    private final ComparedModels setup;
    private final GoldenFile golden;
    private final String testName;
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private final Set<String> seen = new java.util.HashSet<>();
    private final Set<Model> compatible = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<Model> injected;
    private final Set<String> undeclared = new java.util.TreeSet<>();
    private final Map<String, Origin> origins = new java.util.HashMap<>();
    private Model modelUnderTest;
    private int calls;
    private int checked;
    private double maxDifference;

    /** One input that failed: a new disagreement or an approved input answered differently. */
    record Failure(
            String id,
            Tensor sample,
            String where,
            boolean approvedInput,
            String reason,
            Comparison comparison,
            Answer mut,
            Answer ref,
            ApprovedVerdict record) {}

    /**
     * @param injected the models under test the test method received as arguments: it meant to run one, so no
     *                 observed pass of a model under test is a failure
     */
    public DifferentialChecker(ComparedModels setup, GoldenFile golden, String testName, List<Model> injected) {
        this.setup = setup;
        this.golden = golden;
        this.testName = testName;
        this.injected = List.copyOf(injected);
        this.modelUnderTest = setup.modelUnderTest();
    }

    /** Where a generated input came from: its seed and the generator's account of it ({@code GeneratedInput}). */
    private record Origin(Tensor seed, Map<String, Object> provenance) {}

    /** The generator's keys saved beside a failing input: how it was made and how far it is from its seed. */
    private static final List<String> PROVENANCE = List.of(
            "displayName", "runSeed", "seedId", "seedLabel", "generator", "method", "parameters", "L0", "L2", "Linf");

    /**
     * Declares that the test received {@code input} from a generator: should the models disagree on it, it is saved
     * beside {@code seed} with a difference map, and with what {@code provenance} says of how it was made.
     */
    public synchronized void madeFrom(Tensor input, Tensor seed, Map<String, Object> provenance) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String key : PROVENANCE) {
            if (provenance.containsKey(key)) {
                kept.put(key, provenance.get(key));
            }
        }
        origins.put(InputId.of(input.sample(0)), new Origin(seed, kept));
    }

    @Override
    public synchronized void onForward(ForwardEvent event) {
        Model model = event.model();
        if (!setup.isUnderTest(model)) {
            if (model != setup.reference() && !setup.isDeclared(model)) {
                undeclared.add(model.name());
            }
            return;
        }
        if (setup.modelUnderTest() == null && compatible.add(model)) {
            setup.checkCompatible(model);
        }
        modelUnderTest = model;
        calls++;
        Tensor inputs = event.inputs();
        Tensor referenceOutput = setup.reference().predict(inputs);
        compare(inputs, event.output(), referenceOutput, "call " + calls);
    }

    private void compare(Tensor inputs, Tensor mutOutput, Tensor refOutput, String call) {
        int n = inputs.batchSize();
        for (int i = 0; i < n; i++) {
            Tensor sample = inputs.sample(i);
            String id = InputId.of(sample);
            seen.add(id);
            double[] a = mutOutput.sample(i).toDoubleArray();
            double[] b = refOutput.sample(i).toDoubleArray();
            Comparison comparison = setup.oracle().compare(a, b, setup.tolerance());
            checked++;
            if (!(comparison.maxDifference() <= maxDifference)) {
                maxDifference = comparison.maxDifference();
            }
            String where = call + ", sample " + i + " of " + inputs.shape();
            Optional<ApprovedVerdict> approved = golden.approved(id);
            if (approved.isPresent()) {
                checkApproved(approved.get(), sample, a, b, comparison, where);
            } else if (!comparison.agrees() && !failures.containsKey(id)) {
                Answer mut = answer(modelUnderTest, a);
                Answer ref = answer(setup.reference(), b);
                int proposal = ref.top1();
                ApprovedVerdict record = new ApprovedVerdict(
                        id,
                        proposal >= 0 ? proposal : null,
                        "Proposed: the reference's answer. Check it, set \"correct\" to the right answer, then approve.",
                        comparison.reason(),
                        round(comparison.maxDifference()),
                        mut,
                        ref,
                        ApprovedVerdict.StoredInput.of(sample));
                failures.put(
                        id, new Failure(id, sample, where, false, comparison.reason(), comparison, mut, ref, record));
            }
        }
    }

    private void checkApproved(
            ApprovedVerdict verdict, Tensor sample, double[] a, double[] b, Comparison comparison, String where) {
        String problemA = deviation("the model under test", verdict.correct(), verdict.modelUnderTest(), a);
        String problemB = deviation("the reference", verdict.correct(), verdict.reference(), b);
        if ((problemA == null && problemB == null) || failures.containsKey(verdict.id())) {
            return;
        }
        String reason = problemA == null ? problemB : problemB == null ? problemA : problemA + "; " + problemB;
        Answer mut = answer(modelUnderTest, a);
        Answer ref = answer(setup.reference(), b);
        ApprovedVerdict record = new ApprovedVerdict(
                verdict.id(),
                verdict.correct(),
                verdict.note(),
                reason,
                round(comparison.maxDifference()),
                mut,
                ref,
                verdict.input() != null ? verdict.input() : ApprovedVerdict.StoredInput.of(sample));
        failures.put(
                verdict.id(), new Failure(verdict.id(), sample, where, true, reason, comparison, mut, ref, record));
    }

    /**
     * Where the two models part on a failing sample, for the failures a message shows. Localising is a diagnosis:
     * when it fails (a layer map naming no layer, say) the message says so and the check stands.
     */
    private List<StepDifference> localise(Tensor sample) {
        try {
            // Coverage and this checker must not see the passes that localising makes.
            return ForwardListeners.unobserved(() ->
                    Localisation.of(modelUnderTest, setup.reference(), sample, setup.tolerance(), setup.layerMap()));
        } catch (RuntimeException e) {
            return List.of(new StepDifference("localisation", Double.NaN, true, "not possible: " + e.getMessage()));
        }
    }

    /** Null when the model's answer is the correct one or the one approved for it, else what is wrong. */
    private String deviation(String who, Integer correct, Answer approved, double[] output) {
        int label = setup.oracle().label(output);
        if (label >= 0) {
            if ((correct != null && label == correct) || label == approved.top1()) {
                return null;
            }
            return who + " now answers " + label + ", but the approved verdict says "
                    + (correct != null ? correct + " is correct" : "nothing is correct")
                    + " and approved it answering " + approved.top1();
        }
        if (approved.output() != null) {
            Comparison c = setup.oracle().compare(output, approved.output(), setup.tolerance());
            return c.agrees() ? null : who + "'s output moved from its approved output: " + c.reason();
        }
        return null;
    }

    /**
     * Once per run and golden file: runs every approved input this invocation did not see through
     * both models and checks it against its verdict.
     */
    public void recheckApproved() {
        Model model;
        synchronized (this) {
            model = modelUnderTest;
        }
        if (model == null || golden.approvedRecords().isEmpty() || !golden.claimRecheck()) {
            return;
        }
        Map<Shape, List<ApprovedVerdict>> byShape = new LinkedHashMap<>();
        for (ApprovedVerdict v : golden.approvedRecords()) {
            if (v.input() != null && !seen.contains(v.id())) {
                byShape.computeIfAbsent(Shape.of(v.input().shape()), s -> new ArrayList<>())
                        .add(v);
            }
        }
        for (List<ApprovedVerdict> group : byShape.values()) {
            Tensor inputs =
                    Tensor.concat(group.stream().map(v -> v.input().toTensor()).toArray(Tensor[]::new));
            Tensor a = model.predict(inputs.as(model.dataType()));
            Tensor b = setup.reference().predict(inputs.as(setup.reference().dataType()));
            synchronized (this) {
                for (int i = 0; i < group.size(); i++) {
                    ApprovedVerdict v = group.get(i);
                    double[] oa = a.sample(i).toDoubleArray();
                    double[] ob = b.sample(i).toDoubleArray();
                    checkApproved(
                            v,
                            inputs.sample(i),
                            oa,
                            ob,
                            setup.oracle().compare(oa, ob, setup.tolerance()),
                            "approved input re-checked from "
                                    + golden.approvedPath().getFileName());
                }
            }
        }
    }

    public synchronized int checked() {
        return checked;
    }

    public synchronized double maxDifference() {
        return maxDifference;
    }

    /** How many inputs failed: new disagreements and approved inputs answered differently. */
    public synchronized int failed() {
        return failures.size();
    }

    /** The model under test the passes were observed on; empty when the test ran none. */
    public synchronized Optional<Model> observedModelUnderTest() {
        return Optional.ofNullable(modelUnderTest);
    }

    /**
     * Writes what failed (received file, saved inputs) and returns the failure message of the test, empty when all
     * passed.
     */
    public synchronized Optional<String> finish() {
        if (calls == 0 && (!injected.isEmpty() || !undeclared.isEmpty())) {
            return Optional.of(notObserved());
        }
        if (failures.isEmpty()) {
            golden.passed();
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        Map<String, SavedInputs.Saved> saved = new LinkedHashMap<>();
        // under the report folder's lock: no save lands in a report that another JVM is swapping out
        FolderLock.lockedUnchecked(setup.inputsDir().toAbsolutePath().getParent(), () -> {
            for (Failure f : failures.values()) {
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("id", f.id());
                metadata.put("test", testName);
                metadata.put("shape", f.sample().shape().withoutBatch().dims());
                metadata.put("reason", f.reason());
                metadata.put("maxDifference", round(f.comparison().maxDifference()));
                metadata.put("modelUnderTest", f.mut());
                metadata.put("reference", f.ref());
                Origin origin = origins.get(f.id());
                if (origin != null) {
                    origin.provenance().forEach(metadata::putIfAbsent);
                }
                SavedInputs.Saved s = SavedInputs.save(
                        setup.inputsDir(), f.id(), f.sample(), origin == null ? null : origin.seed(), null, metadata);
                if (saved.size() < MESSAGE_LIMIT) {
                    setup.afterSave(modelUnderTest, f.sample(), s); // the inputs the message names
                }
                saved.put(f.id(), s);
            }
            SavedInputs.writeIndex(
                    setup.inputsDir(),
                    "Inputs the models disagreed on",
                    "Inputs on which a model under test and its @DifferentialAgainst reference disagreed, or deviated "
                            + "from an approved verdict; each with its tensor (.npy) and metadata (.json). Verdicts are "
                            + "approved in the .received.json files of the approved directory.");
        });
        golden.recordFailures(
                testName,
                name(modelUnderTest),
                modelUnderTest == null ? ModelFiles.none() : modelUnderTest.files(),
                setup.reference().name(),
                setup.reference().files(),
                failures.values().stream().map(Failure::record).toList());

        return Optional.of(DisagreementMessage.of(
                setup, golden, name(modelUnderTest), checked, failures.values(), saved, this::localise));
    }

    /** Why nothing was compared although the test used a model, and how to fix it. */
    private String notObserved() {
        StringBuilder msg = new StringBuilder("No forward pass of the model under test reached DeepJUnit during ")
                .append(testName)
                .append(", so nothing was compared with reference \"")
                .append(setup.referenceName())
                .append("\" (")
                .append(setup.reference().name())
                .append(").");
        if (!injected.isEmpty()) {
            msg.append(" The test received ")
                    .append(injected.stream().map(m -> "'" + m.name() + "'").toList())
                    .append(" but none of its forward passes was observed: call predict/activations on that instance,"
                            + " on the test's own thread (passes on other threads, e.g. in a parallel stream, are not"
                            + " observed), not on a model taken out of it.");
        }
        if (!undeclared.isEmpty()) {
            msg.append(" It ran ")
                    .append(undeclared)
                    .append(", which no @TestModel of ")
                    .append(setup.testClassName())
                    .append(" declares: declare the model under test with")
                    .append(" @TestModel (a static factory method, or a static field whose model extends")
                    .append(" ObservedModel) and take it as a parameter");
            msg.append(
                    setup.modelUnderTest() == null
                            ? "."
                            : ", or name the declared one in @DifferentialAgainst(model = ...).");
        }
        return msg.toString();
    }

    private Answer answer(Model model, double[] output) {
        return Answer.of(name(model), output, setup.oracle(), setup.topK());
    }

    private static String name(Model model) {
        return model == null ? "?" : model.name();
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }
}
