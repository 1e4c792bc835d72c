package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.miplhil.compare.CompareOutput;
import org.miplhil.compare.Comparer;
import org.miplhil.compare.Comparison;
import org.miplhil.compare.ResultsReader;
import org.miplhil.compare.RunResults;
import org.miplhil.compare.QualificationRules;
import org.miplhil.compare.RulesLoader;
import org.miplhil.compare.Verdict;
import org.miplhil.compare.VerdictJudge;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./mipl-hil compare BASELINE CANDIDATE}: two runs' report directories side by side. Exit 0 when nothing
 * regressed (with {@code --rules}: when qualified), 1 when a case is newly failing or a shift is flagged (with
 * {@code --rules}: not qualified), 2 on a usage or file error.
 */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {"Compare two runs (their report directories, each with results.json): verdict changes per case,"
                + " measurement shifts, behaviour differences in the transcripts, profile differences; with --rules"
                + " also the release verdict. See docs/qualification.md.",
                "Exit: 0 nothing regressed (or QUALIFIED), 1 a case newly failing or a shift flagged (or NOT"
                        + " QUALIFIED), 2 usage or file error."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "Report directory of the baseline run.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "Report directory of the candidate run.")
    Path candidate;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/compare",
            description = "Where compare.md/.html/.json, verdict.md/.html, index.html and allure-results go"
                    + " (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "30%",
            description = "Flag a measurement whose median is this much worse (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--min-change", paramLabel = "N", defaultValue = "10",
            description = "...and worse by at least this much in its unit (ms for deadlines; default: ${DEFAULT-VALUE}),"
                    + " so jitter of a few ms on a fast exchange is no shift.")
    double minChange;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Verdict rules (fixtures/qualification/release.yaml): writes verdict.md/.html, exit by the"
                    + " verdict.")
    Path rules;

    @Option(names = "--report", paramLabel = "REPORTDIR",
            description = "Also place the qualification page in REPORTDIR/qualification/index.html and its Allure"
                    + " results in REPORTDIR/allure-results.")
    Path report;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        Optional<Double> percent = percent(threshold);
        if (percent.isEmpty()) {
            err.println("mipl-hil compare: --threshold must be a percentage such as 30%, found '" + threshold + "'");
            return 2;
        }
        Optional<QualificationRules> loaded = Optional.empty();
        if (rules != null) {
            LoadResult<QualificationRules> r = RulesLoader.load(rules);
            if (r instanceof LoadResult.Invalid<QualificationRules> invalid) {
                invalid.problems().forEach(err::println);
                return 2;
            }
            loaded = Optional.of(((LoadResult.Ok<QualificationRules>) r).value());
        }
        RunResults b = ResultsReader.read(baseline);
        RunResults c = ResultsReader.read(candidate);
        if (ResultsReader.locate(baseline).isEmpty() || ResultsReader.locate(candidate).isEmpty()) {
            b.problems().forEach(p -> err.println("mipl-hil compare: " + p));
            c.problems().forEach(p -> err.println("mipl-hil compare: " + p));
            return 2;
        }
        b.problems().forEach(p -> err.println("warning: " + p));
        c.problems().forEach(p -> err.println("warning: " + p));
        Comparison cmp = new Comparer(percent.get(), minChange).compare(b, c);
        Optional<Verdict> verdict = loaded.map(r -> VerdictJudge.judge(r, cmp));
        try {
            CompareOutput.write(cmp, verdict, out);
            if (report != null) {
                Path q = report.resolve("qualification");
                CompareOutput.write(cmp, verdict, q);
                Path results = report.resolve("allure-results");
                Files.createDirectories(results);
                try (var files = Files.list(q.resolve("allure-results"))) {
                    for (Path f : files.toList()) {
                        Files.copy(f, results.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("mipl-hil compare: cannot write " + out + ": " + e.getMessage());
            return 2;
        }
        outw.println(summary(cmp));
        verdict.ifPresent(v -> outw.println("verdict: " + v.word() + " (" + v.rules().stream()
                .filter(r -> !r.passed()).count() + " of " + v.rules().size() + " rules failed)"));
        outw.println("compare: " + out.resolve("index.html").toAbsolutePath().normalize());
        outw.flush();
        if (verdict.isPresent()) {
            return verdict.get().qualified() ? 0 : 1;
        }
        return cmp.regressed() ? 1 : 0;
    }

    private static String summary(Comparison cmp) {
        return (cmp.regressed() ? "REGRESSED" : "no regression") + ": " + cmp.regressions().size()
                + " newly failing, " + cmp.cases().stream().filter(x -> x.change() == Comparison.Change.FIXED).count()
                + " fixed, " + cmp.flaggedShifts().size() + " shift(s) flagged of " + cmp.shifts().size() + ", "
                + cmp.behaviours().size() + " behaviour difference(s), " + cmp.profile().size()
                + " profile difference(s)";
    }

    static Optional<Double> percent(String s) {
        String t = s == null ? "" : s.strip();
        if (!t.matches("\\d+(\\.\\d+)?\\s*%?")) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(t.replace("%", "").strip()));
    }
}
