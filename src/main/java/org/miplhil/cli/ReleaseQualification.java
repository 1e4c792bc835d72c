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
import org.miplhil.release.ReleaseFile;

/**
 * A release file's qualification: the catalogue for the candidate (and for the baseline when no report of it is
 * named) replicated on every module — each rack of the file in turn, or {@code parallel} virtual modules — through
 * {@code ./mipl-hil run}, then {@code ./mipl-hil compare} per rack with the rules. A run whose cases fail is
 * evidence, not an error (compare judges it); a run that cannot start (exit 2) ends the qualification.
 * Writes {@code OUT/baseline/}, {@code OUT/candidate/}, {@code OUT/compare/} and {@code OUT/qualification.md}.
 */
final class ReleaseQualification {

    private final ReleaseFile release;
    private final PrintStream out;
    private final PrintStream err;
    private final Function<String[], Integer> cli;

    ReleaseQualification(ReleaseFile release, PrintStream out, PrintStream err, Function<String[], Integer> cli) {
        this.release = release;
        this.out = out;
        this.err = err;
        this.cli = cli;
    }

    /** Where a run goes: one per rack (its file's name), or the virtual modules' one. */
    record Place(String name, Optional<Path> rack) {
        Path under(Path dir) {
            return rack.isEmpty() ? dir : dir.resolve(name);
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
                + release.suites() + ", tags '" + release.tags() + "', " + release.repeat() + " run(s) per module");
        List<String> lines = new ArrayList<>();
        int verdict = 0;
        for (Place place : places()) {
            Path baselineDir;
            if (release.baseline().report().isPresent()) {
                Path given = release.baseline().report().get();
                baselineDir = Files.isDirectory(place.under(given)) ? place.under(given) : given;
            } else {
                baselineDir = place.under(root.resolve("baseline"));
                int code = runSide(place, release.baseline(), baselineDir, "baseline");
                lines.add(runLine("baseline", place, code, baselineDir));
                if (code == 2) {
                    return finish(lines, 2, "the baseline's run on " + place.name() + " could not start");
                }
            }
            Path candidateDir = place.under(root.resolve("candidate"));
            int code = runSide(place, release.candidate(), candidateDir, "candidate");
            lines.add(runLine("candidate", place, code, candidateDir));
            if (code == 2) {
                return finish(lines, 2, "the candidate's run on " + place.name() + " could not start");
            }
            Path compareDir = place.under(root.resolve("compare"));
            int c = QualifyCommand.compare(cli, baselineDir, candidateDir, release.rules(), compareDir,
                    release.threshold().orElse(null));
            lines.add("- " + place.name() + ": **" + QualifyCommand.verdictWord(c) + "**, [verdict]("
                    + root.relativize(compareDir.resolve("verdict.md")) + "), [comparison]("
                    + root.relativize(compareDir.resolve("index.html")) + ")");
            verdict = Math.max(verdict, c);
        }
        return finish(lines, verdict, null);
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
            args.addAll(List.of("--rack", place.rack().get().toString(), "--replicate"));
        } else if (release.parallel() > 1) {
            args.addAll(List.of("--parallel", Integer.toString(release.parallel()), "--replicate"));
        }
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

    private int finish(List<String> lines, int code, String problem) {
        Path root = release.out();
        StringBuilder md = new StringBuilder("# Release qualification: ").append(release.name()).append("\n\n")
                .append("Candidate `").append(release.candidate().revision()).append("` against baseline `")
                .append(release.baseline().revision()).append("`");
        release.candidate().image().ifPresent(i -> md.append("; candidate image `").append(i).append('`'));
        release.baseline().image().ifPresent(i -> md.append("; baseline image `").append(i).append('`'));
        md.append(". ").append(describeModules()).append(", suites ").append(release.suites()).append(", tags `")
                .append(release.tags()).append("`, ").append(release.repeat()).append(" run(s) per module, rules `")
                .append(release.rules()).append("`.\n\n");
        if (release.virtual()) {
            release.candidate().faults().ifPresent(f -> md.append("The candidate is the virtual module with the"
                    + " fault plan `").append(f).append("` standing for its behaviour.\n\n"));
            release.baseline().faults().ifPresent(f -> md.append("The baseline is the virtual module with the"
                    + " fault plan `").append(f).append("`.\n\n"));
        }
        md.append("**").append(QualifyCommand.verdictWord(code)).append("**")
                .append(problem == null ? "" : ": " + problem).append("\n\n");
        lines.forEach(l -> md.append(l).append('\n'));
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("qualification.md"), md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("mipl-hil qualify: cannot write " + root.resolve("qualification.md") + ": " + e.getMessage());
        }
        if (problem != null) {
            err.println("mipl-hil qualify: " + problem);
        }
        out.println("mipl-hil qualify: " + QualifyCommand.verdictWord(code) + " (" + root.resolve("qualification.md")
                + ")");
        out.flush();
        return code;
    }
}
