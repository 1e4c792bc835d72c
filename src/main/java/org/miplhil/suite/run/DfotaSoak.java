package org.miplhil.suite.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.miplhil.dut.JournalEntry;
import org.miplhil.report.RunListener;
import org.miplhil.report.Status;
import org.miplhil.sim.UrcEmission;
import org.miplhil.suite.Case;

/**
 * DFOTA runs in a row on one module, each with a cut at a random (seeded) point — or none — and the outcome 6.2
 * gives for it. Each run is a suite written out ({@code <report>/soak/run-NN.yaml}, runnable alone with
 * {@code ./mipl-hil run}) and run by the same executor as any suite. Beyond the suite's own checks, after every run:
 * no hang (the run has a deadline of its own on top of every step's), the transcript file holds every journal line,
 * and, on the virtual module, every URC the module wrote reached the journal in order.
 */
public final class DfotaSoak {

    /** Where a run cuts the power, and what 6.2 says follows. */
    public sealed interface Cut {
        String describe();

        /** No cut: the whole of 6.1 and 7.10.6; the campaign succeeds. */
        record None() implements Cut {
            public String describe() {
                return "no cut";
            }
        }

        /** While downloading (after event 40): back to idle, nothing reported; the campaign does not succeed. */
        record Downloading(Duration after) implements Cut {
            public String describe() {
                return "cut " + after.toMillis() + " ms into the download";
            }
        }

        /** Downloaded (after event 42), before the update: back to idle, nothing reported. */
        record Downloaded() implements Cut {
            public String describe() {
                return "cut once downloaded";
            }
        }

        /** At a progress of the update: the update goes on after power returns, END 0, then 48. */
        record Updating(int percent) implements Cut {
            public String describe() {
                return "cut at " + percent + " % of the update";
            }
        }

        /** Just after {@code +QIND: "FOTA","END",0}, before re-registering: the result is reported afterwards. */
        record AfterEnd() implements Cut {
            public String describe() {
                return "cut just after END, before re-registering";
            }
        }
    }

    /** One run's result. */
    public record Run(int number, Cut cut, Status status, String problem, Duration took, Path suiteFile) {}

    /** The soak's result: every run, and the exit status (0 when every run passed). */
    public record Result(long seed, List<Run> runs) {
        public long passed() {
            return runs.stream().filter(r -> r.status() == Status.PASSED).count();
        }

        public int exitCode() {
            return passed() == runs.size() ? 0 : 1;
        }
    }

    private final Settings settings;

    public DfotaSoak(Settings settings) {
        this.settings = settings;
    }

    /** The cut of a run: none, downloading, downloaded, updating or after END, with random details. */
    static Cut pick(Random random, Duration download) {
        return switch (random.nextInt(5)) {
            case 0 -> new Cut.None();
            case 1 -> new Cut.Downloading(Duration.ofMillis(random.nextInt((int) Math.max(1,
                    download.toMillis() * 3 / 4))));
            case 2 -> new Cut.Downloaded();
            case 3 -> new Cut.Updating(1 + random.nextInt(98));
            default -> new Cut.AfterEnd();
        };
    }

