package org.miplhil.junit;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.hierarchical.Node;
import org.miplhil.fleet.CaseEstimates;
import org.miplhil.fleet.FleetMode;
import org.miplhil.fleet.FleetModule;
import org.miplhil.fleet.FleetRunner;
import org.miplhil.fleet.VirtualFleet;
import org.miplhil.report.AllureWriter;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.Failure;
import org.miplhil.report.JUnitXmlWriter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.TranscriptWriter;
import org.miplhil.suite.Case;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's run with {@code mipl-hil.parallel} N: the selected cases sharded over N virtual modules by the lanes
 * of {@code ./mipl-hil run --parallel} ({@link FleetRunner}: a {@link SuiteRunner} per module on its own thread,
 * longest expected first, a module whose run stopped takes no more cases), each case reported to JUnit when its
 * module takes it and when it ends. The events come from the modules' threads and reach JUnit's listener one at a
 * time; a suite's container starts before its first case and finishes after its last one, as JUnit requires. A
 * module's failed health check is a failing test of its own ({@code [health-check:sim-2]}).
 *
 * <p>Reports: Allure results and transcripts as in a serial run ({@code transcripts/<module>/}, the {@code module}
 * label), and each module's JUnit XML under {@code junit/<module>/}, whose times order the next run's cases.
 */
