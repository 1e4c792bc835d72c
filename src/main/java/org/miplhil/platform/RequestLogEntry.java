package org.miplhil.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * One CoAP request the platform (or its bootstrap server) sent and how it ended, for the report.
 *
 * @param server   {@code lwm2m} or {@code bootstrap}
 * @param method   {@code GET}, {@code PUT}, {@code POST}, {@code DELETE}; {@code GET+observe} / {@code GET+cancel}
 * @param uri      path and query, e.g. {@code /3311/0?pmin=2}
 * @param outcome  the response code ({@code 2.05 CONTENT}) or {@code timeout}, {@code cancelled},
 *                 {@code reset}, {@code send-error}
 * @param retransmissions CoAP retransmissions of the request
 */
public record RequestLogEntry(Instant sentAt, String server, String endpoint, String peer, String method,
                              String uri, String requestPayload, String outcome, String responsePayload,
                              Duration duration, int retransmissions) {

    /** One line for the console and the report. */
    public String describe() {
        return String.format("%s %s %s %s %s%s -> %s%s (%d ms%s)", sentAt, server, endpoint, method, uri,
                requestPayload.isEmpty() ? "" : " [" + requestPayload + "]", outcome,
                responsePayload.isEmpty() ? "" : " [" + responsePayload + "]", duration.toMillis(),
                retransmissions == 0 ? "" : ", " + retransmissions + " retransmissions");
    }
}
