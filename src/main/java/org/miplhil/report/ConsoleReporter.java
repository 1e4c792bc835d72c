package org.miplhil.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The console while a run goes: a line per case as it finishes (status, name, duration, the first
 * failure line), a "still running" line when a case takes long, and a summary table at the end.
 * ASCII only unless the terminal is known to be UTF-8; colour only on a terminal.
 */
public final class ConsoleReporter implements ReportSink {

    private final PrintStream out;
    private final boolean color;
    private final boolean ascii;
    private final Duration progressEvery;
    private final ReportClock clock;

    /** {@code [module] } before every line of a module of a fleet; empty for a run on one module. */
    private final String prefix;
    /** The fleet's count of finished cases, shared by its modules' reporters; null: this reporter's own. */
    private final java.util.concurrent.atomic.AtomicInteger fleetDone;
    private final int fleetPlanned;
    private final boolean summary;

    private int planned;
    private int done;
    private long caseStartNanos;
    private long lastOutputNanos;
    private CaseInfo running;

    private ConsoleReporter(Builder b) {
        this.out = b.out;
        this.color = b.color;
        this.ascii = b.ascii;
        this.progressEvery = b.progressEvery;
        this.clock = b.clock;
        this.prefix = b.module.isEmpty() ? "" : "[" + b.module + "] ";
        this.fleetDone = b.fleetDone;
        this.fleetPlanned = b.fleetPlanned;
        this.summary = b.summary;
        this.lastOutputNanos = clock.nanoTime();
    }

    public static Builder builder(PrintStream out) {
        return new Builder(out);
    }

    /**
     * For the process's standard output (the caller passes it): colour and UTF-8 only on a terminal that says it has
     * them.
     */
    public static ConsoleReporter forTerminal(PrintStream stdout) {
        boolean tty = System.console() != null;
        String term = Objects.requireNonNullElse(System.getenv("TERM"), "");
        boolean colour = tty && !term.isEmpty() && !term.equals("dumb") && System.getenv("NO_COLOR") == null;
        String locale = (Objects.requireNonNullElse(System.getenv("LC_ALL"), "")
                + Objects.requireNonNullElse(System.getenv("LC_CTYPE"), "")
                + Objects.requireNonNullElse(System.getenv("LANG"), "")).toUpperCase(Locale.ROOT);
        boolean utf8 = tty && (locale.contains("UTF-8") || locale.contains("UTF8"));
        return builder(stdout).color(colour).ascii(!utf8).build();
    }

    @Override
    public synchronized void runStarted(RunInfo run) {
        planned = run.plannedCases();
        done = 0;
        StringBuilder b = new StringBuilder("mipl-hil run");
        if (!run.target().isEmpty()) {
            b.append(" on ").append(run.target());
        }
        if (!run.profile().isEmpty()) {
            b.append(", profile ").append(run.profile());
        }
        if (planned > 0) {
            b.append(", ").append(planned).append(planned == 1 ? " case" : " cases");
        }
        line(safe(b.toString()));
    }

    @Override
    public synchronized void suiteStarted(SuiteInfo suite) {
        line(safe("== " + suite.name() + (suite.sourceFile().isEmpty() ? "" : " (" + suite.sourceFile() + ")")));
    }

    @Override
    public synchronized void caseStarted(SuiteInfo suite, CaseInfo info) {
        running = info;
        caseStartNanos = clock.nanoTime();
    }

    @Override
    public synchronized void stepStarted(SuiteInfo suite, CaseInfo info, String stepName) {
        long now = clock.nanoTime();
        if (info == null || running == null || progressEvery.isZero()) {
            return;
        }
        long quiet = now - lastOutputNanos;
        long inCase = now - caseStartNanos;
        if (quiet >= progressEvery.toNanos() && inCase >= progressEvery.toNanos()) {
            line(safe("   ... still running: " + info.name() + " (" + Measurement.formatMillis(inCase / 1e6)
                    + "), step: " + stepName));
        }
    }