final class ParallelRun implements FleetRunner.Observer {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelRun.class);
    /** The virtual modules' first IMEI when no suite's profile names one (as {@code ./mipl-hil run}). */
    static final String DEFAULT_IMEI = "866971050123456";

    private final MiplHilEngineDescriptor root;
    private final EngineExecutionListener listener;
    private final Map<Case, CaseDescriptor> byCase = new IdentityHashMap<>();
    /** Each suite's container and how many of its cases have not finished. */
    private final Map<TestDescriptor, Integer> open = new HashMap<>();
    private final Set<TestDescriptor> started = new HashSet<>();
    private final Set<TestDescriptor> finished = new HashSet<>();
    /** The fleet's console lines, logged. */
    private final PrintStream log = LogLines.to(LOG);

    ParallelRun(MiplHilEngineDescriptor root, EngineExecutionListener listener) {
        this.root = root;
        this.listener = listener;
    }

    void run() {
        start(root);
        List<String> problems = new ArrayList<>();
        try {
            List<RunPlan.SuitePlan> plans = new ArrayList<>();
            for (TestDescriptor child : List.copyOf(root.getChildren())) {
                if (child instanceof SuiteDescriptor suite) {
                    plan(suite).ifPresent(plans::add);
                } else {
                    runAlone(child);
                }
            }
            if (!plans.isEmpty()) {
                problems.addAll(fleet(plans).run(RunPlan.of(plans)).problems());
            }
        } catch (RuntimeException e) {
            LOG.error("mipl-hil: the parallel run broke off", e);
            problems.add("the parallel run broke off: " + e);
        } finally {
            log.close();
        }
        synchronized (this) {
            String why = problems.isEmpty() ? "no module took it" : String.join("; ", problems);
            for (CaseDescriptor c : byCase.values()) {
                if (!finished.contains(c)) {
                    String what = started.contains(c) ? "its module's run broke off: " : "not run: ";
                    finish(c, TestExecutionResult.failed(new CaseDescriptor.CaseBroken("[HARNESS] " + what + why,
                            "")));
                }
            }
            for (TestDescriptor suite : open.keySet()) {
                if (!finished.contains(suite)) {
                    finish(suite, TestExecutionResult.successful());
                }
            }
            finish(root, problems.isEmpty() ? TestExecutionResult.successful()
                    : TestExecutionResult.failed(new CaseDescriptor.CaseBroken("[HARNESS] " + why, "")));
        }
    }

    /** The suite's cases left by the filters, as a plan of their own; its container counts them. */
    private synchronized Optional<RunPlan.SuitePlan> plan(SuiteDescriptor suite) {
        List<Case> cases = new ArrayList<>();
        for (TestDescriptor d : suite.getChildren()) {
            if (d instanceof CaseDescriptor c) {
                byCase.put(c.testCase(), c);
                cases.add(c.testCase());
            }
        }
        if (cases.isEmpty()) {
            return Optional.empty();
        }
        open.put(suite, cases.size());
        RunPlan.SuitePlan p = suite.plan();
        return Optional.of(new RunPlan.SuitePlan(p.suite(), cases, p.profileFile(), p.profile(), p.profileValues(),
                p.objects()));
    }

    private FleetRunner fleet(List<RunPlan.SuitePlan> plans) {
        EngineSettings settings = root.settings();
        String baseImei = plans.stream().flatMap(s -> s.profile().stream()).map(p -> p.identity().imei())
                .findFirst().orElse(DEFAULT_IMEI);
        // no more modules than cases: an IDE's run of one case starts one module, not a fleet
        int cases = plans.stream().mapToInt(p -> p.cases().size()).sum();
        List<FleetModule> modules = VirtualFleet.of(Math.min(settings.parallel(), cases), baseImei);
        ReportLayout layout = settings.layout();
        return new FleetRunner(modules, FleetMode.SHARD, settings.options(), layout, log,
                ConsoleReporter.builder(log).build(), CaseEstimates.read(layout.junit()))
                .observe(this)
                .recordWith(m -> recorder(layout.forModule(m.name())));
    }

    /** As a serial run under Surefire, plus the module's JUnit XML: the next run's estimates. */
    private static RunRecorder recorder(ReportLayout layout) {
        return RunRecorder.builder()
                .sink(new TranscriptWriter(layout))
                .sink(new org.miplhil.report.ResultsWriter(layout))
                .sink(new AllureWriter(layout.allureResults()))
                .sink(new JUnitXmlWriter(layout))
                .build();
    }

    /** A suite that did not load, a missing directory: its failing test, before the cases. */
    private synchronized void runAlone(TestDescriptor d) {
        start(d);
        if (d.isContainer()) {
            d.getChildren().forEach(this::runAlone);
            finish(d, TestExecutionResult.successful());
            return;
        }
        TestExecutionResult result = TestExecutionResult.successful();
        if (d instanceof Node<?> node) {
            try {
                @SuppressWarnings("unchecked")
                Node<MiplHilContext> n = (Node<MiplHilContext>) node;
                n.execute(new MiplHilContext(), null); // these tests only report what discovery found
            } catch (Throwable t) {
                result = TestExecutionResult.failed(t);
            }
        }
        finish(d, result);
    }

    @Override
    public synchronized void healthChecked(FleetModule module, Optional<Failure> failure) {
        if (failure.isEmpty()) {
            return;
        }
        HealthCheckDescriptor check = new HealthCheckDescriptor(root.getUniqueId().append(
                HealthCheckDescriptor.SEGMENT, module.name()), "health check on " + module.name(), failure.get());
        root.addChild(check);
        listener.dynamicTestRegistered(check);
        start(check);
        finish(check, TestExecutionResult.failed(check.failure()));
    }

    @Override
    public synchronized void caseStarting(FleetModule module, RunPlan.SuitePlan suite, Case c) {
        CaseDescriptor d = byCase.get(c);
        if (d == null || started.contains(d)) {
            return; // not of this run's selection (cannot happen), or given twice
        }
        d.getParent().ifPresent(this::start);
        start(d);
        listener.reportingEntryPublished(d, ReportEntry.from("module", module.name()));
    }

    @Override
    public synchronized void caseFinished(FleetModule module, RunPlan.SuitePlan suite, Case c,
                                          SuiteRunner.CaseOutcome outcome) {
        CaseDescriptor d = byCase.get(c);
        if (d == null || finished.contains(d)) {
            return;
        }
        finish(d, CaseDescriptor.resultOf(outcome));
    }

    private void start(TestDescriptor d) {
        if (started.add(d)) {
            listener.executionStarted(d);
        }
    }

    /** Finishes the test (started first if it was not) and, after its suite's last case, the suite's container. */
    private void finish(TestDescriptor d, TestExecutionResult result) {
        if (!finished.add(d)) {
            return;
        }
        d.getParent().filter(p -> p != root).ifPresent(this::start);
        start(d);
        listener.executionFinished(d, result);
        d.getParent().ifPresent(parent -> {
            Integer left = open.computeIfPresent(parent, (k, n) -> n - 1);
            if (left != null && left == 0 && !finished.contains(parent)) {
                finish(parent, TestExecutionResult.successful());
            }
        });
    }
}
