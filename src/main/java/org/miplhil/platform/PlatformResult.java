package org.miplhil.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What came of one request to a device. Exactly one of: the device answered (with any code), no answer
 * before the deadline, the device is not registered, the request was invalid and not sent, or it failed
 * on the way (reset, send error, undecodable answer).
 */
public sealed interface PlatformResult {

    Operation operation();

    String endpoint();

    NodePath path();

    /** Time from sending to the outcome; zero when nothing was sent. */
    Duration elapsed();

    /** True only for an answer with a 2.xx code. */
    default boolean isSuccess() {
        return this instanceof Answered a && a.code().isSuccess();
    }

    /** One line for logs and assertion messages. */
    default String describe() {
        return operation() + " " + endpoint() + " " + path() + " → " + this;
    }

    /**
     * The device answered. {@code values} holds what a read, observe (initial value) answer carried;
     * {@code links} what a discover answer carried; {@code observationId} is set for a successful observe.
     */
    record Answered(Operation operation, String endpoint, NodePath path, CoapCode code,
                    List<ResourceData> values, List<DiscoveredLink> links, Optional<String> observationId,
                    String diagnostic, Instant sentAt, Duration elapsed) implements PlatformResult {
        public Answered {
            values = List.copyOf(values);
            links = List.copyOf(links);
            diagnostic = diagnostic == null ? "" : diagnostic;
        }

        /** The single value of a resource read, if there is exactly one. */
        public Optional<ResourceValue> singleValue() {
            return values.size() == 1 ? Optional.of(values.get(0).value()) : Optional.empty();
        }

        @Override
        public String toString() {
            return code + (diagnostic.isEmpty() ? "" : " (" + diagnostic + ")") + " values=" + values
                    + (links.isEmpty() ? "" : " links=" + links) + " in " + elapsed.toMillis() + " ms";
        }
    }

    /** No answer within {@code deadline}; the request was cancelled. */
    record TimedOut(Operation operation, String endpoint, NodePath path, Duration deadline, Instant sentAt,
                    Duration elapsed) implements PlatformResult {
        @Override
        public String toString() {
            return "no answer within " + deadline.toMillis() + " ms";
        }
    }

    /** The endpoint (or IMEI) names no registered device; nothing was sent. */
    record DeviceOffline(Operation operation, String endpoint, NodePath path) implements PlatformResult {
        @Override
        public Duration elapsed() {
            return Duration.ZERO;
        }

        @Override
        public String toString() {
            return "device not online";
        }
    }

    /** The request could not be built (path not valid for the operation, value of the wrong type…); nothing was sent. */
    record InvalidRequest(Operation operation, String endpoint, NodePath path, String reason)
            implements PlatformResult {
        @Override
        public Duration elapsed() {
            return Duration.ZERO;
        }

        @Override
        public String toString() {
            return "invalid request: " + reason;
        }
    }

    /** The request was sent but ended without a usable answer. */
    record Failed(Operation operation, String endpoint, NodePath path, Failure failure, String message,
                  Instant sentAt, Duration elapsed) implements PlatformResult {
        @Override
        public String toString() {
            return failure + ": " + message;
        }
    }

    enum Failure {
        /** The device answered with a CoAP reset. */
        RESET,
        /** The answer could not be decoded. */
        INVALID_RESPONSE,
        /** The request could not be sent (socket error). */
        SEND_FAILED,
        /** Cancelled, e.g. because the device re-registered or the platform stopped. */
        CANCELLED,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED,
        /** Anything else Leshan threw. */
        UNEXPECTED
    }
}
