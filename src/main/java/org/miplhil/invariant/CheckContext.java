package org.miplhil.invariant;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.miplhil.at.RequestType;

/**
 * What the checker knows of a case beyond its journal.
 *
 * @param originNanos       {@link System#nanoTime()} of the case's start: lines are timed from it
 * @param stepsEndIndex     the journal index where the case's steps ended (teardown and clean-up follow)
 * @param answerer          who answers a kind of request at a journal index
 * @param powerCutNanos     when the case cut the module's power ({@code power: off / cycle}): requests end there
 * @param networkDuplicates the network between module and platform duplicates datagrams: a request's copies may
 *                          come any time apart
 * @param answerWindow      the TE's window to answer a request (5.1-5.6: 10 s)
 * @param optOut            the rules the case deliberately breaks
 * @param upgrade           the case runs a firmware upgrade (a {@code fota} or {@code expect-fota} step, or the tag
 *                          {@code fota}): the lines of 6.1's download and upgrade phases may come
 */
public record CheckContext(long originNanos, int stepsEndIndex, BiFunction<RequestType, Integer, Answerer> answerer,
                           List<Long> powerCutNanos, boolean networkDuplicates, Duration answerWindow,
                           InvariantOptOut optOut, boolean upgrade) {

    /** Who answers a request URC of one kind at one point of the case. */
    public enum Answerer {
        /** The case's own {@code answer} steps ({@code mcu: off}): the runner checks those itself. */
        STEPS,
        /** The MCU application at once ({@code mcu: auto}): it must answer. */
        MCU,
        /** Nobody on purpose ({@code mcu: never / late}): the request may expire. */
        NOBODY
    }

    /** 5.1-5.6: "TE 应在 10 秒内 ... 响应请求". */
    public static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);

    public CheckContext {
        powerCutNanos = List.copyOf(powerCutNanos);
        optOut = optOut == null ? InvariantOptOut.NONE : optOut;
    }

    /** For tests and transcripts: the case starts at {@code originNanos}, the MCU answers everything. */
    public static CheckContext of(long originNanos) {
        return new CheckContext(originNanos, Integer.MAX_VALUE, (k, i) -> Answerer.MCU, List.of(), false,
                ANSWER_WINDOW, InvariantOptOut.NONE, false);
    }

    public CheckContext withStepsEnd(int index) {
        return new CheckContext(originNanos, index, answerer, powerCutNanos, networkDuplicates, answerWindow,
                optOut, upgrade);
    }

    public CheckContext withAnswerer(BiFunction<RequestType, Integer, Answerer> a) {
        return new CheckContext(originNanos, stepsEndIndex, a, powerCutNanos, networkDuplicates, answerWindow,
                optOut, upgrade);
    }

    public CheckContext withNetworkDuplicates(boolean d) {
        return new CheckContext(originNanos, stepsEndIndex, answerer, powerCutNanos, d, answerWindow, optOut, upgrade);
    }

    public CheckContext withPowerCuts(List<Long> cuts) {
        return new CheckContext(originNanos, stepsEndIndex, answerer, cuts, networkDuplicates, answerWindow,
                optOut, upgrade);
    }

    public CheckContext withOptOut(InvariantOptOut o) {
        return new CheckContext(originNanos, stepsEndIndex, answerer, powerCutNanos, networkDuplicates, answerWindow,
                o, upgrade);
    }

    public CheckContext withUpgrade(boolean u) {
        return new CheckContext(originNanos, stepsEndIndex, answerer, powerCutNanos, networkDuplicates, answerWindow,
                optOut, u);
    }

    InvariantViolation.Line line(org.miplhil.dut.JournalEntry e) {
        return new InvariantViolation.Line(e.index(), e.nanoTime() - originNanos, e.text());
    }
}
