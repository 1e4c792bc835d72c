package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.miplhil.release.DfotaLeg;
import org.miplhil.release.DfotaOutcome;
import org.miplhil.release.DfotaSuite;
import org.miplhil.release.ReleaseFile;
import org.miplhil.release.RevisionCheck;
import org.miplhil.release.RevisionProfile;
import org.miplhil.sim.fota.DeltaPackage;

/**
 * The DFOTA stage of a release file's qualification: the two delta packages (baseline → candidate and back) built
 * with {@code ./mipl-hil fota pack} into {@code OUT/dfota/packages/}, a suite per leg written into
 * {@code OUT/dfota/suites/} ({@link DfotaSuite}), and each leg run with {@code ./mipl-hil run} on the place's modules
 * into {@code OUT/dfota/[RACK/]LEG/}. A leg whose update fails is a failed qualification with its evidence.
 */
final class ReleaseDfota {

    private final ReleaseFile release;
    private final PrintStream out;
    private final Function<String[], Integer> cli;
    private final List<DfotaOutcome> outcomes = new ArrayList<>();
    private DfotaLeg toCandidate;
    private DfotaLeg toBaseline;

    ReleaseDfota(ReleaseFile release, PrintStream out, Function<String[], Integer> cli) {
        this.release = release;
        this.out = out;
        this.cli = cli;
    }

    Path root() {
        return release.out().resolve("dfota");
    }

    DfotaLeg toCandidate() {
        return toCandidate;
    }

    DfotaLeg toBaseline() {
        return toBaseline;
    }

