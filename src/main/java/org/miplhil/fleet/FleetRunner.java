package org.miplhil.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.miplhil.platform.Platform;
import org.miplhil.report.AllureFiles;
import org.miplhil.report.CaseResult;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.Failure;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.Reports;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.SuiteInfo;
import org.miplhil.report.SuiteResult;
import org.miplhil.suite.Case;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;

/**
 * Runs a plan on several modules at once, each on a thread of its own with its own {@link SuiteRunner}: its session,
 * its endpoint at the platform, its power channel, its report folder ({@code junit/<module>/},
 * {@code transcripts/<module>/}; the Allure results together, the module a label). {@link FleetMode#SHARD}: the
 * cases go, longest expected first ({@link CaseEstimates}), to whichever module is free; {@link FleetMode#REPLICATE}:
 * every module runs them all. A module whose run stopped (failed health check, open breaker, {@code --max-failures})
 * takes no more cases; when every module has stopped, the last one reports the cases left as not run, with its
 * reason. The console shows each module's lines with {@code [module]} and one case counter for the fleet; the fleet
 * prints one summary, a row per module.
 * <p>
 * With the embedded platform the fleet starts one platform for every module (the default, {@code sharedPlatform}):
 * the modules register to it with their own IMEIs and each module's cases see their own device only (its events,
 * notifications, requests, FOTA campaigns and package downloads: {@link org.miplhil.platform.DeviceScope}), as one
 * real platform serves a rack. Without it ({@code --platform-per-module}) each module starts its own platform on
 * free ports. OneNET and the platform in a container are one platform for the fleet anyway.
 */
public final class FleetRunner {

    /**
     * One case to run: in which round of {@code --repeat}, of which suite, how long it is expected to take. The
     * suite and case are the reference plan's; {@code suiteIndex} and {@code caseIndex} name the same case in every
     * profile's plan ({@link ProfilePlans}), so that the module taking it runs its own profile's copy.
     */
    record Item(int round, RunPlan.SuitePlan suite, Case c, java.time.Duration estimate, int suiteIndex,
                int caseIndex) {
        Item(int round, RunPlan.SuitePlan suite, Case c, java.time.Duration estimate) {
            this(round, suite, c, estimate, -1, -1);
        }

        /** This case in {@code plan} (a module's profile's plan); this one when it names no position. */
        Item in(RunPlan plan) {
            if (suiteIndex < 0) {
                return this;
            }
            RunPlan.SuitePlan s = plan.suites().get(suiteIndex);
            return new Item(round, s, s.cases().get(caseIndex), estimate, suiteIndex, caseIndex);
        }
    }

    /**
     * What a caller learns of the lanes as they go, called on each module's own thread (several at once: an
     * implementation synchronizes what it shares). The JUnit engine runs its selection through the same lanes, with
     * reports of its own ({@link #recordWith}), and hears each case as it starts and ends.
     */
    public interface Observer {
        /** Learns nothing. */
        Observer NONE = new Observer() {
        };

        /** The module's health check before its first case; empty when it passed or did not run. */
        default void healthChecked(FleetModule module, java.util.Optional<Failure> failure) {
        }

        /** The module takes the case: it runs it now, or reports it not run (its run stopped). */
        default void caseStarting(FleetModule module, RunPlan.SuitePlan suite, Case c) {
        }

        /** The case ended on the module. */
        default void caseFinished(FleetModule module, RunPlan.SuitePlan suite, Case c,
                                  SuiteRunner.CaseOutcome outcome) {
        }
    }

