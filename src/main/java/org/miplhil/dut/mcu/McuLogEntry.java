package org.miplhil.dut.mcu;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.at.RequestType;
import org.miplhil.objects.ObjectPath;

/**
 * One thing the {@link McuApplication} did or deliberately did not do: the answer to a request, or a notification.
 *
 * @param request   the kind of request answered; empty for a notification
 * @param received  the URC lines the request came with (none for a notification)
 * @param mode      how the request was to be answered (empty for a notification)
 * @param sent      the commands sent, in order
 * @param replies   the final result of each command sent ({@code OK}, {@code +CIS ERROR: 652}, ...)
 * @param note      what the model said (the reason of a refusal, a write decoded from another format, ...)
 */
public record McuLogEntry(Instant at, Optional<RequestType> request, long msgId, ObjectPath path, List<String> received,
                          Optional<AnswerMode> mode, Outcome outcome, List<String> sent, List<String> replies,
                          String note) {

    public enum Outcome {
        /** every command sent was answered OK */
        ANSWERED,
        /** every part of a notification was answered OK */
        NOTIFIED,
        /** the module refused a command (ERROR or +CIS ERROR); later parts were not sent */
        REFUSED_BY_MODULE,
        /** no final result in time, or the link closed */
        SEND_FAILED,
        /** mode NEVER */
        NOT_ANSWERED,
        /** mode MANUAL: the test answers */
        LEFT_TO_TEST,
        /** the application was switched off */
        OFF,
        /** dropped at teardown before its delayed answer was due */
        CANCELLED,
        /**
         * a copy of a request received before (same msgId, kind and path): the module showed the server's
         * retransmission again; the request is answered once, as the first copy says
         */
        COPY
    }

    public McuLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(path, "path");
        received = List.copyOf(received);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outcome, "outcome");
        sent = List.copyOf(sent);
        replies = List.copyOf(replies);
        Objects.requireNonNull(note, "note");
    }

    /** One line for a report. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(at).append(' ')
                .append(request.map(Enum::name).orElse("NOTIFY")).append(' ').append(msgId).append(' ').append(path)
                .append(' ').append(outcome);
        mode.ifPresent(m -> b.append(" (").append(m).append(')'));
        for (int i = 0; i < sent.size(); i++) {
            b.append("\n    ").append(sent.get(i)).append(" -> ").append(i < replies.size() ? replies.get(i) : "(no reply)");
        }
        if (!note.isEmpty()) {
            b.append("\n    note: ").append(note);
        }
        return b.toString();
    }
}