    List<DfotaOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /**
     * Builds both packages and writes both suites. Each package's payload is the image of the revision it brings
     * ({@code firmware.*.image}), else made-up bytes. Returns the problem, or empty.
     */
    Optional<String> prepare() {
        ReleaseFile.Firmware b = release.baseline();
        ReleaseFile.Firmware c = release.candidate();
        Path packages = root().resolve("packages");
        toCandidate = new DfotaLeg("to-candidate", b.revision(), c.revision(),
                packages.resolve(DfotaLeg.packageName(b.revision(), c.revision())), c.image());
        toBaseline = new DfotaLeg("to-baseline", c.revision(), b.revision(),
                packages.resolve(DfotaLeg.packageName(c.revision(), b.revision())), b.image());
        for (DfotaLeg leg : List.of(toCandidate, toBaseline)) {
            List<String> args = leg.packCommand();
            out.println("mipl-hil qualify: package " + leg.from() + " -> " + leg.to() + ": ./mipl-hil "
                    + String.join(" ", args));
            out.flush();
            int code = cli.apply(args.toArray(String[]::new));
            if (code != 0) {
                return Optional.of("the package " + leg.from() + " -> " + leg.to() + " could not be built ("
                        + String.join(" ", args) + " exited with " + code + ")");
            }
            Optional<String> unreadable = checkPackage(leg);
            if (unreadable.isPresent()) {
                return unreadable;
            }
            try {
                Files.createDirectories(suite(leg).getParent());
                Files.writeString(suite(leg), DfotaSuite.text(leg, release.name(), DfotaSuite.OBJECTS),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.of("cannot write " + suite(leg) + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The package reads back as the leg's revisions (what the module will check). */
    private static Optional<String> checkPackage(DfotaLeg leg) {
        try {
            DeltaPackage.Parsed p = DeltaPackage.parse(Files.readAllBytes(leg.pkg()));
            if (p instanceof DeltaPackage.Parsed.Valid v && v.pkg().base().equals(leg.from())
                    && v.pkg().target().equals(leg.to())) {
                return Optional.empty();
            }
            return Optional.of("the package " + leg.pkg() + " does not read back as " + leg.from() + " -> "
                    + leg.to() + ": " + p);
        } catch (IOException e) {
            return Optional.of("cannot read the package " + leg.pkg() + ": " + e.getMessage());
        }
    }

    Path suite(DfotaLeg leg) {
        return root().resolve("suites").resolve(leg.name() + ".yaml");
    }

    /**
     * Runs {@code leg} on the place's modules. {@code side} is the firmware the modules run when the leg starts:
     * on virtual modules its profile and fault plan.
     */
    DfotaOutcome run(ReleaseQualification.Place place, DfotaLeg leg, ReleaseFile.Firmware side) {
        Path report = place.under(root()).resolve(leg.name());
        List<String> args = new ArrayList<>(List.of("run", suite(leg).toString(), "--report", report.toString()));
        if (place.rack().isPresent()) {
            args.addAll(place.rackArgs());
        } else if (release.parallel() > 1) {
            args.addAll(List.of("--parallel", Integer.toString(release.parallel()), "--replicate"));
        }
        Optional<Path> profile = side.profile();
        if (profile.isEmpty()) {
            // virtual modules start every DFOTA case at their profile's revision: start them at the leg's
            Optional<Path> virtualProfile = place.rack().isPresent()
                    ? RevisionCheck.virtualRackProfile(place.rack().get()) : Optional.of(RevisionCheck.DEFAULT_PROFILE);
            if (virtualProfile.isPresent()) {
                Optional<String> problem = writeVariant(virtualProfile.get(), leg.from());
                if (problem.isPresent()) {
                    out.println("mipl-hil qualify: " + problem.get());
                    DfotaOutcome o = new DfotaOutcome(leg, place.name(), 2, report, List.of(), problem.get());
                    outcomes.add(o);
                    return o;
                }
                profile = Optional.of(variant(leg.from()));
            }
        }
        profile.ifPresent(p -> args.addAll(List.of("--profile", p.toString())));
        side.faults().ifPresent(f -> args.addAll(List.of("--sim-faults", f.toString())));
        out.println("mipl-hil qualify: DFOTA " + leg.from() + " -> " + leg.to() + " on " + place.name()
                + ": ./mipl-hil " + String.join(" ", args));
        out.flush();
        int code = cli.apply(args.toArray(String[]::new));
        DfotaOutcome outcome = DfotaOutcome.read(leg, place.name(), code, report);
        outcomes.add(outcome);
        out.println("mipl-hil qualify: DFOTA " + leg.from() + " -> " + leg.to() + " on " + place.name() + ": "
                + (outcome.passed() ? "updated" : code == 2 ? "did not run" : "FAILED"));
        return outcome;
    }

    private Path variant(String revision) {
        return root().resolve("profiles").resolve(DfotaLeg.safe(revision) + ".yaml");
    }

    private Optional<String> writeVariant(Path base, String revision) {
        try {
            Files.createDirectories(variant(revision).getParent());
            Files.writeString(variant(revision), RevisionProfile.text(base, revision), StandardCharsets.UTF_8);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot write " + variant(revision) + ": " + e.getMessage());
        }
    }

    /**
     * {@code OUT/dfota/dfota.json}: the packages and each leg's outcome per module with its timings, for tools.
     * Returns the problem, or empty.
     */
    Optional<String> writeJson() {
        if (toCandidate == null) {
            return Optional.empty();
        }
        var doc = org.miplhil.json.Json.object();
        var packages = doc.putArray("packages");
        for (DfotaLeg leg : List.of(toCandidate, toBaseline)) {
            packages.addObject().put("from", leg.from()).put("to", leg.to()).put("file", leg.pkg().toString())
                    .put("payload", leg.payload().map(Path::toString).orElse(""));
        }
        var legs = doc.putArray("legs");
        for (DfotaOutcome o : outcomes) {
            var l = legs.addObject().put("place", o.place()).put("leg", o.leg().name()).put("from", o.leg().from())
                    .put("to", o.leg().to()).put("exit", o.exit()).put("passed", o.passed())
                    .put("report", o.report().toString()).put("problem", o.problem());
            var modules = l.putArray("modules");
            for (DfotaOutcome.ModuleUpdate m : o.modules()) {
                var mo = modules.addObject().put("module", m.module()).put("status", m.status())
                        .put("durationMs", m.durationMs()).put("failure", m.failure());
                m.timings().forEach(mo.putArray("timings")::add);
            }
        }
        Path file = root().resolve("dfota.json");
        try {
            Files.createDirectories(root());
            Files.writeString(file, org.miplhil.json.Json.writePretty(doc), StandardCharsets.UTF_8);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The stage's section of qualification.md: the packages, then each leg per module with its timings. */
    String markdown() {
        StringBuilder md = new StringBuilder("## DFOTA: baseline to candidate and back\n\n");
        if (toCandidate == null) {
            return md.append("Not run.\n\n").toString();
        }
        for (DfotaLeg leg : List.of(toCandidate, toBaseline)) {
            md.append("- package `").append(release.out().relativize(leg.pkg())).append("`: ").append(leg.from())
                    .append(" → ").append(leg.to()).append(", payload ")
                    .append(leg.payload().map(p -> "`" + p + "`").orElse("made-up bytes")).append('\n');
        }
        md.append('\n');
        if (outcomes.isEmpty()) {
            md.append("No leg ran.\n\n");
        }
        for (DfotaOutcome o : outcomes) {
            md.append("### ").append(o.leg().from()).append(" → ").append(o.leg().to()).append(" on ")
                    .append(o.place()).append(": ").append(o.passed() ? "updated" : o.exit() == 2 ? "did not run"
                            : "**FAILED**").append("\n\n")
                    .append("Report `").append(o.report()).append("`, suite `")
                    .append(release.out().relativize(suite(o.leg()))).append("`.")
                    .append(o.problem().isEmpty() ? "" : " " + o.problem()).append("\n\n");
            if (!o.modules().isEmpty()) {
                md.append("| module | status | duration | timings | failure |\n|---|---|---|---|---|\n");
                for (DfotaOutcome.ModuleUpdate m : o.modules()) {
                    md.append("| ").append(m.module().isEmpty() ? "-" : m.module()).append(" | ").append(m.status())
                            .append(" | ").append(String.format(java.util.Locale.ROOT, "%.1f s", m.durationMs() / 1000.0))
                            .append(" | ").append(cell(String.join("; ", m.timings()))).append(" | ")
                            .append(cell(m.failure())).append(" |\n");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
