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
import org.miplhil.release.DfotaOutcome;
import org.miplhil.release.ReleaseFile;
import org.miplhil.release.RevisionCheck;

/**
 * A release file's qualification: the catalogue for the candidate (and for the baseline when no report of it is
 * named) replicated on every module — each rack of the file in turn, or {@code parallel} virtual modules — through
 * {@code ./mipl-hil run}, then {@code ./mipl-hil compare} per rack with the rules. Before each run the modules must
 * report the side's revision ({@link RevisionCheck}: a mismatch is exit 2, naming the module and both revisions).
 * With {@code dfota:} the DFOTA stage ({@link ReleaseDfota}) updates every module to the candidate and back; a failed
 * update makes the release not qualified. A run whose cases fail is evidence, not an error (compare judges it); a
 * run that cannot start (exit 2) ends the qualification.
 * Writes {@code OUT/baseline/}, {@code OUT/candidate/}, {@code OUT/dfota/}, {@code OUT/compare/} and
 * {@code OUT/qualification.md}.
 */
final class ReleaseQualification {

    private final ReleaseFile release;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<String[], Integer> cli;
    private final Revisions revisions;

    /** What the modules of a place report when they should run {@code side}'s firmware. */
    @FunctionalInterface
    interface Revisions {
        List<RevisionCheck.ModuleRevision> check(Place place, ReleaseFile.Firmware side);

        /** ATI on each module: a rack's, or a virtual module started with the firmware's profile. */
        Revisions ATI = (place, side) -> place.rack().isPresent()
                ? RevisionCheck.rack(place.rack().get(), side.revision(), side.profile())
                : RevisionCheck.virtual(side.profile(), side.revision());
    }

    ReleaseQualification(ReleaseFile release, PrintStream out, PrintStream err, Function<String[], Integer> cli) {
        this(release, out, err, cli, Revisions.ATI);
    }

    ReleaseQualification(ReleaseFile release, PrintStream out, PrintStream err, Function<String[], Integer> cli,
                         Revisions revisions) {
        this.release = release;
        this.out = out;
        this.err = err;
        this.cli = cli;
        this.revisions = revisions;
    }

    /** Where a run goes: one per rack (its file's name), or the virtual modules' one. */
    record Place(String name, Optional<Path> rack) {
        Path under(Path dir) {
            return rack.isEmpty() ? dir : dir.resolve(name);
        }

        /** {@code --rack F} with {@code --replicate} when the rack has several modules (run refuses it for one). */
        List<String> rackArgs() {
            if (rack.isEmpty()) {
                return List.of();
            }
            boolean several = org.miplhil.power.rack.RackLoader.load(rack.get())
                    instanceof org.miplhil.yaml.LoadResult.Ok<org.miplhil.power.rack.Rack> ok
                    && ok.value().hasSeveralModules();
            return several ? List.of("--rack", rack.get().toString(), "--replicate")
                    : List.of("--rack", rack.get().toString());
        }
    }

    List<Place> places() {
        if (release.virtual()) {
            return List.of(new Place("virtual", Optional.empty()));
        }
        List<Place> places = new ArrayList<>();
        for (Path rack : release.racks()) {
            places.add(new Place(rack.getFileName().toString().replaceFirst("\\.ya?ml$", ""), Optional.of(rack)));
        }
        return places;
    }

