package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.miplhil.learn.FotaProbes;
import org.miplhil.learn.LearnScope;
import org.miplhil.learn.LearnedProfile;
import org.miplhil.learn.LearnedProfileText;
import org.miplhil.learn.ProbeRunner;
import org.miplhil.learn.ProbedModule;
import org.miplhil.power.PowerException;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.ProfileEntry;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.launch.LaunchSettings;
import org.miplhil.launch.PlatformChoice;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.Target;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./mipl-hil profile learn|diff}: firmware profiles learnt from a module, and the difference of two. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Firmware profiles: learn one from a module (real or virtual), or compare two.",
        subcommands = {ProfileCommand.Learn.class, ProfileCommand.Diff.class})
public final class ProfileCommand implements Callable<Integer> {

    static final Path DEFAULT_PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");

    @Override
    public Integer call() {
        System.err.println("mipl-hil profile: give a subcommand: learn or diff");
        return 2;
    }

    static LoadResult<FirmwareProfile> load(Path file, PrintStream err) {
        LoadResult<FirmwareProfile> p = ProfileLoader.load(file);
        if (!p.isOk()) {
            p.errors().forEach(err::println);
        }
        return p;
    }

    /** {@code profile learn}: runs the probes and writes the profile they observed, and its difference. */
    @Command(name = "learn", mixinStandardHelpOptions = true,
            description = {"Runs the probe commands against a module and writes the firmware profile it observed"
                    + " (each learnt value with source observed:<revision> <date>, the rest the current profile's),"
                    + " and the difference from the current profile (docs/profile-learn.md).",
                    "Exit status 0 when the probes ran (differences are no failure), 1 when they could not run,"
                            + " 2 for a usage or target error."})
    static final class Learn implements Callable<Integer> {

        @Option(names = "--target", paramLabel = "TARGET",
                description = "sim (the virtual module, default), serial:DEVICE[@BAUD] or tcp:HOST:PORT, as run's.")
        String target;

        @Option(names = "--profile", paramLabel = "CURRENT",
                description = "The current profile, compared with and extended (default: " + "fixtures/firmware/bc260y-cn.yaml).")
        Path profile = DEFAULT_PROFILE;

        @Option(names = "--sim-profile", paramLabel = "FILE",
                description = "With --target sim: the profile the virtual module runs (default: the current profile).")
        Path simProfile;

        @Option(names = "--faults", paramLabel = "PLAN",
                description = "With --target sim: a fault plan the virtual module runs with (fixtures/faults/).")
        Path faults;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where the learnt profile goes (default: reports/learned-profile.yaml); the difference"
                        + " goes beside it as FILE's name with .diff.md.")
        Path outFile = Path.of("reports/learned-profile.yaml");

        @Option(names = "--revision", paramLabel = "R",
                description = "The firmware revision the sources name (default: the module's, from ATI).")
        String revision;

        @Option(names = "--ready-within", paramLabel = "SECONDS", defaultValue = "30",
                description = "How long the module may take to answer AT (default: 30).")
        int readyWithin;

        @Option(names = "--slow", description = "Also the slow CoAP probes: lwm2m.max-retransmit (the retransmissions"
                + " until the module gives up, about 62 s) and lwm2m.lifetime-factor (a 15 s lifetime running out).")
        boolean slow;

        @Option(names = "--fota-package", paramLabel = "FILE",
                description = "Run the DFOTA campaigns with this package from the module's revision (on a real module"
                        + " the update really happens); with --target sim packages are made for its revision anyway.")
        Path fotaPackage;

        @Option(names = "--fota-version", paramLabel = "REV",
                description = "The revision --fota-package brings (the campaign's target).")
        String fotaVersion;

        @Option(names = "--fota-other-base", paramLabel = "FILE",
                description = "With --fota-package: a package made for another revision (fota.wrong-base-result).")
        Path fotaOtherBase;

        @Option(names = "--no-fota", description = "With --target sim: no DFOTA campaign (the virtual module runs them"
                + " by default).")
        boolean noFota;

        /** The platform the module registers with for the probes that need one: as run's options say it. */
        @Mixin
        PlatformOptions platform = new PlatformOptions();

        @Mixin
        OneNetOptions onenet = new OneNetOptions();

        @Option(names = "--rack", paramLabel = "FILE",
                description = "A rack file (fixtures/racks/): the module's port, and its power: and wake: channels for the"
                        + " power-cycle and sleep probes (without them those probes are reported as not run).")
        Path rack;

