package org.miplhil.mutate;

import java.time.Duration;
import org.miplhil.at.EventId;
import org.miplhil.dut.state.RegistrationTarget;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The deadlines the delay families are measured against, each read where the harness keeps it (never a second
 * copy): the firmware profile's {@code mipl.*} entries (which cite the note) and the way up's
 * {@link RegistrationTarget.Deadlines}.
 *
 * @param command      chapter 3: every MIPL command's maximum response time, 5 s ({@code mipl.max-response-time},
 *                     doc:3.3.x "最大响应时间 5 秒"); the harness holds general commands to the same
 * @param registration 3.3.7: {@code <timeout>} of AT+MIPLOPEN, default 30 s ({@code mipl.timeout-default}): the
 *                     events of the way up (1 - 8) come within it
 * @param close        +MIPLEVENT: 0,15 after AT+MIPLCLOSE: the note gives no figure; the harness's
 *                     {@link RegistrationTarget.Deadlines#close()} (10 s)
 * @param urc          any other URC: the note's table 4 says the module reports a request "immediately" and gives
 *                     no figure; the longest wait it names besides registration is the TE's 10 s to answer a
 *                     request (5.1 - 5.6, {@code mipl.answer-window})
 * @param margin       how far past its deadline a delay-past mutant writes the line (kept small: the whole space
 *                     runs within an hour)
 * @param withinCommand pause of a control on a command's reply: well inside 5 s and inside every {@code within}
 *                     of the catalogue's steps (5 s or more)
 * @param withinUrc    pause of a control on a URC: inside every {@code within} of the catalogue's steps (5 s or
 *                     more) and short beside the TE's 10 s answer window, which the pause eats into for a request
 */
record MutantDeadlines(Duration command, Duration registration, Duration close, Duration urc, Duration margin,
                       Duration withinCommand, Duration withinUrc) {

    static final Duration MARGIN = Duration.ofSeconds(3);
    static final Duration WITHIN_COMMAND = Duration.ofSeconds(1);
    static final Duration WITHIN_URC = Duration.ofMillis(500);

    static MutantDeadlines of(FirmwareProfile profile) {
        var m = profile.mipl();
        return new MutantDeadlines(m.maxResponseTime(), Duration.ofSeconds(m.timeoutDefault()),
                RegistrationTarget.Deadlines.DEFAULT.close(), m.answerWindow(), MARGIN, WITHIN_COMMAND, WITHIN_URC);
    }

    /** The deadline of the subject's reply or line. */
    Duration deadline(Subject s) {
        if (s.on() == org.miplhil.sim.fault.Fault.On.COMMAND) {
            return command;
        }
        if (s instanceof Subject.Event e) {
            if (e.event().id() <= EventId.REG_TIMEOUT.id()) {
                return registration;
            }
            if (e.event() == EventId.DEREG_DONE) {
                return close;
            }
        }
        return urc;
    }

    /** Where the deadline comes from, for descriptions. */
    String source(Subject s) {
        if (s.on() == org.miplhil.sim.fault.Fault.On.COMMAND) {
            return s instanceof Subject.MiplForm f ? f.name().section() + ": maximum response time"
                    : "the harness's command deadline (chapter 3's 5 s)";
        }
        if (s instanceof Subject.Event e) {
            if (e.event().id() <= EventId.REG_TIMEOUT.id()) {
                return "3.3.7: the registration <timeout>";
            }
            if (e.event() == EventId.DEREG_DONE) {
                return "the harness's close deadline";
            }
        }
        return "5.1: the TE's answer window";
    }

    Duration past(Subject s) {
        return deadline(s).plus(margin);
    }

    Duration within(Subject s) {
        return s.on() == org.miplhil.sim.fault.Fault.On.COMMAND ? withinCommand : withinUrc;
    }
}
