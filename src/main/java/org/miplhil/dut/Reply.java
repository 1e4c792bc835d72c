package org.miplhil.dut;

import org.miplhil.at.AtLine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The module's answer to one command.
 *
 * @param command      the command line sent (without CR)
 * @param result       the final result line: OK, ERROR, +CIS ERROR: n, +CME ERROR: n
 * @param information  the information lines between the command and its final result (URCs excluded)
 * @param echoSeen     whether the module echoed the command (ATE1)
 * @param latency      arrival of the final result's last byte minus the end of the command's write
 * @param sentNanos    {@link System#nanoTime()} when the write of the command started
 * @param writtenNanos {@link System#nanoTime()} when the write of the command returned
 * @param firstIndex   journal index of the sent command
 * @param lastIndex    journal index of the final result
 */
public record Reply(String command, AtLine.FinalResult result, List<JournalEntry.Received> information,
                    boolean echoSeen, Duration latency, long sentNanos, long writtenNanos, int firstIndex,
                    int lastIndex) {

    public Reply {
        information = List.copyOf(information);
    }

    public boolean isOk() {
        return result.isOk();
    }

    public AtLine.FinalResult.Kind kind() {
        return result.kind();
    }

    /** The error code of {@code +CIS ERROR: n} / {@code +CME ERROR: n}. */
    public OptionalInt code() {
        return result.code();
    }

    /** The information lines' text. */
    public List<String> lines() {
        return information.stream().map(JournalEntry.Received::text).toList();
    }

    /** The first information line starting with {@code prefix}, e.g. {@code "+MIPLCREATE:"}. */
    public Optional<String> line(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix)).findFirst();
    }

    /** "Since the command was sent": from the command's journal entry, delays measured from the start of its write. */
    public Cursor cursor() {
        return new Cursor(firstIndex, sentNanos);
    }

    /** "After the final result". */
    public Cursor after() {
        return new Cursor(lastIndex + 1, result.raw().lastByteNanos());
    }

    @Override
    public String toString() {
        return command + " -> " + (information.isEmpty() ? "" : String.join(" | ", lines()) + " | ")
                + Classification.describe(result) + " in " + Transcript.offset(latency);
    }
}
