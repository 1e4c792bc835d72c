package org.miplhil.report;

import java.util.Optional;

/**
 * Who has to look at a failure. The category travels as a marker at the start of the failure
 * message ({@code [MODULE] ...}), so Allure's categories.json, the JUnit XML and the console all
 * group by it without a side channel.
 */
public enum FailureCategory {
    /** The module did not behave as the note says: wrong reply, late URC, bad value. Firmware people. */
    MODULE("Module did not behave", "the module's reply, timing or URCs differ from the note"),
    /** The lab broke: port missing, platform down, relay not answering. Lab people. */
    INFRASTRUCTURE("Infrastructure", "serial port, platform server, relay or rack: not the module"),
    /** A bug of the harness itself: an unexpected exception, a suite the executor cannot run. */
    HARNESS("Harness bug", "mipl-hil itself failed: an unexpected exception or an impossible state");

    private final String title;
    private final String description;

    FailureCategory(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The marker that starts a message of this category, e.g. {@code [MODULE]}. */
    public String marker() {
        return "[" + name() + "]";
    }

    /** {@code message} with this category's marker in front (once). */
    public String mark(String message) {
        String m = message == null ? "" : message;
        return m.startsWith(marker()) ? m : marker() + " " + m;
    }

    /** The category whose marker starts {@code message}, if any. Never throws. */
    public static Optional<FailureCategory> ofMarked(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String m = message.stripLeading();
        for (FailureCategory c : values()) {
            if (m.startsWith(c.marker())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** {@code message} without a leading category marker. */
    public static String unmarked(String message) {
        if (message == null) {
            return "";
        }
        String m = message.stripLeading();
        for (FailureCategory c : values()) {
            if (m.startsWith(c.marker())) {
                return m.substring(c.marker().length()).stripLeading();
            }
        }
        return message;
    }

    /** What a failure without an explicit category is taken to be: FAILED is the module's, BROKEN the harness's. */
    public static FailureCategory defaultFor(Status status) {
        return status == Status.FAILED ? MODULE : HARNESS;
    }
}