    /** Runs the soak, printing a line per run and the summary to {@code out}. */
    public Result run(RunListener rec, PrintStream out) throws IOException {
        Random random = new Random(settings.seed());
        Path dir = settings.report().resolve("soak");
        Files.createDirectories(dir);
        out.println("mipl-hil soak: " + settings.runs() + " DFOTA runs, seed " + settings.seed()
                + " (repeat with --seed " + settings.seed() + ")");
        List<Run> runs = new ArrayList<>();
        ExecutorService watchdog = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mipl-hil soak run");
            t.setDaemon(true);
            return t;
        });
        try (SuiteRunner runner = new SuiteRunner(settings.options(), rec)) {
            runner.runStarted(settings.runs(), java.util.Map.of("soak seed", Long.toString(settings.seed())));
            for (int i = 1; i <= settings.runs(); i++) {
                Cut cut = pick(random, settings.scenario().download());
                Path file = dir.resolve(String.format(Locale.ROOT, "run-%02d.yaml", i));
                Files.writeString(file, settings.scenario().suite(i, settings.runs(), cut), StandardCharsets.UTF_8);
                long start = System.nanoTime();
                Run run = runOne(runner, watchdog, i, cut, file);
                runs.add(run);
                out.printf(Locale.ROOT, "[%2d/%d] %-6s %-44s %6.1f s%s%n", i, settings.runs(), run.status().name(),
                        cut.describe(), (System.nanoTime() - start) / 1e9,
                        run.problem().isEmpty() ? "" : "\n        " + run.problem().replace("\n", "\n        "));
                if (run.problem().startsWith("hang")) {
                    break; // the module and the runner are in an unknown state: the rest would say nothing
                }
            }
            rec.runFinished();
        } finally {
            watchdog.shutdownNow();
        }
        Result result = new Result(settings.seed(), runs);
        out.printf(Locale.ROOT, "RESULT: %d of %d runs passed (seed %d)%n", result.passed(), settings.runs(),
                settings.seed());
        return result;
    }

    private Run runOne(SuiteRunner runner, ExecutorService watchdog, int i, Cut cut, Path file) {
        long start = System.nanoTime();
        RunPlan plan = RunPlan.load(List.of(file), settings.options(), TagSelection.all());
        if (!plan.ok()) {
            return new Run(i, cut, Status.BROKEN, "the generated suite is invalid: " + String.join("; ", plan.errors()),
                    Duration.ZERO, file);
        }
        RunPlan.SuitePlan suite = plan.suites().get(0);
        Case c = suite.cases().get(0);
        Future<SuiteRunner.CaseOutcome> f = watchdog.submit(() -> {
            runner.suiteStarted(suite, "");
            try {
                return runner.runCase(c);
            } finally {
                runner.suiteFinished();
            }
        });
        SuiteRunner.CaseOutcome outcome;
        try {
            outcome = f.get(settings.runDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Run(i, cut, Status.BROKEN, "hang: the run did not end within " + settings.runDeadline().toSeconds()
                    + " s although every step has a deadline", Duration.ofNanos(System.nanoTime() - start), file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(i, cut, Status.BROKEN, "interrupted", Duration.ofNanos(System.nanoTime() - start), file);
        } catch (ExecutionException e) {
            return new Run(i, cut, Status.BROKEN, "the runner failed: " + e.getCause(),
                    Duration.ofNanos(System.nanoTime() - start), file);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> problems = new ArrayList<>();
        outcome.failure().filter(x -> outcome.status() != Status.PASSED)
                .ifPresent(x -> problems.add(x.category().marker() + " " + x.message()));
        Optional<SuiteRunner.LastCase> last = runner.lastCase();
        if (last.isPresent()) {
            transcriptProblem(suite, c, last.get()).ifPresent(problems::add);
            runner.module().flatMap(ModuleUnderTest::virtual).ifPresent(vm ->
                    lostUrcs(vm.recentUrcs(), last.get()).ifPresent(problems::add));
        } else if (outcome.status() != Status.SKIPPED) {
            problems.add("the case left no journal");
        }
        Status status = problems.isEmpty() ? Status.PASSED
                : outcome.status() == Status.PASSED ? Status.FAILED : outcome.status();
        return new Run(i, cut, status, String.join("\n", problems), took, file);
    }

    /** The transcript file of the case holds every journal line, each as the journal has it, nothing more. */
    private Optional<String> transcriptProblem(RunPlan.SuitePlan suite, Case c, SuiteRunner.LastCase last) {
        Path file = settings.layout().transcript(new org.miplhil.report.SuiteInfo(suite.suite().name(),
                suite.suite().position().file(), ""), SuiteRunner.caseInfo(suite.suite(), c));
        String written;
        try {
            written = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.of("transcript file " + file + " cannot be read: " + e.getMessage());
        }
        return compareTranscript(written, last.transcript(), last.entries().size());
    }

    /** Line by line: the file against the journal's own rendering; the first difference, if any. */
    static Optional<String> compareTranscript(String file, String journal, int journalLines) {
        List<String> a = file.lines().toList();
        List<String> b = journal.lines().toList();
        if (b.size() != journalLines) {
            return Optional.of("the journal's transcript has " + b.size() + " lines for " + journalLines + " entries");
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return Optional.of("transcript line " + (i + 1) + " differs from the journal: '" + a.get(i) + "' vs '"
                        + b.get(i) + "'");
            }
        }
        if (a.size() != b.size()) {
            return Optional.of("the transcript file has " + a.size() + " lines, the journal " + b.size()
                    + (a.size() < b.size() ? "; first missing: '" + b.get(a.size()) + "'" : ""));
        }
        return Optional.empty();
    }

    /**
     * Every URC the virtual module wrote during the case is in the journal, in the order written (other lines may
     * come between); the first one missing, if any.
     */
    static Optional<String> lostUrcs(List<UrcEmission> written, SuiteRunner.LastCase last) {
        List<String> received = last.entries().stream().filter(e -> e instanceof JournalEntry.Received r && r.isUrc())
                .map(JournalEntry::text).toList();
        int at = 0;
        for (UrcEmission u : written) {
            if (u.writtenNanos() - last.startNanos() < 0 || u.writtenNanos() - last.endNanos() > 0) {
                continue;
            }
            int found = -1;
            for (int i = at; i < received.size(); i++) {
                if (received.get(i).equals(u.line())) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return Optional.of("the module wrote '" + u.line() + "' and the journal does not have it (after line "
                        + at + " of its URCs)");
            }
            at = found + 1;
        }
        return Optional.empty();
    }

    /** What a soak needs; {@link Scenario} writes each run's suite. */
    public record Settings(int runs, long seed, RunOptions options, org.miplhil.report.ReportLayout layout,
                           Scenario scenario, Duration runDeadline) {
        public Settings {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(scenario, "scenario");
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1");
            }
        }

        public Path report() {
            return layout.root();
        }
    }
}
