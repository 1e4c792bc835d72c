package org.miplhil.dut.mcu;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link McuApplication} answers one kind of platform request (chapter 5: the MCU has 10 s from the end of
 * the URC).
 */
public sealed interface AnswerMode {

    /** 5.1–5.6: the MCU answers within 10 s of the URC having been fully output. */
    Duration ANSWER_WINDOW = Duration.ofSeconds(10);

    /** Answer from the object model {@code delay} after the URC (zero: at once). */
    record Auto(Duration delay) implements AnswerMode {
        public Auto {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
        }
    }

    /** Answer from the object model {@code delay} after the URC, past the 10 s window. */
    record Late(Duration delay) implements AnswerMode {
        public Late {
            Objects.requireNonNull(delay, "delay");
            if (delay.compareTo(ANSWER_WINDOW) <= 0) {
                throw new IllegalArgumentException("a late answer comes after the " + ANSWER_WINDOW.toSeconds()
                        + " s window (5.1-5.6): " + delay);
            }
        }
    }

    /** Never answer. */
    record Never() implements AnswerMode {}

    /** Do not answer: the test does ({@link McuApplication#answer} or its own command). */
    record Manual() implements AnswerMode {}

    static AnswerMode auto() {
        return new Auto(Duration.ZERO);
    }

    static AnswerMode auto(Duration delay) {
        return new Auto(delay);
    }

    /** One second past the window. */
    static AnswerMode late() {
        return new Late(ANSWER_WINDOW.plusSeconds(1));
    }

    static AnswerMode late(Duration delay) {
        return new Late(delay);
    }

    static AnswerMode never() {
        return new Never();
    }

    static AnswerMode manual() {
        return new Manual();
    }
}