    int run() {
        Path root = release.out();
        out.println("mipl-hil qualify: " + release.name() + ": candidate " + release.candidate().revision()
                + " against baseline " + release.baseline().revision() + "; " + describeModules() + ", suites "
                + release.suites() + ", tags '" + release.tags() + "', " + release.repeat() + " run(s) per module"
                + (release.dfota() ? ", DFOTA to the candidate and back" : ""));
        List<String> lines = new ArrayList<>();
        ReleaseDfota dfota = release.dfota() ? new ReleaseDfota(release, out, cli) : null;
        if (dfota != null) {
            Optional<String> problem = dfota.prepare();
            if (problem.isPresent()) {
                return finish(lines, dfota, 2, problem.get());
            }
        }
        int verdict = 0;
        for (Place place : places()) {
            boolean baselineRuns = release.baseline().report().isEmpty();
            Path baselineDir;
            if (!baselineRuns) {
                Path given = release.baseline().report().get();
                baselineDir = Files.isDirectory(place.under(given)) ? place.under(given) : given;
            } else {
                Optional<String> wrong = checkRevisions(place, release.baseline(), "baseline", lines);
                if (wrong.isPresent()) {
                    return finish(lines, dfota, 2, wrong.get());
                }
                baselineDir = place.under(root.resolve("baseline"));
                int code = runSide(place, release.baseline(), baselineDir, "baseline");
                lines.add(runLine("baseline", place, code, baselineDir));
                if (code == 2) {
                    return finish(lines, dfota, 2, "the baseline's run on " + place.name() + " could not start");
                }
                // a rack's modules keep their firmware: the update brings them to the candidate for its run
                if (dfota != null && place.rack().isPresent()) {
                    DfotaOutcome up = dfota.run(place, dfota.toCandidate(), release.baseline());
                    if (!up.passed()) {
                        lines.add("- " + place.name() + ": **NOT QUALIFIED**: the DFOTA " + up.leg().from() + " → "
                                + up.leg().to() + " failed (report `" + up.report() + "`); the candidate was not run");
                        verdict = Math.max(verdict, up.exit() == 2 ? 2 : 1);
                        continue;
                    }
                }
            }
            Optional<String> wrong = checkRevisions(place, release.candidate(), "candidate", lines);
            if (wrong.isPresent()) {
                return finish(lines, dfota, 2, wrong.get());
            }
            Path candidateDir = place.under(root.resolve("candidate"));
            int code = runSide(place, release.candidate(), candidateDir, "candidate");
            lines.add(runLine("candidate", place, code, candidateDir));
            if (code == 2) {
                return finish(lines, dfota, 2, "the candidate's run on " + place.name() + " could not start");
            }
            int updates = dfota == null ? 0 : updates(dfota, place, baselineRuns, lines);
            Path compareDir = place.under(root.resolve("compare"));
            int c = QualifyCommand.compare(cli, baselineDir, candidateDir, release.rules(), compareDir,
                    release.threshold().orElse(null));
            lines.add("- " + place.name() + ": **" + QualifyCommand.verdictWord(c) + "**, [verdict]("
                    + root.relativize(compareDir.resolve("verdict.md")) + "), [comparison]("
                    + root.relativize(compareDir.resolve("index.html")) + ")");
            verdict = Math.max(verdict, Math.max(c, updates));
        }
        return finish(lines, dfota, verdict, null);
    }

    /**
     * The DFOTA stage alone ({@code ./mipl-hil qualify --dfota}, the release job's stage after the catalogue ran on
     * the candidate): the packages, the modules checked to run the candidate, then updated to the baseline and back
     * (virtual modules: each leg from its firmware). 0 every module updated there and back, 1 one did not, 2 no run.
     */
    int runDfotaOnly() {
        out.println("mipl-hil qualify: DFOTA " + release.candidate().revision() + " <-> " + release.baseline()
                .revision() + " on " + describeModules());
        List<String> lines = new ArrayList<>();
        ReleaseDfota dfota = new ReleaseDfota(release, out, cli);
        Optional<String> problem = dfota.prepare();
        if (problem.isPresent()) {
            return finish(lines, dfota, 2, problem.get());
        }
        int verdict = 0;
        for (Place place : places()) {
            Optional<String> wrong = checkRevisions(place, release.candidate(), "candidate", lines);
            if (wrong.isPresent()) {
                return finish(lines, dfota, 2, wrong.get());
            }
            verdict = Math.max(verdict, updates(dfota, place, false, lines));
        }
        return finish(lines, dfota, verdict, null);
    }

    /**
     * The DFOTA legs after the candidate's run, from the firmware the modules run then. Virtual modules start each
     * leg afresh with the firmware it starts from (their storage is cleared per case): baseline → candidate, then
     * candidate → baseline. A rack's modules run the candidate: back to the baseline, and again to the candidate
     * unless the baseline ran here (then the update to the candidate came before the candidate's run).
     * Returns 0 when every module updated, 1 when one did not, 2 when a leg did not run.
     */
    private int updates(ReleaseDfota dfota, Place place, boolean baselineRan, List<String> lines) {
        List<DfotaOutcome> legs = new ArrayList<>();
        if (place.rack().isEmpty()) {
            legs.add(dfota.run(place, dfota.toCandidate(), release.baseline()));
            legs.add(dfota.run(place, dfota.toBaseline(), release.candidate()));
        } else {
            DfotaOutcome back = dfota.run(place, dfota.toBaseline(), release.candidate());
            legs.add(back);
            if (!baselineRan && back.passed()) {
                legs.add(dfota.run(place, dfota.toCandidate(), release.baseline()));
            }
        }
        int worst = 0;
        for (DfotaOutcome o : legs) {
            int code = o.passed() ? 0 : o.exit() == 2 ? 2 : 1;
            worst = Math.max(worst, code);
            lines.add("- DFOTA " + o.leg().from() + " → " + o.leg().to() + " on " + place.name() + ": "
                    + (code == 0 ? "every module updated and reports " + o.leg().to()
                    : code == 1 ? "**FAILED** (NOT QUALIFIED)" : "did not run (exit " + o.exit() + ")")
                    + ", report `" + o.report() + "`");
        }
        return worst;
    }

