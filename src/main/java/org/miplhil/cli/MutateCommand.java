package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.miplhil.mutate.Equivalents;
import org.miplhil.mutate.Family;
import org.miplhil.mutate.Mutant;
import org.miplhil.mutate.MutantSpace;
import org.miplhil.mutate.MutateReport;
import org.miplhil.mutate.MutationResult;
import org.miplhil.mutate.MutationRunner;
import org.miplhil.mutate.Score;
import org.miplhil.selfcheck.PlanFile;
import org.miplhil.selfcheck.SelfCheckReport;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.yaml.Durations;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mipl-hil mutate}: the catalogue's self-check, like mutation testing. A clean run, then every generated
 * mutant (impact analysis picks the cases), the hand-written plans of {@code fixtures/faults/} and N clean repeats.
 * Exit 0 only when every non-equivalent generated mutant is killed, no control fails, every plan is detected and
 * every repeat is clean; 1 otherwise; 2 for a usage or file error. ({@code qualify} is release qualification,
 * {@code QualifyCommand}.)
 */
@Command(name = "mutate",
        mixinStandardHelpOptions = true,
        description = {"Measures the catalogue like mutation testing: runs it against every generated mutant of the"
                + " virtual module (a fault plan per family, command and URC kind), the hand-written fault plans and"
                + " N clean repeats; reports killed, survived, equivalent, not covered, timed out per family.",
                "Prints a line per mutant, plan and repeat; writes mutate.json, selfcheck.json, detection.md and"
                        + " mutants/<id>.yaml to the report directory.",
                "Exit status 0 when every non-equivalent mutant is killed, no control fails, every plan is detected"
                        + " and every repeat is clean; 1 otherwise; 2 for a usage or file error."})
