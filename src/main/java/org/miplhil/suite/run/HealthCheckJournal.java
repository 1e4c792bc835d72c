package org.miplhil.suite.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miplhil.at.AtLine;
import org.miplhil.dut.JournalEntry;
import org.miplhil.invariant.CheckContext;
import org.miplhil.invariant.InvariantChecker;
import org.miplhil.invariant.InvariantViolation;

/**
 * What the health check's own exchange must show besides its checks passing, read from its journal: the note's
 * rules every case keeps ({@link InvariantChecker}), and, on a module seen starting in this session ({@code RDY}),
 * one final result for every command — a ready module answers each command once (V.250 5.7.1), so a reply it
 * dropped or doubled shows even when the check's own retries of {@code AT} and {@code AT+CEREG?} went past it.
 * Before {@code RDY} (a module found running, perhaps asleep) a lost first {@code AT} is what waking it looks like,
 * and only the invariants apply. Pure: entries in, problems out.
 */
final class HealthCheckJournal {

    /** The power-up line of 7.10.6 that says the module is ready for commands. */
    static final String READY_LINE = "RDY";

    private HealthCheckJournal() {
    }

    /**
     * The problems of the check's lines.
     *
     * @param before      the session's lines before the check (where {@code RDY} is looked for)
     * @param check       the check's lines
     * @param originNanos the check's start, for the times in messages
     */
    static List<String> problems(List<JournalEntry> before, List<JournalEntry> check, long originNanos) {
        List<String> out = new ArrayList<>();
        for (InvariantViolation v : InvariantChecker.check(check, CheckContext.of(originNanos))) {
            out.add(v.message());
        }
        if (readySeen(before)) {
            unansweredOrWrong(check).ifPresent(out::add);
        }
        return out;
    }

    /** Whether the module printed RDY before the check with no command after it failing to be answered since. */
    static boolean readySeen(List<JournalEntry> before) {
        return before.stream().anyMatch(e -> e instanceof JournalEntry.Received r && r.text().equals(READY_LINE));
    }

    /**
     * Commands and final results paired in order: a command left without one, or an {@code AT} answered with
     * anything but {@code OK}.
     */
    static Optional<String> unansweredOrWrong(List<JournalEntry> check) {
        List<JournalEntry.Sent> pending = new ArrayList<>();
        for (JournalEntry e : check) {
            if (e instanceof JournalEntry.Sent s) {
                pending.add(s);
            } else if (e instanceof JournalEntry.Received r && r.line() instanceof AtLine.FinalResult f
                    && !pending.isEmpty()) {
                JournalEntry.Sent answered = pending.remove(0);
                if (answered.text().equals("AT") && !f.isOk()) {
                    return Optional.of("AT answered " + r.text() + " (#" + r.index() + ") although the module had"
                            + " printed " + READY_LINE + ": a ready module answers AT with OK (V.250)");
                }
            }
        }
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        long commands = check.stream().filter(e -> e instanceof JournalEntry.Sent).count();
        return Optional.of("the health check sent " + commands + " commands after " + READY_LINE + " and got "
                + (commands - pending.size()) + " final results: a ready module answers every command once (V.250"
                + " 5.7.1); the transcript shows which went unanswered");
    }
}