    /** Whether the place's modules report {@code side}'s revision; the mismatch naming each module, or empty. */
    private Optional<String> checkRevisions(Place place, ReleaseFile.Firmware side, String which, List<String> lines) {
        List<RevisionCheck.ModuleRevision> found = revisions.check(place, side);
        List<String> wrong = new ArrayList<>();
        for (RevisionCheck.ModuleRevision m : found) {
            out.println("mipl-hil qualify: " + which + " on " + place.name() + ": " + (m.matches()
                    ? "module " + m.module() + " reports " + m.reported() : m.mismatch()));
            if (!m.matches()) {
                wrong.add(m.mismatch());
            }
        }
        lines.add("- revisions before the " + which + "'s run on " + place.name() + ": " + (wrong.isEmpty()
                ? "every module reports " + side.revision() : String.join("; ", wrong)));
        if (found.isEmpty()) {
            return Optional.of("no module to check on " + place.name());
        }
        return wrong.isEmpty() ? Optional.empty()
                : Optional.of("the " + which + "'s modules on " + place.name() + " do not run " + side.revision()
                + ": " + String.join("; ", wrong));
    }

    private String describeModules() {
        return release.virtual() ? release.parallel() + " virtual module(s)" : "racks " + release.racks();
    }

    private int runSide(Place place, ReleaseFile.Firmware side, Path report, String which) {
        List<String> args = new ArrayList<>(List.of("run"));
        release.suites().forEach(s -> args.add(s.toString()));
        args.addAll(List.of("--tags", release.tags(), "--repeat", Integer.toString(release.repeat()),
                "--report", report.toString()));
        if (place.rack().isPresent()) {
            args.addAll(place.rackArgs());
        } else if (release.parallel() > 1) {
            args.addAll(List.of("--parallel", Integer.toString(release.parallel()), "--replicate"));
        }
        side.profile().ifPresent(p -> args.addAll(List.of("--profile", p.toString())));
        side.faults().ifPresent(f -> args.addAll(List.of("--sim-faults", f.toString())));
        out.println("mipl-hil qualify: " + which + " " + side.revision() + " on " + place.name() + ": ./mipl-hil "
                + String.join(" ", args));
        out.flush();
        return cli.apply(args.toArray(String[]::new));
    }

    private static String runLine(String which, Place place, int code, Path dir) {
        return "- " + which + " on " + place.name() + ": " + (code == 0 ? "every case passed" : code == 1
                ? "cases failed (compare judges them)" : "did not run (exit " + code + ")") + ", report `" + dir + "`";
    }

    private int finish(List<String> lines, ReleaseDfota dfota, int code, String problem) {
        Path root = release.out();
        StringBuilder md = new StringBuilder("# Release qualification: ").append(release.name()).append("\n\n")
                .append("Candidate `").append(release.candidate().revision()).append("` against baseline `")
                .append(release.baseline().revision()).append("`");
        release.candidate().image().ifPresent(i -> md.append("; candidate image `").append(i).append('`'));
        release.baseline().image().ifPresent(i -> md.append("; baseline image `").append(i).append('`'));
        if (release.suites().isEmpty()) {
            md.append(". ").append(describeModules()).append(": the DFOTA stage alone.\n\n");
        } else {
            md.append(". ").append(describeModules()).append(", suites ").append(release.suites()).append(", tags `")
                    .append(release.tags()).append("`, ").append(release.repeat()).append(" run(s) per module, rules `")
                    .append(release.rules()).append("`.\n\n");
        }
        release.baseline().profile().ifPresent(f -> md.append("Virtual modules run the baseline with the profile `")
                .append(f).append("`.\n\n"));
        release.candidate().profile().ifPresent(f -> md.append("Virtual modules run the candidate with the profile `")
                .append(f).append("`.\n\n"));
        if (release.virtual()) {
            release.candidate().faults().ifPresent(f -> md.append("The candidate is the virtual module with the"
                    + " fault plan `").append(f).append("` standing for its behaviour.\n\n"));
            release.baseline().faults().ifPresent(f -> md.append("The baseline is the virtual module with the"
                    + " fault plan `").append(f).append("`.\n\n"));
        }
        String word = code == 2 && problem == null ? "no verdict (a run did not start)" : QualifyCommand.verdictWord(code);
        md.append("**").append(word).append("**")
                .append(problem == null ? "" : ": " + problem).append("\n\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append('\n');
        if (dfota != null) {
            md.append(dfota.markdown());
            dfota.writeJson().ifPresent(err::println);
        }
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("qualification.md"), md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("mipl-hil qualify: cannot write " + root.resolve("qualification.md") + ": " + e.getMessage());
        }
        if (problem != null) {
            err.println("mipl-hil qualify: " + problem);
        }
        out.println("mipl-hil qualify: " + word + " (" + root.resolve("qualification.md")
                + ")");
        out.flush();
        return code;
    }
}
