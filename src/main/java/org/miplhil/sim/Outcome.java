package org.miplhil.sim;

import java.time.Duration;
import java.util.List;

/** What a command comes to: a reply now, a reply later ({@link Deferred}), or nothing ({@link Silent}). */
sealed interface Outcome {

    /**
     * The reply to a command: information lines (written as one block), the final result line, and what to do
     * once the reply is out (hand work to the registrar only after the MCU saw OK, as a module does).
     */
    record Reply(List<String> info, String finalLine, Runnable after) implements Outcome {
        public Reply {
            info = List.copyOf(info);
        }

        static Reply ok() {
            return new Reply(List.of(), "OK", () -> {});
        }

        static Reply ok(String... info) {
            return new Reply(List.of(info), "OK", () -> {});
        }

        Reply then(Runnable next) {
            Runnable first = after;
            return new Reply(info, finalLine, () -> {
                first.run();
                next.run();
            });
        }
    }

    /**
     * The command finishes later ({@link MiplInterpreter.Host#completeDeferred}); after {@code timeout}, with {@code onTimeout}.
     * {@code before}: information lines of earlier commands on the same line, written first; {@code beforeAfter}
     * their consequences, run once the reply is out.
     */
    record Deferred(Duration timeout, Reply onTimeout, List<String> before, Runnable beforeAfter) implements Outcome {
        public Deferred {
            before = List.copyOf(before);
        }

        Deferred(Duration timeout, Reply onTimeout) {
            this(timeout, onTimeout, List.of(), () -> {});
        }
    }

    /** No reply at all (an empty command line). */
    record Silent() implements Outcome {}
}
