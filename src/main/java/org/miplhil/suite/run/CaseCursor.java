package org.miplhil.suite.run;

import org.miplhil.dut.Cursor;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.Reply;
import org.miplhil.suite.Since;

/**
 * Where a case is, beside the session's own cursor: the positions in the module's journal that the suite format
 * defines between steps, and the positions in the platform's lists of notifications and device events. Every step
 * family moves it through these named operations only.
 *
 * <ul>
 *   <li>the latest action (a command, a platform request, a power switch, PSM_EINT): where the clock of
 *       {@code within} starts with {@code since: last-action}, and its name for the deadline's label;</li>
 *   <li>the match floor: the index after the latest URC an expectation matched (a URC is matched once);</li>
 *   <li>the step floor: the index after what the previous steps looked at ({@code since: step-start});</li>
 *   <li>the reply end: the index after the final result of the current step's latest command;</li>
 *   <li>the timeline mark: the index up to which the journal is on the case's timeline.</li>
 * </ul>
 * Used by the case's one thread.
 */
final class CaseCursor {

    /** The latest action: where it starts in the journal, when, and what it was (for deadline names). */
    private record Mark(int index, long nanos, String label) {}

    /** The floors a recovery saves and puts back: it does not consume what the case expects. */
    record Floors(int match, int notifications, int events) {}

    private final int start;
    private Mark lastAction;
    private int matchFloor;
    private int stepFloor;
    /** -1: the current step sent no command. */
    private int replyEnd = -1;
    private int timelineMark;
    private int notificationFloor;
    private int eventFloor;

    /**
     * A case starting at journal index {@code start}, now, with {@code notifications} notifications and
     * {@code events} device events at the platform already (they belong to earlier cases).
     */
    CaseCursor(int start, long nanos, int notifications, int events) {
        this.start = start;
        this.lastAction = new Mark(start, nanos, "case start");
        this.matchFloor = start;
        this.stepFloor = start;
        this.timelineMark = start;
        this.notificationFloor = notifications;
        this.eventFloor = events;
    }

    /** The journal index where the case starts. */
    int start() {
        return start;
    }

    // ---------------------------------------------------------------- steps and actions

    void stepStarted() {
        replyEnd = -1;
    }

    /**
     * The step is over: the next {@code step-start} wait begins after what it looked at. A URC read in the same
     * burst as a command's final result came after it, not before the next step.
     */
    void stepEnded(int journalSize) {
        stepFloor = replyEnd >= 0 ? replyEnd : journalSize;
    }

    /** A command got its final result: it is the latest action, and the step looked up to its final result. */
    void commandAnswered(Reply reply, String name) {
        lastAction = new Mark(reply.firstIndex(), reply.sentNanos(), name);
        replyEnd = reply.lastIndex() + 1;
    }

    /** Something was done to the module or the platform at {@code nanos}, the journal then at {@code index}. */
    void acted(int index, long nanos, String label) {
        lastAction = new Mark(index, nanos, label);
    }

    long lastActionNanos() {
        return lastAction.nanos();
    }

    String lastActionLabel() {
        return lastAction.label();
    }

    /** From the latest action on, both in the journal and in time (a recovery awaits the restart's lines there). */
    Cursor atLastAction() {
        return new Cursor(lastAction.index(), lastAction.nanos());
    }

    // ---------------------------------------------------------------- expectations

    /** An expectation matched this URC: the next one looks after it. */
    void matched(JournalEntry.Received urc) {
        matchFloor = Math.max(matchFloor, urc.index() + 1);
    }

    /**
     * Where a wait for something to arrive starts. {@code last-action}: the clock starts at the latest action, and
     * any line after the previous match counts, even one that came before that action (a module may print two
     * requests back to back, before the first is answered). {@code step-start}: the clock starts now and the lines
     * the previous steps looked at do not count: after a command, the lines up to its final result (a URC that came
     * in the same read as the OK is after it, though it was in the journal before this step began).
     */
    Cursor from(Since since) {
        if (since == Since.STEP_START) {
            return new Cursor(Math.max(stepFloor, matchFloor), System.nanoTime());
        }
        return new Cursor(matchFloor, lastAction.nanos());
    }

    /** The window of an {@code expect-no-urc}: from the latest action (or now), after the previous match. */
    Cursor window(Since since) {
        if (since == Since.STEP_START) {
            return new Cursor(Math.max(stepFloor, matchFloor), System.nanoTime());
        }
        return new Cursor(Math.max(lastAction.index(), matchFloor), lastAction.nanos());
    }

    /** A cut trigger: a line since the latest action and after the previous match, the clock starting now. */
    Cursor trigger() {
        return new Cursor(Math.max(lastAction.index(), matchFloor), System.nanoTime());
    }

    /** The start of a deadline's name: where its clock starts. */
    String label(Since since) {
        return since == Since.STEP_START ? "step start" : lastAction.label();
    }

    // ---------------------------------------------------------------- the platform's lists

    /** The index in the platform's notifications after the latest one an expectation matched. */
    int notificationFloor() {
        return notificationFloor;
    }

    void notificationMatched(int index) {
        notificationFloor = index + 1;
    }

    /** The index in the platform's device events after the latest one an expectation matched. */
    int eventFloor() {
        return eventFloor;
    }

    void eventMatched(int index) {
        eventFloor = index + 1;
    }

    Floors floors() {
        return new Floors(matchFloor, notificationFloor, eventFloor);
    }

    void restore(Floors floors) {
        matchFloor = floors.match();
        notificationFloor = floors.notifications();
        eventFloor = floors.events();
    }

    // ---------------------------------------------------------------- the timeline

    /** The journal index from which entries are not yet on the case's timeline. */
    int timelineMark() {
        return timelineMark;
    }

    void onTimelineUpTo(int size) {
        timelineMark = size;
    }
}