    /** What a fleet's run gave: each module's result and the fleet's (a pseudo-suite per module). */
    public record Result(RunResult fleet, Map<String, RunResult> byModule, List<String> problems) {
        public Result {
            byModule = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byModule));
            problems = List.copyOf(problems);
        }

        /** 0 when every case passed on every module and no module's run broke off, 1 otherwise. */
        public int exitCode() {
            return problems.isEmpty() ? fleet.exitCode() : 1;
        }
    }

    private Observer observer = Observer.NONE;
    /** Each module's report; {@code null}: the command line's under {@code junit/<module>/} with console lines. */
    private java.util.function.Function<FleetModule, RunRecorder> recorders;
    private final List<FleetModule> modules;
    private final FleetMode mode;
    private final RunOptions base;
    private final ReportLayout layout;
    private final PrintStream out;
    private final ConsoleReporter terminal;
    private final CaseEstimates estimates;
    private final boolean sharedPlatform;
    /** The plan of each module's profile, set by {@link #run(ProfilePlans)}. */
    private ProfilePlans plans;

    /**
     * One embedded platform for the whole fleet (when the options' platform is the embedded one).
     *
     * @param terminal the console reporter whose colour and character settings every module's lines use
     * @param estimates the expected durations the shard orders cases by
     */
    public FleetRunner(List<FleetModule> modules, FleetMode mode, RunOptions base, ReportLayout layout,
                       PrintStream out, ConsoleReporter terminal, CaseEstimates estimates) {
        this(modules, mode, base, layout, out, terminal, estimates, true);
    }

    /**
     * @param sharedPlatform with the embedded platform: true, one platform for every module, each module's cases
     *                       seeing their own device; false, a platform of its own for each module (free ports)
     */
    public FleetRunner(List<FleetModule> modules, FleetMode mode, RunOptions base, ReportLayout layout,
                       PrintStream out, ConsoleReporter terminal, CaseEstimates estimates, boolean sharedPlatform) {
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("a fleet has at least one module");
        }
        this.modules = List.copyOf(modules);
        this.mode = Objects.requireNonNull(mode, "mode");
        this.base = Objects.requireNonNull(base, "base");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.estimates = Objects.requireNonNull(estimates, "estimates");
        this.sharedPlatform = sharedPlatform;
    }

    /** Whether this fleet runs its modules on one embedded platform. */
    public boolean sharesPlatform() {
        return sharedPlatform && embedded();
    }

    private boolean embedded() {
        return base.onenet().isEmpty() && !base.container();
    }

    /** Tells {@code observer} each module's health check and each case as it starts and ends. */
    public FleetRunner observe(Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /**
     * Each module's report made by {@code recorders} instead of the command line's (JUnit XML, Allure results and
     * transcripts under {@code layout.forModule(name)}, console lines); the fleet's Allure environment stays.
     */
    public FleetRunner recordWith(java.util.function.Function<FleetModule, RunRecorder> recorders) {
        this.recorders = Objects.requireNonNull(recorders, "recorders");
        return this;
    }

    /** Every selected case of the plan, {@code repeat} times, in the order the report shows them. */
    List<Item> items(RunPlan plan) {
        List<Item> items = new ArrayList<>();
        for (int round = 1; round <= base.repeat(); round++) {
            for (int si = 0; si < plan.suites().size(); si++) {
                RunPlan.SuitePlan s = plan.suites().get(si);
                for (int ci = 0; ci < s.cases().size(); ci++) {
                    Case c = s.cases().get(ci);
                    items.add(new Item(round, s, c, estimates.of(s.suite(), c), si, ci));
                }
            }
        }
        return items;
    }

    /** The shard's order: longest expected first (so that no long case starts last), the plan's order otherwise. */
    static List<Item> longestFirst(List<Item> items) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::estimate).reversed());
        return sorted;
    }

    /** Every module runs {@code plan} (one firmware profile for the fleet, or the suites' own). */
    public Result run(RunPlan plan) {
        return run(ProfilePlans.single(plan));
    }

    /**
     * Each module runs the plan of its own firmware profile ({@link ProfilePlans#planOf}): replicated, the whole
     * selection under its profile; sharded, each case once, under the profile of the module that takes it (the
     * console line, the JUnit properties and the Allure {@code profile} label say which).
     */
    public Result run(ProfilePlans plans) {
        this.plans = Objects.requireNonNull(plans, "plans");
        RunPlan plan = plans.reference();
        List<Item> items = items(plan);
        int planned = mode == FleetMode.SHARD ? items.size() : items.size() * modules.size();
        out.println("mipl-hil run: " + modules.size() + " modules (" + modules.stream().map(FleetModule::name)
                .collect(Collectors.joining(", ")) + "), " + mode.word() + ", " + planned
                + (planned == 1 ? " case" : " cases"));
        if (plans.mixed()) {
            out.println("mipl-hil run: firmware profiles: " + modules.stream().map(m -> m.name() + "="
                    + ProfilePlans.name(plans.profileOf(m.name()))).collect(Collectors.joining(", "))
                    + (mode == FleetMode.SHARD ? "; each case runs once, under the profile of the module that takes it"
                    : "; every module runs the selection under its own profile"));
        }
        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<Item> shared = new ConcurrentLinkedQueue<>(longestFirst(items));
        AtomicInteger running = new AtomicInteger(modules.size());
        Map<String, RunResult> results = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        Instant start = Instant.now();
        Optional<Platform> platform = sharesPlatform() ? SharedPlatform.start(base, out) : Optional.empty();
        try {
            runLanes(plan, items, planned, done, shared, running, platform, results, problems);
        } finally {
            platform.ifPresent(Platform::close);
        }
        Result result = merge(start, Instant.now(), results, problems);
        writeEnvironment(result.fleet().info());
        for (String line : terminal.summary(result.fleet(), "module")) {
            out.println(line);
        }
        problems.forEach(p -> out.println("mipl-hil run: " + p));
        return result;
    }

    /** Each module's lane on a thread of its own; returns when every lane ended. */
    private void runLanes(RunPlan plan, List<Item> items, int planned, AtomicInteger done,
                          ConcurrentLinkedQueue<Item> shared, AtomicInteger running, Optional<Platform> platform,
                          Map<String, RunResult> results, List<String> problems) {
        List<Thread> threads = new ArrayList<>();
        for (FleetModule m : modules) {
            Lane lane = new Lane(m, plans.planOf(m.name()), planned, done, mode == FleetMode.SHARD ? shared
                    : new ConcurrentLinkedQueue<>(items), running, platform);
            Thread t = new Thread(() -> {
                try {
                    results.put(m.name(), lane.run());
                } catch (RuntimeException e) {
                    problems.add(m.name() + ": the run broke off: " + e);
                    out.println("[" + m.name() + "] mipl-hil run: the module's run broke off: " + e);
                }
            }, "mipl-hil module " + m.name());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while the modules ran");
                break;
            }
        }
    }

    private Result merge(Instant start, Instant stop, Map<String, RunResult> results, List<String> problems) {
        List<SuiteResult> rows = new ArrayList<>();
        Map<String, RunResult> ordered = new LinkedHashMap<>();
        for (FleetModule m : modules) {
            RunResult r = results.get(m.name());
            if (r == null) {
                continue;
            }
            ordered.put(m.name(), r);
            List<CaseResult> cases = r.suites().stream().flatMap(s -> s.cases().stream()).toList();
            rows.add(new SuiteResult(new SuiteInfo(m.name(), "", m.target().describe() + profileWords(m)), r.start(),
                    r.stop(), null, cases, null));
        }
        RunInfo.Builder info = RunInfo.builder().target(modules.stream().map(m -> m.name() + "="
                + m.target().describe()).collect(Collectors.joining(", ")))
                .plannedCases(rows.stream().mapToInt(s -> s.cases().size()).sum())
                .put("modules", Integer.toString(modules.size())).put("mode", mode.word());
        if (plans.mixed()) {
            info.profile(modules.stream().map(m -> m.name() + "=" + lanePath(m))
                    .collect(Collectors.joining(", ")));
        } else {
            lanePathOf(modules.get(0)).ifPresent(p -> info.profile(p.toString()));
        }
        RunInfo fleetInfo = info.build();
        return new Result(new RunResult(fleetInfo, start, stop, rows), ordered, problems);
    }

    /** The profile a module runs under: its own (a rack module's), else the options'. */
    private Optional<java.nio.file.Path> lanePathOf(FleetModule m) {
        return plans.profileOf(m.name()).or(base::profile);
    }

    private String lanePath(FleetModule m) {
        return lanePathOf(m).map(java.nio.file.Path::toString).orElse("");
    }

    /** {@code ", profile X"} in a fleet of several profiles (its summary row), else nothing. */
    private String profileWords(FleetModule m) {
        return plans.mixed() ? ", profile " + ProfilePlans.name(lanePathOf(m)) : "";
    }

    /** Allure's environment names the fleet, not the module whose run happened to finish last. */
    private void writeEnvironment(RunInfo fleet) {
        try {
            Files.createDirectories(layout.allureResults());
            Files.writeString(layout.allureResults().resolve("environment.properties"),
                    AllureFiles.environmentProperties(fleet), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            out.println("mipl-hil run: cannot write the fleet's Allure environment: " + e.getMessage());
        }
    }

    /** One module's run: its own runner, recorder and console lines, fed from its queue. */
    private final class Lane {
        private final FleetModule module;
        private final RunPlan plan;
        private final int planned;
        private final AtomicInteger done;
        private final ConcurrentLinkedQueue<Item> queue;
        private final AtomicInteger running;
        private final Optional<Platform> platform;

        Lane(FleetModule module, RunPlan plan, int planned, AtomicInteger done, ConcurrentLinkedQueue<Item> queue,
             AtomicInteger running, Optional<Platform> platform) {
            this.platform = platform;
            this.module = module;
            this.plan = plan;
            this.planned = planned;
            this.done = done;
            this.queue = queue;
            this.running = running;
        }

        RunResult run() {
            RunOptions opts = base.forModule(module.target(), module.imei(), module.imsi(), module.power(),
                    module.wake()).withProfile(lanePathOf(module));
            // several profiles: every line of the module says which it runs under
            String label = plans.mixed() ? module.name() + " " + ProfilePlans.name(lanePathOf(module)) : module.name();
            ConsoleReporter console = ConsoleReporter.builder(out).like(terminal)
                    .fleetModule(label, done, planned).build();
            RunRecorder rec = recorders != null ? recorders.apply(module)
                    : Reports.forCommandLine(layout.forModule(module.name()), console);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put(RunInfo.MODULE, module.name());
            if (mode == FleetMode.REPLICATE) {
                extra.put(RunInfo.REPLICATED, "true");
            }
            try (SuiteRunner runner = platform.isPresent() ? new SuiteRunner(opts, rec, platform.get())
                    : new SuiteRunner(opts, rec)) {
                runner.onProgress(line -> out.println("[" + label + "] mipl-hil run: " + line));
                runner.runStarted(plan.suites(), planned, extra);
                observer.healthChecked(module, runner.healthCheck(plan.suites()));
                Cursor cursor = new Cursor(runner, module);
                boolean left = false; // whether this module has left the fleet's count of modules still going
                while (true) {
                    if (mode == FleetMode.SHARD && !left && runner.stopped().isPresent()) {
                        left = true;
                        if (running.decrementAndGet() > 0) {
                            break; // the modules still going take the cases left
                        }
                        // the last to stop: every case left is reported not run, with this module's reason
                    }
                    Item it = queue.poll();
                    if (it == null) {
                        break;
                    }
                    cursor.run(it.in(plan)); // this module's profile's copy of the case
                }
                if (mode == FleetMode.SHARD && !left) {
                    running.decrementAndGet();
                }
                cursor.finish();
                return rec.runFinished();
            }
        }
    }

    /** Starts and finishes the report's suites as a module's cases move from one suite (or round) to another. */
    private final class Cursor {
        private final SuiteRunner runner;
        private final FleetModule module;
        private RunPlan.SuitePlan suite;
        private int round;

        Cursor(SuiteRunner runner, FleetModule module) {
            this.runner = runner;
            this.module = module;
        }

        void run(Item it) {
            if (it.suite() != suite || it.round() != round) {
                finish();
                suite = it.suite();
                round = it.round();
                runner.suiteStarted(suite, base.repeat() == 1 ? "" : " [run " + round + " of " + base.repeat() + "]");
            }
            observer.caseStarting(module, it.suite(), it.c());
            observer.caseFinished(module, it.suite(), it.c(), runner.runOrSkip(it.c()));
        }

        void finish() {
            if (suite != null) {
                runner.suiteFinished();
                suite = null;
            }
        }
    }

    /** The modules, for messages. */
    public List<FleetModule> modules() {
        return modules;
    }
}