public class MutateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Suite files or directories (default: suites/catalogue).")
    List<Path> paths;

    @Option(names = "--faults", paramLabel = "DIR", defaultValue = "fixtures/faults",
            description = "A directory of fault plans (every *.yaml in it but equivalent.yaml) or one plan; its"
                    + " directory's equivalent.yaml lists the equivalent mutants (default: ${DEFAULT-VALUE}).")
    Path faults;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20",
            description = "Runs on the fault-free module at the end; 0: none (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "0",
            description = "Shard each clean repeat over N virtual modules on one platform, as run --parallel N does"
                    + " (default: ${DEFAULT-VALUE}, one module).")
    int parallel;

    @Option(names = "--tags", paramLabel = "EXPR", defaultValue = "!slow",
            description = "JUnit Platform tag expression selecting cases (default: ${DEFAULT-VALUE}; 'any()' for all).")
    String tags;

    @Mixin
    ReportOption report;

    @Option(names = "--all-cases",
            description = "Run every selected case for every hand-written plan (default: a plan's run stops at the"
                    + " case that detects it).")
    boolean allCases;

    @Option(names = "--update-doc", paramLabel = "FILE",
            description = "Also put the score table into FILE between <!-- mutate:begin --> and <!-- mutate:end -->"
                    + " and the plans' table between <!-- selfcheck:begin --> and <!-- selfcheck:end --> (e.g."
                    + " docs/detection.md).")
    Path updateDoc;

    @Mixin
    ProfileOption profile = new ProfileOption();

    @Option(names = "--families", paramLabel = "LIST", split = ",",
            description = "Only these families (ids as --list prints them; 'plan' for the hand-written plans;"
                    + " default 'all').")
    List<String> families;

    @Option(names = "--mutants", paramLabel = "GLOB",
            description = "Only the mutants whose id matches (* any text, ? one character; a plan is plan/<name>).")
    String mutantGlob;

    @Option(names = "--list", description = "Print the mutant space (per family counts and ids) and exit.")
    boolean list;

    @Option(names = "--budget", paramLabel = "DURATION",
            description = "The whole run's time (e.g. 60m); mutants not reached within it are reported as not run.")
    String budget;

    @Option(names = "--mutant-timeout", paramLabel = "DURATION",
            description = "Per mutant (e.g. 2m): past it, between cases, the mutant is TIMED_OUT.")
    String mutantTimeout;

    // the run waits far more than it computes (about 9 % of one core at 2 jobs), and each mutant has its own bench:
    // one mutant per core gave the same verdicts as one at a time (docs/detection.md, "Budget")
    @Option(names = "--jobs", paramLabel = "N",
            description = "Mutants run at once, each on its own bench (default: the machine's cores).")
    Integer jobs;

    @Option(names = "--control-cases", paramLabel = "K", defaultValue = "6",
            description = "A control runs at most K of its impacted cases, one per suite first, the shortest first"
                    + " (0: all; default: ${DEFAULT-VALUE}).")
    int controlCases;

    @Option(names = "--no-impact",
            description = "Run every selected case for every mutant (no impact analysis).")
    boolean noImpact;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final String name = "mutate";

    public MutateCommand() {
        this(System.out, System.err);
    }

    MutateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.report = new ReportOption(Path.of("reports", "mutate"));
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet();
        if (repeat < 0) {
            return usage("--repeat must be 0 or more, found " + repeat);
        }
        if (parallel < 0) {
            return usage("--parallel must be 0 or more, found " + parallel);
        }
        if (jobs == null) {
            jobs = Runtime.getRuntime().availableProcessors();
        }
        if (jobs < 1) {
            return usage("--jobs must be 1 or more, found " + jobs);
        }
        if (controlCases < 0) {
            return usage("--control-cases must be 0 or more, found " + controlCases);
        }
        Optional<Duration> budgetTime = Optional.empty();
        Optional<Duration> timeout = Optional.empty();
        if (budget != null) {
            budgetTime = Durations.parse(budget);
            if (budgetTime.isEmpty()) {
                return usage("--budget must be a duration such as 60m or 90s, found '" + budget + "'");
            }
        }
        if (mutantTimeout != null) {
            timeout = Durations.parse(mutantTimeout);
            if (timeout.isEmpty()) {
                return usage("--mutant-timeout must be a duration such as 2m or 90s, found '" + mutantTimeout + "'");
            }
        }
        Set<Family> chosen = EnumSet.allOf(Family.class);
        if (families != null && !families.isEmpty() && !families.equals(List.of("all"))) {
            chosen = EnumSet.noneOf(Family.class);
            for (String f : families) {
                Optional<Family> fam = Family.byId(f.strip());
                if (fam.isEmpty()) {
                    List<String> ids = new ArrayList<>();
                    for (Family x : Family.values()) {
                        ids.add(x.id());
                    }
                    return usage("--families: no family '" + f + "' (families: " + String.join(", ", ids) + ")");
                }
                chosen.add(fam.get());
            }
        }
        Pattern glob = mutantGlob == null ? null : Equivalents.glob(mutantGlob);
        // the space takes its deadlines and error texts from the profile the module runs
        List<Mutant> all;
        if (profile.profile != null) {
            LoadResult<FirmwareProfile> p = ProfileLoader.load(profile.profile);
            if (!p.isOk()) {
                p.errors().forEach(err::println);
                return 2;
            }
            all = MutantSpace.generate(p.orElseThrow());
        } else {
            all = MutantSpace.generate();
        }
        List<Mutant> selected = new ArrayList<>();
        for (Mutant m : all) {
            if (chosen.contains(m.family()) && (glob == null || glob.matcher(m.id()).matches())) {
                selected.add(m);
            }
        }
        PlanFile.Loaded loaded = PlanFile.load(faults);
        if (!loaded.errors().isEmpty()) {
            loaded.errors().forEach(err::println);
            return 2;
        }
        List<PlanFile> plans = new ArrayList<>();
        if (chosen.contains(Family.PLAN)) {
            for (PlanFile p : loaded.plans()) {
                if (glob == null || glob.matcher("plan/" + p.name()).matches()) {
                    plans.add(p);
                }
            }
        }
        Path equivalentFile = (Files.isDirectory(faults) ? faults
                : Optional.ofNullable(faults.toAbsolutePath().getParent()).orElse(Path.of(".")))
                .resolve(Equivalents.FILE_NAME);
        LoadResult<Equivalents> eq = Equivalents.load(equivalentFile,
                Optional.of(all.stream().map(Mutant::id).toList()));
        if (!eq.isOk()) {
            eq.errors().forEach(err::println);
            return 2;
        }
        if (list) {
            printList(selected, plans);
            return 0;
        }
        if (updateDoc != null) {
            try {
                String text = Files.readString(updateDoc, StandardCharsets.UTF_8);
                Optional<String> p = MutateReport.checkMarkers(updateDoc, text);
                if (p.isPresent()) {
                    return usage(p.get());
                }
            } catch (IOException e) {
                return usage(updateDoc + ": cannot read: " + e.getMessage());
            }
        }
        TagSelection.Parsed selection = TagSelection.parse(tags);
        if (selection.error().isPresent()) {
            return usage(selection.error().get());
        }
        List<Path> where = paths == null || paths.isEmpty() ? List.of(Path.of("suites", "catalogue")) : paths;
        MutationRunner.Builder b = MutationRunner.builder().suites(where).tags(selection.selection().orElseThrow())
                .mutants(selected).equivalents(eq.orElseThrow()).plans(plans).repeat(repeat).parallel(parallel)
                .report(report.report)
                .allCases(allCases).impactAnalysis(!noImpact).controlCases(controlCases).jobs(jobs).out(out).options(o -> o.profile(profile.profile));
        budgetTime.ifPresent(b::budget);
        timeout.ifPresent(b::mutantTimeout);
        MutationRunner runner = b.build();
        List<String> problems = runner.check();
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return 2;
        }
        out.println("mipl-hil " + name + ": a clean run, " + selected.size() + " generated mutants, "
                + plans.size() + " fault plans from " + faults + ", then " + repeat
                + " runs on the fault-free module; suites " + where + ", tags '" + tags + "'");
        out.flush();
        MutationResult result = runner.run();
        String command = commandText();
        try {
            MutateReport.write(result, report.report, command);
            if (result.plans().isPresent()) {
                Files.writeString(report.report.resolve("selfcheck.json"), SelfCheckReport.json(result.plans().get(),
                        command), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("mipl-hil " + name + ": cannot write the report to " + report.report + ": " + e.getMessage());
        }
        if (updateDoc != null) {
            Optional<String> p = MutateReport.updateDocument(updateDoc, result, command);
            p.ifPresent(err::println);
        }
        printSummary(result);
        return result.exitCode();
    }

    private void printList(List<Mutant> selected, List<PlanFile> plans) {
        Map<Family, List<Mutant>> byFamily = new LinkedHashMap<>();
        for (Mutant m : selected) {
            byFamily.computeIfAbsent(m.family(), f -> new ArrayList<>()).add(m);
        }
        byFamily.forEach((f, ms) -> {
            out.println(f.id() + ": " + ms.size() + (f.control() ? " (control)" : ""));
            ms.forEach(m -> out.println("  " + m.id()));
        });
        if (!plans.isEmpty()) {
            out.println(Family.PLAN.id() + ": " + plans.size());
            plans.forEach(p -> out.println("  plan/" + p.name()));
        }
        out.println("total: " + (selected.size() + plans.size()));
        out.flush();
    }

    private void printSummary(MutationResult r) {
        out.println();
        if (r.cleanRunFailed()) {
            out.println("the clean run failed: " + r.cleanFailures().size() + " case(s) fail on the fault-free"
                    + " module; fix the catalogue or the module first");
            r.cleanFailures().forEach(p -> out.println("  " + p.title()));
            out.println("RESULT: FAILED (clean run)");
            out.flush();
            return;
        }
        Score s = r.score();
        Score.Counts t = s.total();
        if (!r.verdicts().isEmpty()) {
            out.println(String.format(Locale.ROOT, "mutants: %d generated, %d killed, %d survived, %d equivalent,"
                            + " %d not covered, %d timed out, %d not run; mutation score %.1f %%, test strength %.1f %%",
                    t.generated(), t.killed(), t.survived(), t.equivalent(), t.notCovered(), t.timedOut(),
                    t.notRun(), t.score(), t.strength()));
            if (s.controlTotal().generated() > 0) {
                out.println("controls: " + s.controlsPassed() + " passed, " + s.falseAlarms() + " false alarms"
                        + (s.falseAlarms() > 0 ? "  <-- the catalogue fails on behaviour the note allows" : ""));
            }
            out.println(String.format(Locale.ROOT, "a fresh bench took %.2f s on average",
                    r.meanBenchStart().toMillis() / 1000.0));
        }
        r.plans().filter(q -> !q.plans().isEmpty() || !q.repeats().isEmpty()).ifPresent(q -> out.println(
                "plans detected: " + q.detected() + " of " + q.plans().size()
                + (q.repeats().isEmpty() ? "" : "; clean runs: " + q.cleanRepeats() + " of " + q.repeats().size())));
        out.println("summary: " + report.report.resolve("mutate.json") + ", table: "
                + report.report.resolve("detection.md"));
        out.println(r.ok() ? "RESULT: every mutant killed" : "RESULT: NOT every mutant killed");
        out.flush();
    }

    /** The command as typed, for the generated table's "regenerate with" line. */
    private String commandText() {
        List<String> words = new ArrayList<>(List.of("./mipl-hil", name));
        if (spec != null && spec.commandLine().getParseResult() != null) {
            List<String> args = spec.commandLine().getParseResult().originalArgs();
            // through Main the arguments start with the subcommand's name
            int from = args.isEmpty() || !args.get(0).equals(spec.name()) ? 0 : 1;
            for (String a : args.subList(from, args.size())) {
                words.add(a.matches("[A-Za-z0-9_./:=@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
            }
        }
        return String.join(" ", words);
    }

    private int usage(String message) {
        err.println("mipl-hil " + name + ": " + message);
        return 2;
    }
}