    @Override
    public synchronized void caseFinished(SuiteInfo suite, CaseResult c) {
        done++;
        running = null;
        int n = fleetDone == null ? done : fleetDone.incrementAndGet();
        int of = fleetDone == null ? planned : fleetPlanned;
        String counter = of > 0
                ? String.format(Locale.ROOT, "[%" + Integer.toString(of).length() + "d/%d] ", n, of)
                : String.format(Locale.ROOT, "[%d] ", n);
        String status = String.format(Locale.ROOT, "%-7s", word(c.status()));
        line(counter + paint(c.status(), status) + " " + safe(suite.name() + " / " + c.info().name() + "  ("
                + Measurement.formatMillis(c.duration().toNanos() / 1e6) + ")"));
        if (c.failure() != null && c.status() != Status.PASSED) {
            String first = c.status() == Status.SKIPPED ? c.failure().message().lines().findFirst().orElse("")
                    : c.failure().firstLine();
            if (!first.isBlank()) {
                line(" ".repeat(counter.length()) + "  " + safe(first));
            }
        }
    }

    @Override
    public synchronized void suiteFinished(SuiteResult suite) {
        for (FixtureResult f : new FixtureResult[] {suite.setup(), suite.teardown()}) {
            if (f != null && f.status().isProblem()) {
                line(paint(f.status(), word(f.status())) + " " + safe(suite.info().name() + " " + f.name()
                        + (f.failure() == null ? "" : ": " + f.failure().firstLine())));
            }
        }
    }

    @Override
    public synchronized void runFinished(RunResult run) {
        if (!summary) {
            return; // a module of a fleet: the fleet prints one summary for all
        }
        for (String l : summary(run)) {
            line(l);
        }
    }

    /** The summary table: a row per suite, then the total and the failures by category (printable as is). */
    public List<String> summary(RunResult run) {
        return summary(run, "suite");
    }