        @Option(names = "--module", paramLabel = "NAME", description = "With --rack: the module of a rack of several.")
        String rackModule;

        private final PrintStream out;
        private final PrintStream err;

        Learn() {
            this(System.out, System.err);
        }

        Learn(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            LibraryLogs.keepQuiet();
            Optional<Rack> onRack = Optional.empty();
            if (rack != null) {
                if (target != null) {
                    return usage("--target and --rack: the rack file names the module's port");
                }
                LoadResult<Rack> loaded = RackLoader.load(rack);
                if (!loaded.isOk()) {
                    loaded.errors().forEach(err::println);
                    return 2;
                }
                Rack.Pick pick = loaded.orElseThrow().pick(rackModule);
                if (pick.rack().isEmpty()) {
                    return usage(pick.problem());
                }
                onRack = pick.rack();
                target = onRack.get().module().isVirtual() ? "sim" : onRack.get().module().port().startsWith("tcp:")
                        ? onRack.get().module().port() : "serial:" + onRack.get().module().port() + "@"
                        + onRack.get().module().baud();
            } else if (rackModule != null) {
                return usage("--module is for a rack (--rack FILE)");
            }
            Target.Parsed parsed = Target.parse(target);
            if (parsed instanceof Target.Parsed.Invalid invalid) {
                return usage(invalid.message());
            }
            Target tgt = ((Target.Parsed.Ok) parsed).target();
            if (!tgt.isSim() && (simProfile != null || faults != null)) {
                return usage((faults != null ? "--faults" : "--sim-profile") + " is for the virtual module (--target sim)");
            }
            LoadResult<FirmwareProfile> current = load(profile, err);
            if (!current.isOk()) {
                return 2;
            }
            FirmwareProfile run = current.orElseThrow();
            if (simProfile != null) {
                LoadResult<FirmwareProfile> sim = load(simProfile, err);
                if (!sim.isOk()) {
                    return 2;
                }
                run = sim.orElseThrow();
            }
            FaultPlan plan = FaultPlan.none();
            if (faults != null) {
                LoadResult<FaultPlan> p = FaultPlanLoader.load(faults);
                if (!p.isOk()) {
                    p.errors().forEach(err::println);
                    return 2;
                }
                plan = p.orElseThrow();
            }
            FotaProbes.Plan fota;
            if (fotaPackage != null || fotaVersion != null || fotaOtherBase != null) {
                if (noFota || fotaPackage == null || fotaVersion == null) {
                    return usage(noFota ? "--no-fota and --fota-package exclude each other"
                            : "--fota-package and --fota-version go together (--fota-other-base with them)");
                }
                for (Path p : fotaOtherBase == null ? List.of(fotaPackage) : List.of(fotaPackage, fotaOtherBase)) {
                    if (!Files.isRegularFile(p)) {
                        return usage("no package " + p);
                    }
                }
                fota = new FotaProbes.Given(fotaPackage, fotaVersion, Optional.ofNullable(fotaOtherBase));
            } else {
                // a campaign updates a real module's firmware: only with a package named; the virtual one by default
                fota = tgt.isSim() && !noFota ? new FotaProbes.Built() : new FotaProbes.Off();
            }
            LearnScope scope = new LearnScope(slow, fota);
            PlatformChoice choice = onenet.choice();
            if (choice.isContainer()) {
                return usage("--platform container is for run; learn with the embedded platform or onenet");
            }
            LaunchSettings.Applied applied = platform.launch(tgt, null, null, null, null, choice)
                    .applyTo(RunOptions.builder(), System.getenv());
            if (!applied.settings().isEmpty()) {
                return usage(applied.settings().get(0));
            }
            Optional<RunOptions> platformOptions = Optional.of(applied.options().build());
            // a real module on a rack: the rack's power: and wake: channels (the virtual module has its own inputs)
            RackSwitches switches;
            try {
                switches = onRack.isPresent() && !tgt.isSim() ? RackSwitches.open(onRack.get()) : RackSwitches.none();
            } catch (PowerException e) {
                err.println("mipl-hil profile learn: " + rack + ": " + e.getMessage());
                return e.kind() == PowerException.Kind.CONFIGURATION ? 2 : 1;
            }
            ProbedModule module;
            try {
                module = tgt instanceof Target.Hardware hw
                        ? ProbedModule.hardware(hw.link(), Duration.ofSeconds(readyWithin), platformOptions, tgt)
                        : ProbedModule.virtual(run, plan, Duration.ofSeconds(readyWithin), platformOptions);
                module.withSwitches(switches.power(), onRack.map(Rack::offTime).orElse(module.offTime()),
                        switches.wake());
            } catch (IOException | RuntimeException e) {
                switches.close();
                err.println("mipl-hil profile learn: " + tgt.describe() + ": " + e.getMessage());
                // the virtual module not starting or a module that answers nothing: the probes could not run (1);
                // a port that cannot be opened is the target's error (2)
                return tgt.isSim() || e instanceof ProbedModule.Silent ? 1 : 2;
            }
            if (module.platform().isEmpty()) {
                err.println("mipl-hil profile learn: no platform (" + module.noPlatform() + "): the probes that need a"
                        + " registration are not run");
            }
            ProbeRunner.Learnt learnt;
            try (module) {
                learnt = new ProbeRunner(module).scope(scope).runAll(current.orElseThrow());
            } catch (RuntimeException e) {
                err.println("mipl-hil profile learn: the probes could not run on " + tgt.describe() + ": " + e.getMessage());
                return 1;
            }
            if (!learnt.answered()) {
                err.println("mipl-hil profile learn: " + tgt.describe() + " answered no probe");
                return 1;
            }
            String rev = revision != null ? revision : learnt.observations().stream()
                    .filter(o -> o.key().equals("identity.revision") && o.representable()).map(o -> o.value())
                    .findFirst().orElse("unknown");
            LearnedProfile learned = LearnedProfile.of(learnt, current.orElseThrow(), rev,
                    LocalDate.now(ZoneOffset.UTC));
            String yaml = LearnedProfileText.yaml(learned, LearnedProfileText.relativeBase(outFile, profile),
                    tgt.describe(), profile.toString());
            String md = LearnedProfileText.markdown(learned, profile.toString());
            Path mdFile = diffFile(outFile);
            try {
                Path dir = outFile.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Files.writeString(outFile, yaml, StandardCharsets.UTF_8);
                Files.writeString(mdFile, "# Profile learnt from " + tgt.describe() + "\n\n" + md, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return usage("cannot write " + outFile + ": " + e.getMessage());
            }
            out.print(md);
            out.println("mipl-hil profile learn: wrote " + outFile + " and " + mdFile);
            return 0;
        }

        static Path diffFile(Path profileOut) {
            String name = profileOut.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return profileOut.resolveSibling(name + ".diff.md");
        }

        private int usage(String message) {
            err.println("mipl-hil profile learn: " + message);
            return 2;
        }
    }

