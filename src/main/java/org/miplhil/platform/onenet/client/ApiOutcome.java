package org.miplhil.platform.onenet.client;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** What came back from one {@link ApiCall}: an answer in the API's shape, or why there is none. Never a secret. */
public sealed interface ApiOutcome {

    Instant sentAt();

    Duration elapsed();

    /** The API answered: its HTTP status, status number ({@code errno}: 0 = success), text and data (may be null node). */
    record Reply(int httpStatus, long errno, String error, JsonNode data, Instant sentAt, Duration elapsed)
            implements ApiOutcome {
        public Reply {
            error = error == null ? "" : error;
            data = data == null ? NullNode.getInstance() : data;
        }

        public boolean ok() {
            return errno == 0;
        }
    }

    /** Nothing usable came back: the HTTP exchange failed (refused, reset, timed out) — {@code message} says how. */
    record Unreachable(String message, Instant sentAt, Duration elapsed) implements ApiOutcome {
    }

    /** The call could not be made as configured (a credential or the product id missing): nothing was sent. */
    record Misconfigured(String message) implements ApiOutcome {
        @Override
        public Instant sentAt() {
            return Instant.now();
        }

        @Override
        public Duration elapsed() {
            return Duration.ZERO;
        }
    }

    /** An HTTP answer that is not the API's shape (not JSON, no status member): its status and a short excerpt. */
    record Unreadable(int httpStatus, String message, Instant sentAt, Duration elapsed) implements ApiOutcome {
    }
}
