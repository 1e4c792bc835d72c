package org.miplhil.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.Reports;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.suite.run.Target;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
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
        description = {"Runs suites against the virtual module (default) or a real one.",
                "Exit status 0 when every selected case passed, 1 when any did not, 2 for a usage, configuration or"
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
                    + " the module reaches it, and the power switch the power steps use.")
    Path rack;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "JUnit Platform tag expression selecting cases, e.g. 'doc:3.3.7 & !slow', 'AT+MIPLOPEN | ets:101'.")
    String tags;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "reports",
            description = "Where the Allure results, JUnit XML and transcripts go (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--sim-faults", paramLabel = "FILE",
            description = "A fault plan the virtual module runs with in every case (a suite's own plan replaces it).")
    Path simFaults;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run the selected cases N times (default: 1).")
    int repeat;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Firmware profile replacing every suite's: the virtual module's behaviour and ${profile.*}.")
    Path profile;

    @Option(names = "--platform-bind", paramLabel = "ADDRESS",
            description = "Address the embedded LwM2M platform binds (default: loopback for sim, every address otherwise).")
    String platformBind;

    @Option(names = "--platform-host", paramLabel = "HOST",
            description = "The platform's address as the module must reach it (${platform.host}); default: the bind address.")
    String platformHost;

    @Option(names = "--coap-port", paramLabel = "N",
            description = "LwM2M server UDP port (default: any free port for sim, 5683 otherwise).")
    Integer coapPort;

    @Option(names = "--bootstrap-port", paramLabel = "N",
            description = "Bootstrap server UDP port (default: any free port for sim, 5684 otherwise).")
    Integer bootstrapPort;

    @Option(names = "--imei", paramLabel = "IMEI", description = "The module's IMEI (default: asked with AT+CGSN=1).")
    String imei;

    @Option(names = "--imsi", paramLabel = "IMSI", description = "The module's IMSI (default: asked with AT+CIMI).")
    String imsi;

    private final PrintStream out;
    private final PrintStream err;

    public RunCommand() {
        this(System.out, System.err);
    }

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
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
        Target tgt;
        if (target == null && r != null && !r.module().isVirtual()) {
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
        RunOptions.Builder options = RunOptions.builder().target(tgt).repeat(repeat).imei(imei).imsi(imsi)
                .platformHost(platformHost).profile(profile);
        if (r != null) {
            options.rackName(r.name()).imei(imei != null ? imei : r.module().imei())
                    .profile(profile != null ? profile : r.module().profile());
            if (!tgt.isSim()) {
                options.platformHost(platformHost != null ? platformHost : r.platform().host()).power(r.power()).wake(r.wake());
                if (coapPort == null) {
                    coapPort = r.platform().port();
                }
            }
        }
        try {
            options.platformBind(platformBind != null ? InetAddress.getByName(platformBind)
                    : tgt.isSim() ? InetAddress.getLoopbackAddress() : InetAddress.getByName("0.0.0.0"));
        } catch (UnknownHostException e) {
            return usage("--platform-bind: unknown address '" + platformBind + "'");
        }
        for (Integer port : new Integer[] {coapPort, bootstrapPort}) {
            if (port != null && (port < 0 || port > 65535)) {
                return usage("a port must be 0..65535, found " + port);
            }
        }
        options.coapPort(coapPort != null ? coapPort : tgt.isSim() ? 0 : 5683);
        options.bootstrapPort(bootstrapPort != null ? bootstrapPort : tgt.isSim() ? 0 : 5684);
        if (simFaults != null) {
            LoadResult<FaultPlan> plan = FaultPlanLoader.load(simFaults);
            if (!plan.isOk()) {
                plan.errors().forEach(err::println);
                return 2;
            }
            options.simFaults(simFaults, plan.orElseThrow());
        }
        RunOptions opts = options.build();
        List<Path> where = paths == null || paths.isEmpty() ? List.of(Path.of("suites")) : paths;
        TagSelection sel = selection.selection().orElseThrow();
        RunPlan plan = RunPlan.load(where, opts, sel);
        if (!plan.ok()) {
            plan.errors().forEach(err::println);
            err.println(plan.errors().size() + (plan.errors().size() == 1 ? " error" : " errors")
                    + ": nothing was run");
            return 2;
        }
        if (plan.caseCount() == 0) {
            err.println("mipl-hil run: no case " + (sel.selectsAll() ? "in " + where
                    : "matches the tag expression '" + sel.expression() + "'"));
            return 2;
        }
        ConsoleReporter console = out == System.out ? ConsoleReporter.forTerminal(System.out)
                : ConsoleReporter.builder(out).build();
        RunRecorder rec = Reports.forCommandLine(new ReportLayout(report), console);
        RunResult result;
        try (SuiteRunner runner = new SuiteRunner(opts, rec)) {
            result = runner.run(plan);
        }
        return result.exitCode();
    }

    private int usage(String message) {
        err.println("mipl-hil run: " + message);
        return 2;
    }
}
