package org.miplhil.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * Why a step or case did not pass.
 *
 * @param category who has to look at it
 * @param message  the evidence, first line first (what was awaited, the deadline, what arrived); without marker
 * @param trace    longer detail (a stack trace, the tail of the transcript), or empty
 */
public record Failure(FailureCategory category, String message, String trace) {

    public Failure {
        Objects.requireNonNull(category, "category");
        message = FailureCategory.unmarked(message == null ? "" : message);
        trace = trace == null ? "" : trace;
    }

    public static Failure module(String message) {
        return new Failure(FailureCategory.MODULE, message, "");
    }

    public static Failure infrastructure(String message) {
        return new Failure(FailureCategory.INFRASTRUCTURE, message, "");
    }

    public static Failure harness(String message) {
        return new Failure(FailureCategory.HARNESS, message, "");
    }

    /**
     * A failure from a message that may carry a category marker; without one the category follows
     * the status ({@link FailureCategory#defaultFor}).
     */
    public static Failure parse(Status status, String message) {
        FailureCategory c = FailureCategory.ofMarked(message).orElse(FailureCategory.defaultFor(status));
        return new Failure(c, message, "");
    }

    /** A failure from an exception: its message and its stack trace. */
    public static Failure of(FailureCategory category, Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        String msg = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return new Failure(category, msg, sw.toString());
    }

    /** The message with its category marker, as Allure's categories.json matches it. */
    public String markedMessage() {
        return category.mark(message);
    }

    /** The first line of the marked message, for one-line summaries. */
    public String firstLine() {
        String m = markedMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
