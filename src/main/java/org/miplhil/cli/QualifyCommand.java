package org.miplhil.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.miplhil.release.ReleaseFile;
import org.miplhil.release.ReleaseLoader;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mipl-hil qualify}: qualifies a firmware release against the one before it. Two report directories
 * ({@code --baseline}, {@code --candidate}) are compared at once; a release file runs the catalogue for the
 * candidate (and the baseline without a report) first ({@link ReleaseQualification}). The comparison and the
 * verdict are {@code ./mipl-hil compare}'s, called through the command line in-process, and its exit is this one's:
 * 0 qualified, 1 not, 2 usage or file error. (The catalogue's self-check is {@code ./mipl-hil mutate}.)
 */
@Command(name = "qualify",
        mixinStandardHelpOptions = true,
        description = {"Qualifies a firmware release: compares the candidate's results with the baseline's and"
                + " judges them by the verdict rules (./mipl-hil compare --rules).",
                "Either two report directories (--baseline DIR --candidate DIR --rules FILE) or a release file"
                        + " (RELEASE.yaml: firmware, racks or virtual modules, suites, repeats, rules, out) whose"
                        + " runs come first.",
                "Writes OUT/verdict.md, OUT/index.html, OUT/compare.json (a release file: OUT/compare/ and"
                        + " OUT/qualification.md).",
                "--dfota runs the DFOTA stage alone (the release job's): packages built between --baseline-revision"
                        + " and --candidate-revision, the modules of --rack (or a virtual module) checked to run the"
                        + " candidate, updated to the baseline and back; OUT/qualification.md, OUT/dfota/.",
                "Exit status 0 qualified, 1 not qualified, 2 for a usage or file error."})
public final class QualifyCommand implements Callable<Integer> {

    /** The rules when none is named: the default of fixtures/qualification/. */
    static final Path DEFAULT_RULES = Path.of("fixtures", "qualification", "release.yaml");

    @Parameters(paramLabel = "RELEASE.yaml", arity = "0..1",
            description = "A release file (fixtures/qualification/release-*.yaml); instead of --baseline/--candidate.")
    Path release;

    @Option(names = "--baseline", paramLabel = "DIR", description = "The report directory of the released firmware.")
    Path baseline;

    @Option(names = "--candidate", paramLabel = "DIR", description = "The report directory of the candidate.")
    Path candidate;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Verdict rules (default: " + "fixtures/qualification/release.yaml" + ").")
    Path rules;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the verdict goes (default: reports/qualification; a release file's out: otherwise).")
    Path out;

    @Option(names = "--threshold", paramLabel = "PERCENT",
            description = "The measurement shift compare flags, e.g. 30% (default: compare's, or the release file's).")
    String threshold;

    @Option(names = "--dfota", description = "The DFOTA stage alone: the candidate's modules updated to the baseline"
            + " and back (needs --baseline-revision and --candidate-revision).")
    boolean dfota;

    @Option(names = "--baseline-revision", paramLabel = "REV", description = "With --dfota: the baseline's revision.")
    String baselineRevision;

    @Option(names = "--candidate-revision", paramLabel = "REV",
            description = "With --dfota: the candidate's revision, which the modules must report (ATI) before.")
    String candidateRevision;

    @Option(names = "--baseline-image", paramLabel = "FILE",
            description = "With --dfota: the payload of the package to the baseline (default: made-up bytes).")
    Path baselineImage;

    @Option(names = "--candidate-image", paramLabel = "FILE",
            description = "With --dfota: the payload of the package to the candidate (default: made-up bytes).")
    Path candidateImage;

    @Option(names = "--rack", paramLabel = "FILE",
            description = "With --dfota: the rack whose modules are updated, all of them (default: one virtual module).")
    Path rack;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Function<String[], Integer> cli;
    /** How a release file's modules are asked their revision (tests: a stand-in). */
    ReleaseQualification.Revisions revisions = ReleaseQualification.Revisions.ATI;
    /** Null: ask Main when needed (not while Main builds its command line, which makes this command). */
    private final Boolean compareKnown;

    public QualifyCommand() {
        this(System.out, System.err, args -> Main.commandLine().execute(args), null);
    }

    /**
     * @param cli          runs {@code ./mipl-hil} with the arguments in-process (the subcommand first)
     * @param compareKnown whether that command line has {@code compare}
     */
    QualifyCommand(PrintStream out, PrintStream err, Function<String[], Integer> cli, Boolean compareKnown) {
        this.stdout = out;
        this.stderr = err;
        this.cli = cli;
        this.compareKnown = compareKnown;
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet();
        if (dfota) {
            return dfotaAlone();
        }
        if (baselineRevision != null || candidateRevision != null || baselineImage != null || candidateImage != null
                || rack != null) {
            return usage("--baseline-revision, --candidate-revision, --baseline-image, --candidate-image and --rack"
                    + " are --dfota's (a release file names the firmware and the racks)");
        }
        if (release != null) {
            if (baseline != null || candidate != null || rules != null) {
                return usage("a release file names the baseline, the candidate and the rules: give it alone"
                        + " (or --baseline, --candidate and --rules without it)");
            }
            LoadResult<ReleaseFile> loaded = ReleaseLoader.load(release);
            loaded.problems().forEach(p -> (p.isError() ? stderr : stdout).println(p));
            if (!(loaded instanceof LoadResult.Ok<ReleaseFile> ok)) {
                return 2;
            }
            if (!hasCompare()) {
                return noCompare();
            }
            ReleaseFile r = ok.value();
            if (out != null || threshold != null) {
                r = r.with(out != null ? out : r.out(),
                        threshold != null ? java.util.Optional.of(threshold) : r.threshold());
            }
            return new ReleaseQualification(r, stdout, stderr, cli, revisions).run();
        }
        if (baseline == null || candidate == null) {
            return usage("name two report directories (--baseline DIR --candidate DIR) or a release file");
        }
        for (Path dir : List.of(baseline, candidate)) {
            if (!Files.isDirectory(dir)) {
                return usage("no report directory " + dir);
            }
        }
        Path rulesFile = rules != null ? rules : DEFAULT_RULES;
        if (!Files.isRegularFile(rulesFile)) {
            return usage("no rules file " + rulesFile + (rules == null ? " (name one with --rules)" : ""));
        }
        if (!hasCompare()) {
            return noCompare();
        }
        Path where = out != null ? out : Path.of("reports", "qualification");
        int code = compare(cli, baseline, candidate, rulesFile, where, threshold);
        stdout.println("mipl-hil qualify: " + verdictWord(code) + " (" + where.resolve("verdict.md") + ")");
        return code;
    }

    /** {@code --dfota}: the DFOTA stage of a release made of the options. */
    private int dfotaAlone() {
        if (release != null || baseline != null || candidate != null || rules != null || threshold != null) {
            return usage("--dfota runs the DFOTA stage alone: give it --baseline-revision, --candidate-revision,"
                    + " [--rack], [--baseline-image], [--candidate-image], [--out], no release file or reports");
        }
        if (baselineRevision == null || candidateRevision == null || baselineRevision.isBlank()
                || candidateRevision.isBlank()) {
            return usage("--dfota needs --baseline-revision REV and --candidate-revision REV");
        }
        if (baselineRevision.equals(candidateRevision)) {
            return usage("--dfota: baseline and candidate are both " + baselineRevision + ": nothing to update");
        }
        for (Path f : java.util.Arrays.asList(baselineImage, candidateImage, rack)) {
            if (f != null && !Files.isRegularFile(f)) {
                return usage("no file " + f);
            }
        }
        java.util.Optional<Path> none = java.util.Optional.empty();
        ReleaseFile r = new ReleaseFile("DFOTA " + baselineRevision + " <-> " + candidateRevision,
                new ReleaseFile.Firmware(baselineRevision, java.util.Optional.ofNullable(baselineImage), none, none,
                        none),
                new ReleaseFile.Firmware(candidateRevision, java.util.Optional.ofNullable(candidateImage), none, none,
                        none),
                rack == null ? List.of() : List.of(rack), 1, List.of(), "", 1, DEFAULT_RULES,
                out != null ? out : Path.of("reports", "dfota"), java.util.Optional.empty(), true);
        return new ReleaseQualification(r, stdout, stderr, cli, revisions).runDfotaOnly();
    }

    /** {@code ./mipl-hil compare BASELINE CANDIDATE --rules FILE --out DIR [--threshold P]} in-process. */
    static int compare(Function<String[], Integer> cli, Path baseline, Path candidate, Path rules, Path out,
                       String threshold) {
        List<String> args = new ArrayList<>(List.of("compare", baseline.toString(), candidate.toString(),
                "--rules", rules.toString(), "--out", out.toString()));
        if (threshold != null) {
            args.add("--threshold");
            args.add(threshold);
        }
        return cli.apply(args.toArray(String[]::new));
    }

    static String verdictWord(int code) {
        return switch (code) {
            case 0 -> "QUALIFIED";
            case 1 -> "NOT QUALIFIED";
            default -> "no verdict (compare exited with " + code + ")";
        };
    }

    private boolean hasCompare() {
        return compareKnown != null ? compareKnown : Main.commandLine().getSubcommands().containsKey("compare");
    }

    private int noCompare() {
        return usage("this build has no 'compare' command: qualify gives compare's verdict (./mipl-hil compare"
                + " BASELINE CANDIDATE --rules FILE)");
    }

    private int usage(String message) {
        stderr.println("mipl-hil qualify: " + message);
        return 2;
    }
}
