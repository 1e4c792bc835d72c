package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miplhil.qualify.PlanFile;
import org.miplhil.qualify.Qualification;
import org.miplhil.qualify.Qualifier;
import org.miplhil.qualify.QualifyReport;
import org.miplhil.suite.run.TagSelection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mipl-hil qualify}: runs the catalogue against the virtual module once per fault plan (each must make a
 * case fail with a message naming its defect) and then N times on the fault-free module (each run must pass).
 * Exit 0 only when every plan is detected and every repeat is clean; 1 otherwise; 2 for a usage or file error.
 */
@Command(name = "qualify",
        mixinStandardHelpOptions = true,
        description = {"Qualifies the harness: the suites must detect each fault plan (a case fails with a message"
                + " containing the plan's 'detect' expression) and pass on the fault-free virtual module N times.",
                "Prints a line per plan and per repeat; writes qualify.json and detection.md to the report directory.",
                "Exit status 0 when every plan is detected and every repeat is clean, 1 otherwise, 2 for a usage or"
                        + " file error."})
public final class QualifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Suite files or directories (default: suites/catalogue).")
    List<Path> paths;

    @Option(names = "--faults", paramLabel = "DIR", defaultValue = "fixtures/faults",
            description = "A directory of fault plans (every *.yaml in it) or one plan (default: ${DEFAULT-VALUE}).")
    Path faults;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20",
            description = "Runs on the fault-free module after the plans; 0: none (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--tags", paramLabel = "EXPR", defaultValue = "!slow",
            description = "JUnit Platform tag expression selecting cases (default: ${DEFAULT-VALUE}; 'any()' for all).")
    String tags;

    @Mixin
    ReportOption report = new ReportOption(Path.of("reports", "qualify"));

    @Option(names = "--all-cases",
            description = "Run every selected case for every plan (default: a plan's run stops at the case that"
                    + " detects it).")
    boolean allCases;

    @Option(names = "--update-doc", paramLabel = "FILE",
            description = "Also put the table into FILE between <!-- qualify:begin --> and <!-- qualify:end -->"
                    + " (e.g. docs/detection.md).")
    Path updateDoc;

    @Mixin
    ProfileOption profile = new ProfileOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    public QualifyCommand() {
        this(System.out, System.err);
    }

    QualifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet();
        if (repeat < 0) {
            return usage("--repeat must be 0 or more, found " + repeat);
        }
        TagSelection.Parsed selection = TagSelection.parse(tags);
        if (selection.error().isPresent()) {
            return usage(selection.error().get());
        }
        PlanFile.Loaded loaded = PlanFile.load(faults);
        if (!loaded.errors().isEmpty()) {
            loaded.errors().forEach(err::println);
            return 2;
        }
        if (updateDoc != null) {
            try {
                Optional<String> p = QualifyReport.checkMarkers(updateDoc,
                        Files.readString(updateDoc, StandardCharsets.UTF_8));
                if (p.isPresent()) {
                    return usage(p.get());
                }
            } catch (IOException e) {
                return usage(updateDoc + ": cannot read: " + e.getMessage());
            }
        }
        List<Path> where = paths == null || paths.isEmpty() ? List.of(Path.of("suites", "catalogue")) : paths;
        Qualifier q = Qualifier.builder().suites(where).tags(selection.selection().orElseThrow())
                .plans(loaded.plans()).repeat(repeat).report(report.report).allCases(allCases).out(out)
                .options(b -> b.profile(profile.profile)).build();
        List<String> problems = q.check();
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return 2;
        }
        out.println("mipl-hil qualify: " + loaded.plans().size() + " fault plans from " + faults + ", then "
                + repeat + " runs on the fault-free module; suites " + where + ", tags '" + tags + "'");
        out.flush();
        Qualification result = q.run();
        String command = commandText();
        try {
            QualifyReport.write(result, report.report, command);
        } catch (IOException e) {
            err.println("mipl-hil qualify: cannot write the report to " + report.report + ": " + e.getMessage());
        }
        if (updateDoc != null) {
            QualifyReport.updateDocument(updateDoc, result, command).ifPresent(err::println);
        }
        out.println();
        out.println("plans detected: " + result.detected() + " of " + result.plans().size()
                + (result.repeats().isEmpty() ? "" : "; clean runs: " + result.cleanRepeats() + " of "
                + result.repeats().size()));
        out.println("summary: " + report.report.resolve("qualify.json") + ", table: "
                + report.report.resolve("detection.md"));
        out.println(result.ok() ? "RESULT: qualified" : "RESULT: NOT qualified");
        return result.exitCode();
    }

    /** The command as typed, for the generated table's "regenerate with" line. */
    private String commandText() {
        List<String> words = new ArrayList<>(List.of("./mipl-hil", "qualify"));
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
        err.println("mipl-hil qualify: " + message);
        return 2;
    }
}