    /** {@code profile diff A B}: every key whose value or source differs, as a Markdown table. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Lists the keys whose value differs between two profiles (exit 0 the same, 1 different,"
                    + " 2 a profile is invalid).")
    static final class Diff implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "A")
        Path a;

        @Parameters(index = "1", paramLabel = "B")
        Path b;

        @Override
        public Integer call() {
            LoadResult<FirmwareProfile> pa = load(a, System.err);
            LoadResult<FirmwareProfile> pb = load(b, System.err);
            if (!pa.isOk() || !pb.isOk()) {
                return 2;
            }
            Map<String, ProfileEntry> ea = byPath(pa.orElseThrow());
            Map<String, ProfileEntry> eb = byPath(pb.orElseThrow());
            TreeMap<String, String> rows = new TreeMap<>();
            for (String k : ea.keySet()) {
                ProfileEntry x = ea.get(k);
                ProfileEntry y = eb.get(k);
                if (y == null || !x.value().equals(y.value())) {
                    rows.put(k, "| " + k + " | " + x.value() + " (" + x.source() + ") | "
                            + (y == null ? "(none)" : y.value() + " (" + y.source() + ")") + " |");
                }
            }
            eb.keySet().stream().filter(k -> !ea.containsKey(k)).forEach(k -> rows.put(k, "| " + k + " | (none) | "
                    + eb.get(k).value() + " (" + eb.get(k).source() + ") |"));
            System.out.println(rows.size() + " keys differ between " + a + " and " + b);
            if (!rows.isEmpty()) {
                System.out.println("\n| key | " + a + " | " + b + " |\n|---|---|---|");
                rows.values().forEach(System.out::println);
            }
            return rows.isEmpty() ? 0 : 1;
        }

        private static Map<String, ProfileEntry> byPath(FirmwareProfile p) {
            Map<String, ProfileEntry> m = new TreeMap<>();
            p.entries().forEach(e -> m.put(e.path(), e));
            return m;
        }
    }
}
