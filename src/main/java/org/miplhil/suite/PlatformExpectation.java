package org.miplhil.suite;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What the platform must have received, in an {@code expect-platform} step. */
public sealed interface PlatformExpectation {

    /** The step's word in a suite. */
    String word();

    /**
     * The answer to an earlier {@code platform} step: named by its {@code as}, or the latest one when {@code to} is
     * empty. {@code values} are keyed by path; an empty map checks no value.
     */
    record Response(Optional<String> to, Optional<ResponseCode> code, Map<LwM2mPath, TypedValue> values)
            implements PlatformExpectation {
        public Response {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        @Override
        public String word() {
            return "response";
        }
    }

    /**
     * A notification of an observed path ({@code AT+MIPLNOTIFY}, 3.3.15), with its values; with {@code count},
     * exactly that many such notifications by the end of the step's window (e.g. a duplicated datagram not counted
     * twice).
     */
    record Notification(LwM2mPath path, Map<LwM2mPath, TypedValue> values, java.util.OptionalInt count)
            implements PlatformExpectation {
        public Notification {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            count = count == null ? java.util.OptionalInt.empty() : count;
        }

        public Notification(LwM2mPath path, Map<LwM2mPath, TypedValue> values) {
            this(path, values, java.util.OptionalInt.empty());
        }

        @Override
        public String word() {
            return "notification";
        }
    }

    /** The device registered; optionally with this lifetime (seconds) and these object links ({@code /3311/0}). */
    record Registered(OptionalLong lifetime, List<LwM2mPath> objects) implements PlatformExpectation {
        public Registered {
            objects = List.copyOf(objects);
        }

        @Override
        public String word() {
            return "registered";
        }
    }

    /** The device updated its registration; optionally with this lifetime. */
    record Updated(OptionalLong lifetime) implements PlatformExpectation {
        @Override
        public String word() {
            return "updated";
        }
    }

    /** The device deregistered. */
    record Deregistered() implements PlatformExpectation {
        @Override
        public String word() {
            return "deregistered";
        }
    }

    /** A CoAP response code ({@code 2.05}, {@code 4.04}), or no answer at all before the platform gave up. */
    sealed interface ResponseCode {
        record Coap(int codeClass, int detail) implements ResponseCode {
            @Override
            public String toString() {
                return codeClass + "." + (detail < 10 ? "0" : "") + detail;
            }
        }

        record Timeout() implements ResponseCode {
            @Override
            public String toString() {
                return "timeout";
            }
        }
    }
}
