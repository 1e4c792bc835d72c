package org.miplhil.suite.run;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.LockSupport;
import org.miplhil.at.AtLine;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.LinkClosedException;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.UnexpectedUrc;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.dut.state.ModuleStrategy;
import org.miplhil.dut.state.PowerControl;
import org.miplhil.dut.state.RegistrationTarget;
import org.miplhil.objects.ObjectDef;
import org.miplhil.platform.Device;
import org.miplhil.platform.Platform;
import org.miplhil.report.EventKind;
import org.miplhil.report.RunListener;
import org.miplhil.suite.Template;
import org.miplhil.suite.TextMatch;
import org.miplhil.yaml.Durations;

/**
 * What every step family of a case shares: the module and its session, the platform, the MCU application, the
 * report, the case's variables and its {@link CaseCursor}, and whether the module may hold an instance the case
 * created. Built once per case by {@link CaseExecutor}.
 */
final class CaseContext {

    private final ModuleUnderTest module;
    private final Platform platform;
    private final PlatformWatch watch;
    private final RunListener rec;
    private final ExecutorService background;
    private final Optional<McuApplication> mcu;
    private final Map<String, String> vars;
    private final CaseCursor cursor;
    private final long originNanos = System.nanoTime();
    private final List<ObjectDef> objects;
    /** Where the module is: one strategy for the whole case (its setup, recovery, the runner's clean-up). */
    private final ModuleStrategy strategy;
    private final AutoCloseable followingRestarts;

    CaseContext(ModuleUnderTest module, Platform platform, PlatformWatch watch, RunListener rec,
                ExecutorService background, Optional<McuApplication> mcu, Map<String, String> variables,
                List<ObjectDef> objects) {
        this.module = module;
        this.platform = platform;
        this.watch = watch;
        this.rec = rec;
        this.background = background;
        this.mcu = mcu;
        this.vars = new HashMap<>(variables);
        this.cursor = new CaseCursor(module.session().journal().size(), originNanos, platform.notifications().size(),
                platform.events().size());
        this.objects = List.copyOf(objects);
        // the runner leaves every case's module powered, attached, closed and deleted (SuiteRunner.cleanUp)
        this.strategy = new ModuleStrategy(module.session(), RegistrationTarget.of(List.of()).withoutSleepChange(),
                module.supply().map(s -> PowerControl.of(s::on, s::off, s.describe())), ModuleState.ATTACHED);
        this.followingRestarts = strategy.followRestarts();
    }

    ModuleUnderTest module() {
        return module;
    }

    ModuleSession session() {
        return module.session();
    }

    Platform platform() {
        return platform;
    }

    PlatformWatch watch() {
        return watch;
    }

    RunListener rec() {
        return rec;
    }

    ExecutorService background() {
        return background;
    }

    Optional<McuApplication> mcu() {
        return mcu;
    }

    /** The case's variables and captures (mutable: captures are added as steps match). */
    Map<String, String> vars() {
        return vars;
    }

    CaseCursor cursor() {
        return cursor;
    }

    /** The case's start on the links' clock. */
    long originNanos() {
        return originNanos;
    }

    /** The journal's size now: the index the next line gets. */
    int journalSize() {
        return module.session().journal().size();
    }

    /** The suite's object models (the {@code AT+MIPLADDOBJ} of a {@code state} step). */
    List<ObjectDef> objects() {
        return objects;
    }

    /** The case's module strategy: the state the module is in, as far as the case's steps know. */
    ModuleStrategy strategy() {
        return strategy;
    }

    /** The case is over: a restart no longer concerns its strategy. */
    void stopFollowingRestarts() {
        try {
            followingRestarts.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop following restarts", e);
        }
    }

    /** Whether the module may hold an instance (so that the end of the case deletes it): created or registered. */
    boolean instanceMayExist() {
        return strategy.state().compareTo(ModuleState.CREATED) >= 0;
    }

    /**
     * A command of the case's own created an instance ({@code AT+MIPLCREATE} answered OK) or deleted it: the
     * strategy takes the module as created, or as attached again.
     */
    void instanceMayExist(boolean may) {
        boolean now = instanceMayExist();
        if (may && !now) {
            strategy.assume(ModuleState.CREATED);
        } else if (!may && now) {
            strategy.assume(ModuleState.ATTACHED);
        }
    }

