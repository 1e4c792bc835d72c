package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.miplhil.launch.PlatformChoice;
import org.miplhil.launch.RackPlatforms;
import org.miplhil.platform.onenet.client.CheckReport;
import org.miplhil.platform.onenet.client.OneNetPlatform;
import org.miplhil.platform.onenet.client.OneNetSettings;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mipl-hil onenet check}: before a lab runs suites against OneNET, are the credentials accepted, does the
 * product answer, is the rack's device there (created when absent and its IMSI is given), is it online, and does
 * OneNET's push reach the harness's receiver through the URL the lab exposes. One line per item; exit 0 when all
 * pass, 1 when OneNET (or the push URL) said no, 2 for configuration. No credential is ever printed.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Checks a lab's OneNET setup: credentials accepted, product reachable, device present (created"
                + " when absent and --imsi is given), online or not, push URL verified (OneNET's URL check made"
                + " against --push-url, answered by the harness's push receiver).",
                "Credentials come from ONENET_API_KEY, ONENET_ACCESS_KEY, ONENET_USER_ID, ONENET_PUSH_TOKEN,"
                        + " ONENET_PUSH_AES_KEY (or the variables the rack's platform: section names).",
                "Exit status 0 when every item passed, 1 when OneNET answered an error or the push URL did not"
                        + " reach the receiver, 2 for configuration (a variable missing, a bad option, no IMEI)."})
public final class OnenetCommandCheck implements Callable<Integer> {

    private static final Pattern IMEI = Pattern.compile("\\d{15}");
    private static final Pattern IMSI = Pattern.compile("\\d{1,15}");

    @Option(names = "--rack", paramLabel = "FILE",
            description = "Rack file: its module's IMEI and its platform: section (options override it).")
    Path rack;

    @Option(names = "--module", paramLabel = "NAME",
            description = "The module of a rack of several modules whose device is checked (its IMEI and IMSI).")
    String module;

    @Option(names = "--imei", paramLabel = "IMEI", description = "The device's IMEI (default: the rack module's).")
    String imei;

    @Option(names = "--imsi", paramLabel = "IMSI",
            description = "The SIM's IMSI: needed to create the device when OneNET does not know it (default: the rack"
                    + " module's imsi:, when the rack file gives one).")
    String imsi;

    @Mixin
    OneNetOptions onenet = new OneNetOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public OnenetCommandCheck() {
        this(System.out, System.err, System.getenv());
    }

    /** {@code env}: where OneNET's credentials are read (tests give their own). */
    OnenetCommandCheck(PrintStream out, PrintStream err, Map<String, String> env) {
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
            // the device is one module's: a rack of several needs --module, unless --imei names the device
            if (module != null || imei == null) {
                Rack.Pick pick = r.pick(module);
                if (pick.rack().isEmpty()) {
                    return usage(pick.problem());
                }
                r = pick.rack().get();
            }
        } else if (module != null) {
            return usage("--module picks a module of a rack: give --rack FILE");
        }
        // the rack module's IMSI goes with its IMEI only
        String simImsi = imsi != null ? imsi : r == null || imei != null || r.hasSeveralModules() ? null
                : r.modules().get(0).imsi().orElse(null);
        PlatformChoice given = onenet.choice();
        if (given.kind() != null && !given.isOneNet()) {
            return usage("--platform: onenet check checks OneNET; leave --platform out");
        }
        PlatformChoice c = given.over(r == null ? PlatformChoice.none() : RackPlatforms.choice(r));
        PlatformChoice choice = new PlatformChoice(PlatformChoice.ONENET, c.api(), c.url(), c.coap(), c.bootstrap(),
                c.pushUrl(), c.pushBind(), c.product(), c.credentialVariables());
        List<String> problems = new ArrayList<>();
        Optional<OneNetSettings> resolved = choice.resolve(env, problems);
        String device = imei != null ? imei : r != null ? r.module().imei() : null;
        if (device == null) {
            problems.add("no IMEI: give --imei IMEI or --rack FILE");
        } else if (!IMEI.matcher(device.trim()).matches()) {
            problems.add("--imei must be 15 digits, found '" + device + "'");
        }
        if (simImsi != null && !IMSI.matcher(simImsi.trim()).matches()) {
            problems.add("--imsi must be at most 15 digits, found '" + simImsi + "'");
        }
        if (!problems.isEmpty() || resolved.isEmpty()) {
            problems.forEach(this::usage);
            return 2;
        }
        CheckReport report = check(resolved.get(), device.trim(), simImsi == null ? null : simImsi.trim());
        out.print(report.describe());
        out.flush();
        return report.exitCode();
    }

    /** The adapter's four items, then the push URL's. */
    static CheckReport check(OneNetSettings settings, String imei, String imsi) {
        List<CheckReport.Item> items = new ArrayList<>();
        // the push item starts its own receiver, so the adapter runs without one (its poller has no device to poll)
        try (OneNetPlatform platform = OneNetPlatform.start(settings.withPushUrl(Optional.empty()))) {
            items.addAll(platform.check(imei, imsi).items());
        } catch (IOException e) {
            items.add(new CheckReport.Item("credentials", CheckReport.Status.NOT_CHECKED, "the API did not answer"));
            items.add(new CheckReport.Item("product", CheckReport.Status.PLATFORM, e.getMessage()));
            items.add(new CheckReport.Item("device", CheckReport.Status.NOT_CHECKED, "not checked"));
            items.add(new CheckReport.Item("online", CheckReport.Status.NOT_CHECKED, "not checked"));
        }
        items.add(OnenetCommandPushCheck.run(settings));
        return new CheckReport(items);
    }

    private int usage(String message) {
        err.println("mipl-hil onenet check: " + message);
        return 2;
    }
}
