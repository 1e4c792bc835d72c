package org.miplhil.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miplhil.container.PlatformLab;
import org.miplhil.fleet.CaseEstimates;
import org.miplhil.fleet.FleetMode;
import org.miplhil.fleet.FleetModule;
import org.miplhil.fleet.FleetRunner;
import org.miplhil.fleet.ProfilePlans;
import org.miplhil.fleet.VirtualFleet;
import org.miplhil.launch.LaunchSettings;
import org.miplhil.launch.PlatformChoice;
import org.miplhil.launch.RackPlatforms;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.power.rack.RackModule;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.Reports;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.suite.run.ContainerPlatform;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.suite.run.Target;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mipl-hil run [PATH...]}: validates the suites (any problem: exit 2 before a module is touched), runs the
 * selected cases against the virtual module or a real one, prints a line per case and a summary, and leaves the
 * Allure results, JUnit XML and transcripts in the report directory. Exit 0 when every selected case passed, 1 when
 * any failed or broke, 2 for a usage, configuration or suite error.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs suites against the virtual module (default) or a real one, with the embedded platform"
                + " (default), OneNET (--platform onenet; credentials from ONENET_API_KEY, ONENET_ACCESS_KEY,"
                + " ONENET_USER_ID, ONENET_PUSH_TOKEN, ONENET_PUSH_AES_KEY) or the platform in a container"
                + " (--platform container; needs Docker; carries the suites' network: conditions).",
                "Exit status 0 when every selected case passed, 1 when any did not (a failed health check, an open"
                        + " circuit breaker and --max-failures too), 2 for a usage, configuration or"
                        + " suite error (printed as file:line:column: message, before any module is touched)."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Suite files or directories searched for *.yaml / *.yml (default: suites/).")
    List<Path> paths;

    @Option(names = "--target", paramLabel = "TARGET",
            description = "sim (the virtual module, default), serial:DEVICE[@BAUD] or tcp:HOST:PORT; default: the"
                    + " rack's port with --rack, else sim.")
    String target;

    @Option(names = "--rack", paramLabel = "FILE",
            description = "Rack file (fixtures/racks/): the module's port, IMEI and profile, the platform's address as"
                    + " the module reaches it, and the power switch the power steps use. A rack of several modules"
                    + " runs them all (or --modules), the cases spread over them (--shard) or run on each"
                    + " (--replicate).")
    Path rack;

    @Option(names = "--modules", paramLabel = "NAME", split = ",",
            description = "With --rack: the rack's modules to use, by name (default: every module); one name runs"
                    + " that module alone.")
    List<String> modules;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "JUnit Platform tag expression selecting cases, e.g. 'doc:3.3.7 & !slow', 'AT+MIPLOPEN | ets:101'.")
    String tags;

    @Mixin
    ReportOption report = new ReportOption(Path.of("reports"));

    @Option(names = "--sim-faults", paramLabel = "FILE",
            description = "A fault plan the virtual module runs with in every case (a suite's own plan replaces it).")
    Path simFaults;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run the selected cases N times (default: 1).")
    int repeat;

    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    PlatformOptions platform = new PlatformOptions();

    @Mixin
    OneNetOptions onenet = new OneNetOptions();

    @Option(names = "--no-health-check",
            description = "Skip the health check before the first case (the module answers AT, attaches and registers"
                    + " once against the run's platform; a failure ends the run at once with exit 1).")
    boolean noHealthCheck;

    @Option(names = "--breaker", paramLabel = "K", defaultValue = "3",
            description = "After K cases in a row failed in setup with the same cause, report the rest as not run and"
                    + " end the run (default: 3; 0: off).")
    int breaker;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "0",
            description = "After N failed or broken cases, report the rest as not run and end the run (default: 0,"
                    + " no limit).")
    int maxFailures;

    @Option(names = "--parallel", paramLabel = "N", arity = "0..1", fallbackValue = "0",
            description = "Start N virtual modules, each on its own pseudo-terminal with its own IMEI (its own"
                    + " endpoint at one embedded platform), and spread the cases over them (--shard, the default)"
                    + " or run them all on each"
                    + " (--replicate). Without N: " + "6 per core. Only with the virtual target and the embedded"
                    + " platform.")
    Integer parallel;

    @Option(names = "--shard", description = "With several modules: each case runs once, on the module free first,"
            + " the longest expected first (the last run's times under --report, else slow cases first). The default.")
    boolean shard;

    @Option(names = "--platform-per-module", description = "With several modules: an embedded platform for each"
            + " module on free ports, instead of one platform for all (each module its own endpoint).")
    boolean platformPerModule;

    @Option(names = "--replicate", description = "With several modules: every module runs the whole selection"
            + " (unit-to-unit variation).")
    boolean replicate;

    @Option(names = "--imei", paramLabel = "IMEI", description = "The module's IMEI (default: asked with AT+CGSN=1).")
    String imei;

    @Option(names = "--imsi", paramLabel = "IMSI", description = "The module's IMSI (default: asked with AT+CIMI).")
    String imsi;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    /** How {@code --platform container} reaches Docker (tests give their own). */
    ContainerPlatform.Labs labs = ContainerPlatform.defaults();

    public RunCommand() {
        this(System.out, System.err);
    }

    RunCommand(PrintStream out, PrintStream err) {
        this(out, err, System.getenv());
    }

    /** {@code env}: where OneNET's credentials are read (tests give their own). */
    RunCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet();
        Rack r = null;
        if (rack != null) {
            LoadResult<Rack> loaded = RackLoader.load(rack);
            if (!loaded.isOk()) {
                loaded.errors().forEach(err::println);
                return 2;
            }
            r = loaded.orElseThrow();
        }
        List<RackModule> fleet = null;
        if (modules != null && r == null) {
            return usage("--modules picks modules of a rack: give --rack FILE");
        }
        if (r != null) {
            RackSelection.Selected selected = RackSelection.select(r, modules);
            if (selected instanceof RackSelection.Selected.Usage u) {
                return usage(u.message());
            }
            if (selected instanceof RackSelection.Selected.One one) {
                r = one.rack();
            } else {
                fleet = ((RackSelection.Selected.Several) selected).modules();
                Optional<String> problem = rackFleetOptions();
                if (problem.isPresent()) {
                    return usage(problem.get());
                }
            }
        }
        Target tgt;
        if (fleet != null) {
            tgt = RackSelection.target(fleet.get(0)); // a rack's modules are all virtual or all real
        } else if (target == null && r != null && !r.module().isVirtual()) {
            tgt = new Target.Hardware(r.module().link().orElseThrow(), r.module().port());
        } else {
            Target.Parsed t = Target.parse(target);
            if (t instanceof Target.Parsed.Invalid invalid) {
                return usage(invalid.message());
            }
            tgt = ((Target.Parsed.Ok) t).target();
        }
        TagSelection.Parsed selection = TagSelection.parse(tags);
        if (selection.error().isPresent()) {
            return usage(selection.error().get());
        }
        if (repeat < 1) {
            return usage("--repeat must be at least 1, found " + repeat);
        }
        if (breaker < 0) {
            return usage("--breaker must be 0 (off) or more, found " + breaker);
        }
        if (maxFailures < 0) {
            return usage("--max-failures must be 0 (no limit) or more, found " + maxFailures);
        }
        // options over the rack's platform: section; OneNET's addresses are the rack's or the options'
        PlatformChoice choice = onenet.choice().over(r == null ? PlatformChoice.none() : RackPlatforms.choice(r));
        // a rack gives the module's IMEI and profile, and for a real module the embedded platform's address and port
        if (fleet != null && (choice.isOneNet() || choice.isContainer())) {
            return usage("a rack of several modules runs with the embedded platform only (each module its own, on"
                    + " ports of its own), not " + (choice.isOneNet() ? "OneNET" : RunOptions.CONTAINER_NAME));
        }
        boolean rackPlatform = r != null && !tgt.isSim();
        boolean rackAddress = rackPlatform && !choice.isOneNet() && !r.platformSection().isOneNet();
        Path rackProfile = r == null ? null : r.module().profile();
        // a rack's modules may run different firmware: each its own profile's plan (--profile: one for all)
        Map<String, Path> moduleProfiles = fleet != null && profile.profile == null ? RackSelection.profiles(fleet)
                : Map.of();
        if (!moduleProfiles.isEmpty()) {
            rackProfile = moduleProfiles.values().iterator().next();
        }
        LaunchSettings launch = platform.launch(tgt,
                profile.profile != null || r == null ? profile.profile : rackProfile, simFaults,
                rackAddress ? r.platform().host() : null, rackAddress ? r.platform().port() : null, choice);
        LaunchSettings.Applied applied = launch.applyTo(RunOptions.builder(), env);
        if (!applied.settings().isEmpty()) {
            return usage(applied.settings().get(0));
        }
        if (!applied.faultPlan().isEmpty()) {
            applied.faultPlan().forEach(err::println);
            return 2;
        }
        RunOptions.Builder options = applied.options().repeat(repeat).imei(imei).imsi(imsi)
                .failFast(new RunOptions.FailFast(!noHealthCheck, breaker, maxFailures));
        if (fleet != null) {
            options.rackName(r.name()); // each module's identity and switches are its own (FleetModule)
        } else if (r != null) {
            options.rackName(r.name()).imei(imei != null ? imei : r.module().imei());
            if (rackPlatform) {
                options.power(r.power()).wake(r.wake());
            }
        }
        RunOptions opts = options.build();
        List<Path> where = paths == null || paths.isEmpty() ? List.of(LaunchSettings.DEFAULT_SUITES) : paths;
        TagSelection sel = selection.selection().orElseThrow();
        if (RackSelection.mixed(moduleProfiles)) {
            return rackFleet(where, sel, opts, r, fleet, moduleProfiles);
        }
        RunPlan plan = RunPlan.load(where, opts, sel);
        if (!plan.ok()) {
            plan.problems().forEach(err::println);
            long errors = plan.problems().stream().filter(Problem::isError).count();
            err.println(errors + (errors == 1 ? " error" : " errors") + ": nothing was run");
            return 2;
        }
        plan.problems().forEach(err::println); // warnings: the suites run all the same
        if (plan.caseCount() == 0) {
            err.println("mipl-hil run: no case " + (sel.selectsAll() ? "in " + where
                    : "matches the tag expression '" + sel.expression() + "'"));
            return 2;
        }
        if (fleet != null) {
            return rackFleet(plan, opts, r, fleet);
        }
        if (parallel != null) {
            return parallel(plan, opts, tgt);
        }
        if (shard || replicate) {
            return usage("--shard and --replicate need several modules: --parallel N, or a rack of several (--rack)");
        }
        if (opts.container()) {
            // the platform in its container before any case: Docker missing or a lab that cannot start ends here
            ContainerPlatform.Start started = ContainerPlatform.start(labs);
            if (started instanceof ContainerPlatform.Start.Unavailable u) {
                return usage(u.message());
            }
            if (started instanceof ContainerPlatform.Start.Failed f) {
                return usage(f.message());
            }
            try (PlatformLab lab = ((ContainerPlatform.Start.Started) started).lab()) {
                out.println("mipl-hil run: " + RunOptions.CONTAINER_NAME + ": API at " + lab.apiBase()
                        + ", the module through the relay at " + lab.coap().getHostString() + ":" + lab.coap().getPort()
                        + " (bootstrap " + lab.bootstrap().getPort() + ")");
                return run(plan, opts, lab);
            }
        }
        return run(plan, opts, null);
    }

    /** {@code --parallel N}: N virtual modules, the cases sharded over them or replicated on each. */
    private int parallel(RunPlan plan, RunOptions opts, Target tgt) {
        if (shard && replicate) {
            return usage("--shard and --replicate exclude each other");
        }
        if (!tgt.isSim()) {
            return usage("--parallel starts virtual modules: it takes no real module (--target " + tgt.describe()
                    + ")");
        }
        if (opts.onenet().isPresent() || opts.container()) {
            return usage("--parallel runs with the embedded platform only, not " + opts.platformName());
        }
        if (parallel < 0) {
            return usage("--parallel must be 1 or more (or given without a number), found " + parallel);
        }
        int n = parallel == 0 ? VirtualFleet.defaultSize() : parallel;
        String baseImei = imei != null ? imei : plan.suites().stream().flatMap(s -> s.profile().stream())
                .map(p -> p.identity().imei()).findFirst().orElse("866971050123456");
        List<FleetModule> modules = VirtualFleet.of(n, baseImei);
        ReportLayout layout = new ReportLayout(report.report);
        ConsoleReporter console = out == System.out ? ConsoleReporter.forTerminal(System.out)
                : ConsoleReporter.builder(out).build();
        FleetRunner fleet = new FleetRunner(modules, replicate ? FleetMode.REPLICATE : FleetMode.SHARD, opts, layout,
                out, console, CaseEstimates.read(layout.junit()), !platformPerModule);
        return fleet.run(plan).exitCode();
    }

    /** What a rack of several modules takes from the command line: each module's port and identity are the rack's. */
    private Optional<String> rackFleetOptions() {
        if (parallel != null) {
            return Optional.of("--parallel starts virtual modules; a rack of several modules runs its own: leave one"
                    + " out");
        }
        if (target != null) {
            return Optional.of("--target: a rack of several modules gives each module's port; pick one with --modules"
                    + " NAME to run it alone");
        }
        if (imei != null || imsi != null) {
            return Optional.of((imei != null ? "--imei" : "--imsi") + ": a rack of several modules gives each"
                    + " module's identity (imei:, imsi: in the rack file)");
        }
        if (shard && replicate) {
            return Optional.of("--shard and --replicate exclude each other");
        }
        return Optional.empty();
    }

    /** {@code --rack} with several modules: one fleet module per rack module, sharded (default) or replicated. */
    private int rackFleet(RunPlan plan, RunOptions opts, Rack r, List<RackModule> fleet) {
        return rackFleet(ProfilePlans.single(plan), opts, r, fleet);
    }

    private int rackFleet(ProfilePlans plans, RunOptions opts, Rack r, List<RackModule> fleet) {
        ReportLayout layout = new ReportLayout(report.report);
        ConsoleReporter console = out == System.out ? ConsoleReporter.forTerminal(System.out)
                : ConsoleReporter.builder(out).build();
        out.println("mipl-hil run: rack " + r.name() + " (" + r.file() + ")");
        FleetRunner runner = new FleetRunner(RackSelection.fleet(fleet), replicate ? FleetMode.REPLICATE
                : FleetMode.SHARD, opts, layout, out, console, CaseEstimates.read(layout.junit()));
        return runner.run(plans).exitCode();
    }

    /**
     * A rack whose modules run different firmware profiles: the suites read once per profile (each profile's
     * {@code ${profile.*}} resolved), every plan checked before any module is touched, then one fleet.
     */
    private int rackFleet(List<Path> where, TagSelection sel, RunOptions opts, Rack r, List<RackModule> fleet,
                          Map<String, Path> moduleProfiles) {
        ProfilePlans.Loaded loaded = ProfilePlans.load(moduleProfiles,
                p -> RunPlan.load(where, opts.withProfile(Optional.of(p)), sel));
        if (loaded.plans().isEmpty()) {
            loaded.problems().forEach(p -> err.println("mipl-hil run: " + p));
            return 2;
        }
        ProfilePlans plans = loaded.plans().get();
        long errors = 0;
        for (Map.Entry<Optional<Path>, RunPlan> e : plans.byProfile().entrySet()) {
            RunPlan plan = e.getValue();
            if (!plan.problems().isEmpty()) {
                err.println("mipl-hil run: under " + ProfilePlans.name(e.getKey()) + " (modules "
                        + String.join(", ", modulesOf(moduleProfiles, e.getKey())) + "):");
                plan.problems().forEach(err::println);
            }
            errors += plan.problems().stream().filter(Problem::isError).count();
        }
        loaded.problems().forEach(p -> err.println("mipl-hil run: " + p));
        if (errors > 0 || !loaded.problems().isEmpty()) {
            err.println(errors + loaded.problems().size() + (errors + loaded.problems().size() == 1 ? " error"
                    : " errors") + ": nothing was run");
            return 2;
        }
        if (plans.reference().caseCount() == 0) {
            err.println("mipl-hil run: no case " + (sel.selectsAll() ? "in " + where
                    : "matches the tag expression '" + sel.expression() + "'"));
            return 2;
        }
        return rackFleet(plans, opts, r, fleet);
    }

    /** The modules whose profile is {@code profile}. */
    private static List<String> modulesOf(Map<String, Path> moduleProfiles, Optional<Path> profile) {
        return moduleProfiles.entrySet().stream()
                .filter(e -> profile.equals(Optional.of(e.getValue().toAbsolutePath().normalize())))
                .map(Map.Entry::getKey).toList();
    }

    private int run(RunPlan plan, RunOptions opts, PlatformLab lab) {
        ConsoleReporter console = out == System.out ? ConsoleReporter.forTerminal(System.out)
                : ConsoleReporter.builder(out).build();
        RunRecorder rec = Reports.forCommandLine(new ReportLayout(report.report), console);
        RunResult result;
        try (SuiteRunner runner = lab == null ? new SuiteRunner(opts, rec) : new SuiteRunner(opts, rec, lab)) {
            runner.onProgress(line -> out.println("mipl-hil run: " + line));
            result = runner.run(plan);
        }
        return result.exitCode();
    }

    private int usage(String message) {
        err.println("mipl-hil run: " + message);
        return 2;
    }
}