    /** The device's endpoint at the platform: as it registered, else the one it would register with. */
    String endpoint() {
        return platform.deviceByImei(module.imei()).map(Device::endpoint).orElse(module.imei() + ";" + module.imsi());
    }

    // ---------------------------------------------------------------- helpers of every family

    String render(Template t, String what) {
        Template.Rendered r = t.render(vars);
        if (r.text().isEmpty()) {
            throw StepFailed.harness(what + " '" + t.source() + "' uses ${" + r.missing().orElse("?")
                    + "}, which has no value at this point");
        }
        return r.text().get();
    }

    /** A deadline measurement; something that was there before the clock started counts as 0. */
    void deadline(String name, long start, Duration limit, Long arrived) {
        rec.deadline(name, start, limit, arrived == null ? null : Math.max(arrived, start));
    }

    /** Copies of request URCs (a retransmitted request shown again) are not matched; see {@link SkipCopies}. */
    SkipCopies copiesBefore(Cursor from) {
        return new SkipCopies(module.session().journal().entries(cursor.start(), from.index()));
    }

    /** Runs {@code body} as a report step of its own inside the current one; a failure ends both. */
    void subStep(String name, Map<String, Object> params, Runnable body) {
        rec.stepStarted(name, params);
        try {
            body.run();
            emitTimeline();
            rec.stepPassed();
        } catch (RuntimeException | AssertionError e) {
            StepFailed f = classify(e);
            emitTimeline();
            rec.stepFinished(f.status(), f.failure());
            throw f;
        }
    }

    /** Puts the journal's new lines on the case's timeline, stamped with the link's arrival times. */
    void emitTimeline() {
        int size = journalSize();
        if (size <= cursor.timelineMark()) {
            return;
        }
        for (JournalEntry e : module.session().journal().entries(cursor.timelineMark(), size)) {
            if (e instanceof JournalEntry.Sent s) {
                rec.event(s.nanoTime(), EventKind.COMMAND, s.text());
            } else if (e instanceof JournalEntry.Received r) {
                AtLine line = r.line();
                if (line instanceof AtLine.Urc) {
                    rec.event(r.nanoTime(), EventKind.URC, r.text());
                } else if (line instanceof AtLine.FinalResult) {
                    rec.event(r.nanoTime(), EventKind.FINAL_RESULT, r.text());
                } else if (line instanceof AtLine.Information) {
                    rec.event(r.nanoTime(), EventKind.INFORMATION, r.text());
                } else if (line instanceof AtLine.Noise n) {
                    rec.event(r.nanoTime(), EventKind.NOISE, r.text(), n.reason());
                }
                // an echo repeats the command already on the timeline
            }
        }
        cursor.onTimelineUpTo(size);
    }

    /** Turns what the session and friends throw into a step outcome with its category. */
    static StepFailed classify(Throwable e) {
        if (e instanceof StepFailed f) {
            return f;
        }
        if (e instanceof DeadlineExceeded || e instanceof UnexpectedUrc) {
            return StepFailed.module(e.getMessage());
        }
        if (e instanceof LinkClosedException) {
            return StepFailed.infrastructure("the port closed: " + e.getMessage());
        }
        if (e instanceof UncheckedIOException) {
            return StepFailed.infrastructure("the port failed: " + e.getMessage());
        }
        return StepFailed.harness(e);
    }

    /** A deliberate pause (a late answer, a wait step): nothing is awaited, the time itself is the point. */
    static void pauseUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw StepFailed.harness("interrupted during a pause");
            }
        }
    }

    /**
     * What was expected, as the suite wrote it and, where a template's values are known, as the line it stands for:
     * {@code +CIS ERROR: 652 (+CIS ERROR: ${profile.errors.open.lifetime-range})}.
     */
    static String describe(List<TextMatch> matches, Map<String, String> vars) {
        return String.join(" | ", matches.stream().map(m -> {
            if (m instanceof TextMatch.Exact e) {
                return e.text().render(vars).text().filter(t -> !t.equals(m.source()))
                        .map(t -> t + " (" + m.source() + ")").orElse(m.source());
            }
            return m.source();
        }).toList());
    }

    static String millis(Duration d) {
        return Durations.format(d);
    }
}