    /** The same with the rows named by {@code rowHeading}: a fleet's summary has a row per module. */
    public List<String> summary(RunResult run, String rowHeading) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {rowHeading, "passed", "failed", "broken", "skipped", "duration"});
        for (SuiteResult s : run.suites()) {
            rows.add(row(safe(s.info().name()), s.count(Status.PASSED), s.count(Status.FAILED), s.count(Status.BROKEN),
                    s.count(Status.SKIPPED), s.duration()));
        }
        String[] total = row("total", run.count(Status.PASSED), run.count(Status.FAILED), run.count(Status.BROKEN),
                run.count(Status.SKIPPED), run.duration());
        int[] w = new int[6];
        for (String[] r : rows) {
            widen(w, r);
        }
        widen(w, total);
        List<String> out = new ArrayList<>();
        out.add("");
        out.add("Summary");
        out.add(format(rows.get(0), w));
        out.add(rule(w));
        for (int i = 1; i < rows.size(); i++) {
            out.add(format(rows.get(i), w));
        }
        out.add(rule(w));
        out.add(format(total, w));
        Map<FailureCategory, Integer> byCategory = new EnumMap<>(FailureCategory.class);
        for (SuiteResult s : run.suites()) {
            for (CaseResult c : s.cases()) {
                if (c.status().isProblem()) {
                    FailureCategory cat = c.failure() == null ? FailureCategory.defaultFor(c.status()) : c.failure().category();
                    byCategory.merge(cat, 1, Integer::sum);
                }
            }
        }
        if (!byCategory.isEmpty()) {
            StringBuilder b = new StringBuilder("problems by category:");
            byCategory.forEach((k, v) -> b.append(' ').append(k.name()).append(' ').append(v));
            out.add(b.toString());
        }
        out.add(run.allPassed() ? "RESULT: all " + run.total() + " cases passed"
                + (run.count(Status.SKIPPED) > 0 ? " (" + run.count(Status.SKIPPED) + " skipped)" : "")
                : "RESULT: " + (run.count(Status.FAILED) + run.count(Status.BROKEN)) + " of " + run.total()
                + " cases did not pass");
        return out;
    }

    private static String[] row(String name, long p, long f, long b, long s, Duration d) {
        return new String[] {name, Long.toString(p), Long.toString(f), Long.toString(b), Long.toString(s),
                Measurement.formatMillis(d.toNanos() / 1e6)};
    }

    private static void widen(int[] w, String[] r) {
        for (int i = 0; i < r.length; i++) {
            w[i] = Math.max(w[i], r[i].length());
        }
    }

    private static String format(String[] r, int[] w) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + w[0] + "s", r[0]));
        for (int i = 1; i < r.length; i++) {
            b.append("  ").append(String.format(Locale.ROOT, "%" + w[i] + "s", r[i]));
        }
        return b.toString();
    }

    private static String rule(int[] w) {
        StringBuilder b = new StringBuilder("-".repeat(w[0]));
        for (int i = 1; i < w.length; i++) {
            b.append("  ").append("-".repeat(w[i]));
        }
        return b.toString();
    }

    private static String word(Status s) {
        return switch (s) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case BROKEN -> "BROKEN";
            case SKIPPED -> "SKIP";
        };
    }

    private String paint(Status s, String text) {
        if (!color) {
            return text;
        }
        String code = switch (s) {
            case PASSED -> "32";
            case FAILED -> "31";
            case BROKEN -> "33";
            case SKIPPED -> "90";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    /** Text from outside (names, messages, module output): no control characters, ASCII if asked. */
    private String safe(String s) {
        return ascii ? asciiSafe(s) : controlsEscaped(s);
    }

    /** Prints a line whose outside parts went through {@link #safe}; colour codes are ours. */
    private void line(String s) {
        out.println(prefix + s);
        out.flush();
        lastOutputNanos = clock.nanoTime();
    }

    /** Non-ASCII as {@code \\uXXXX}, control characters (escape included) as {@code \\xNN}. */
    static String asciiSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                b.append("  ");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02X", (int) c));
            } else if (c > 0x7e) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String controlsEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(c == '\t' ? "  " : String.format("\\x%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Colour, ASCII-only, how often a long case says it is still running, and a clock for tests. */
    public static final class Builder {
        private final PrintStream out;
        private boolean color;
        private boolean ascii = true;
        private Duration progressEvery = Duration.ofSeconds(15);
        private ReportClock clock = ReportClock.SYSTEM;
        private String module = "";
        private java.util.concurrent.atomic.AtomicInteger fleetDone;
        private int fleetPlanned;
        private boolean summary = true;

        private Builder(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
        }

        public Builder color(boolean color) {
            this.color = color;
            return this;
        }

        public Builder ascii(boolean ascii) {
            this.ascii = ascii;
            return this;
        }

        /** Zero turns the "still running" lines off. */
        public Builder progressEvery(Duration every) {
            this.progressEvery = Objects.requireNonNull(every, "every");
            return this;
        }

        public Builder clock(ReportClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A module of a fleet: its lines start with {@code [module]}, the case counter is the fleet's ({@code done}
         * shared by the modules' reporters, out of {@code planned}), and the fleet prints the summary.
         */
        public Builder fleetModule(String module, java.util.concurrent.atomic.AtomicInteger done, int planned) {
            this.module = Objects.requireNonNull(module, "module");
            this.fleetDone = Objects.requireNonNull(done, "done");
            this.fleetPlanned = planned;
            this.summary = false;
            return this;
        }

        /** Copies colour, ASCII and progress settings of another builder's product (the terminal's). */
        public Builder like(ConsoleReporter other) {
            this.color = other.color;
            this.ascii = other.ascii;
            this.progressEvery = other.progressEvery;
            this.clock = other.clock;
            return this;
        }

        public ConsoleReporter build() {
            return new ConsoleReporter(this);
        }
    }
}
