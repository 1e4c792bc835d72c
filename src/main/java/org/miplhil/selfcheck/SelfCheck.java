package org.miplhil.selfcheck;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.miplhil.report.AllureWriter;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.JUnitXmlWriter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.Status;
import org.miplhil.report.TranscriptWriter;
import org.miplhil.suite.Case;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.suite.run.Target;

/**
 * Runs the selected cases of the suites against the virtual module once per fault plan, then N times on the clean
 * module, through the same {@link SuiteRunner} as {@code ./mipl-hil run}. A plan is <em>detected</em> when a case
 * fails with a module failure whose message contains the plan's {@code detect} expression; a case that breaks
 * (harness, infrastructure) detects nothing. Each plan gets a fresh bench (platform and module) so that one plan's
 * leftovers cannot help the next; the repeats share one bench, as a long run of {@code ./mipl-hil run} does.
 */
public final class SelfCheck {

    private final List<Path> suites;
    private final TagSelection tags;
    private final List<PlanFile> plans;
    private final int repeat;
    private final Path report;
    private final boolean allCases;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SelfCheck.class);

    private final PrintStream out;
    private final Function<RunOptions.Builder, RunOptions.Builder> options;
    /** The repeats sharded over this many virtual modules; 0: one module. */
    private final int parallel;

    private SelfCheck(Builder b) {
        CatalogueRun run = b.settings();
        this.suites = run.suites();
        this.tags = run.tags();
        this.plans = run.plans();
        this.repeat = run.repeat();
        this.report = run.report();
        this.allCases = run.allCases();
        this.out = run.out();
        this.options = run.options();
        this.parallel = run.parallel();
    }

    /** A progress line: onto the caller's stream, or the log when the caller gave none. */
    private void say(String line) {
        if (out == null) {
            LOG.info(line);
            return;
        }
        out.println(line);
        out.flush();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the suites once (with the first plan, if any) before anything runs; the problems, as
     * {@code ./mipl-hil run} prints them, or none.
     */
    public List<String> check() {
        RunPlan p = RunPlan.load(suites, optionsFor(plans.isEmpty() ? null : plans.get(0)), tags);
        if (!p.ok()) {
            return p.errors();
        }
        if (p.caseCount() == 0) {
            return List.of("no case " + (tags.selectsAll() ? "in " + suites
                    : "matches the tag expression '" + tags.expression() + "'"));
        }
        return List.of();
    }

    public SelfCheckResult run() {
        Instant started = Instant.now();
        List<PlanVerdict> verdicts = new ArrayList<>();
        int i = 0;
        for (PlanFile plan : plans) {
            i++;
            PlanVerdict v = runPlan(plan);
            verdicts.add(v);
            say(planLine(i, plans.size(), v));
        }
        List<RepeatVerdict> repeats = runRepeats();
        return new SelfCheckResult(started, suites.toString(), tags.expression(), verdicts, repeats);
    }

    private RunOptions optionsFor(PlanFile plan) {
        RunOptions.Builder b = options.apply(RunOptions.builder().target(new Target.Sim()));
        if (plan != null) {
            b.simFaults(plan.file(), plan.plan());
        }
        return b.build();
    }

    private static RunRecorder recorder(Path dir) {
        ReportLayout layout = new ReportLayout(dir);
        return RunRecorder.builder()
                .sink(new TranscriptWriter(layout))
                .sink(new AllureWriter(layout.allureResults()))
                .sink(new JUnitXmlWriter(layout))
                .build();
    }

    private PlanVerdict runPlan(PlanFile plan) {
        long t0 = System.nanoTime();
        RunOptions opts = optionsFor(plan);
        RunPlan runPlan = RunPlan.load(suites, opts, tags);
        List<CaseProblem> problems = new ArrayList<>();
        Optional<CaseProblem> detecting = Optional.empty();
        int run = 0;
        RunRecorder rec = recorder(report.resolve("plans").resolve(plan.name()));
        try (SuiteRunner runner = new SuiteRunner(opts, rec)) {
            runner.runStarted(runPlan.suites(), runPlan.caseCount(), Map.of("selfcheck", "fault plan " + plan.file()));
            outer:
            for (RunPlan.SuitePlan s : runPlan.suites()) {
                runner.suiteStarted(s, "");
                for (Case c : s.cases()) {
                    SuiteRunner.CaseOutcome o = runner.runCase(c);
                    run++;
                    if (o.status().isProblem()) {
                        CaseProblem p = problem(s, c, o);
                        problems.add(p);
                        if (detecting.isEmpty() && detects(plan, o)) {
                            detecting = Optional.of(p);
                            if (!allCases) {
                                runner.suiteFinished();
                                break outer;
                            }
                        }
                    }
                }
                runner.suiteFinished();
            }
            rec.runFinished();
        }
        return new PlanVerdict(plan, problems, detecting, run, runPlan.caseCount(),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** A module failure (not a breakage) whose message contains the plan's expression. */
    static boolean detects(PlanFile plan, SuiteRunner.CaseOutcome o) {
        return o.status() == Status.FAILED && o.failure().isPresent()
                && o.failure().get().category() == FailureCategory.MODULE
                && plan.plan().detect().map(d -> d.matcher(o.failure().get().message()).find()).orElse(false);
    }

    private static CaseProblem problem(RunPlan.SuitePlan s, Case c, SuiteRunner.CaseOutcome o) {
        return new CaseProblem(s.suite().name(), c.name(), o.status(),
                o.failure().map(Failure::markedMessage).orElse(""));
    }

    private List<RepeatVerdict> runRepeats() {
        List<RepeatVerdict> verdicts = new ArrayList<>();
        if (repeat == 0) {
            return verdicts;
        }
        RunOptions opts = optionsFor(null);
        RunPlan runPlan = RunPlan.load(suites, opts, tags);
        if (parallel > 0) {
            for (int round = 1; round <= repeat; round++) {
                RepeatVerdict v = ParallelRepeats.run(runPlan, opts, parallel, report.resolve("repeats")
                        .resolve("run-" + round), round);
                verdicts.add(v);
                say(repeatLine(v, repeat));
            }
            return verdicts;
        }
        RunRecorder rec = recorder(report.resolve("repeats"));
        try (SuiteRunner runner = new SuiteRunner(opts, rec)) {
            runner.runStarted(runPlan.suites(), runPlan.caseCount() * repeat, Map.of("selfcheck", "clean module, " + repeat + " runs"));
            for (int round = 1; round <= repeat; round++) {
                long t0 = System.nanoTime();
                List<CaseProblem> problems = new ArrayList<>();
                int cases = 0;
                int skipped = 0;
                for (RunPlan.SuitePlan s : runPlan.suites()) {
                    runner.suiteStarted(s, " [run " + round + " of " + repeat + "]");
                    for (Case c : s.cases()) {
                        SuiteRunner.CaseOutcome o = runner.runCase(c);
                        cases++;
                        if (o.status() == Status.SKIPPED) {
                            skipped++;
                        } else if (o.status().isProblem()) {
                            problems.add(problem(s, c, o));
                        }
                    }
                    runner.suiteFinished();
                }
                RepeatVerdict v = new RepeatVerdict(round, cases, skipped, problems,
                        Duration.ofNanos(System.nanoTime() - t0));
                verdicts.add(v);
                say(repeatLine(v, repeat));
            }
            rec.runFinished();
        }
        return verdicts;
    }

    static String planLine(int i, int n, PlanVerdict v) {
        String head = String.format(Locale.ROOT, "[%" + width(n) + "d/%d] %-8s %s  (%s, %d of %d cases run, %d failed)",
                i, n, v.detected() ? "DETECTED" : "MISSED", v.plan().name(), seconds(v.took()), v.casesRun(),
                v.casesSelected(), v.problems().size());
        if (v.detecting().isPresent()) {
            CaseProblem p = v.detecting().get();
            return head + "\n          " + p.title() + "\n          " + excerpt(p.message(), v.plan());
        }
        StringBuilder b = new StringBuilder(head).append("\n          no failure message contains /")
                .append(v.plan().detect()).append('/');
        v.problems().stream().limit(3).forEach(p -> b.append("\n          ").append(p.title()).append(": ")
                .append(firstLine(p.message())));
        return b.toString();
    }

    static String repeatLine(RepeatVerdict v, int n) {
        String head = String.format(Locale.ROOT, "repeat %" + width(n) + "d/%d %-6s %d cases, %d skipped  (%s)",
                v.round(), n, v.clean() ? "CLEAN" : "FAILED", v.cases(), v.skipped(), seconds(v.took()));
        StringBuilder b = new StringBuilder(head);
        v.problems().forEach(p -> b.append("\n          ").append(p.status()).append(' ').append(p.title())
                .append(": ").append(firstLine(p.message())));
        return b.toString();
    }

    private static int width(int n) {
        return Integer.toString(n).length();
    }

    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * The part of a failure message that names the defect: its first line, and when the {@code detect} match is on
     * a later line (the evidence: the lines that arrived), that line too; each shortened around the match to about
     * 200 characters.
     */
    public static String excerpt(String message, PlanFile plan) {
        Matcher m = plan.plan().detect().map(d -> d.matcher(message)).orElse(null);
        String first = firstLine(message);
        if (m == null || !m.find()) {
            return shorten(first, 0, 0);
        }
        int lineStart = message.lastIndexOf('\n', m.start()) + 1;
        int lineEnd = message.indexOf('\n', m.start());
        String line = message.substring(lineStart, lineEnd < 0 ? message.length() : lineEnd);
        String shortLine = shorten(line, m.start() - lineStart, Math.min(line.length(), m.end() - lineStart));
        return lineStart == 0 ? shortLine : shorten(first, 0, 0) + " … " + shortLine.strip();
    }

    private static String shorten(String line, int matchStart, int matchEnd) {
        final int max = 200;
        if (line.length() <= max) {
            return line;
        }
        int from = Math.max(0, Math.min(matchStart - 60, line.length() - max));
        int to = Math.min(line.length(), Math.max(from + max, matchEnd));
        return (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
    }

    public static final class Builder extends CatalogueRun.Builder<Builder> {

        private Builder() {
            super(Path.of("reports", "mutate"));
        }

        @Override
        protected Builder self() {
            return this;
        }

        public SelfCheck build() {
            return new SelfCheck(this);
        }
    }
}
