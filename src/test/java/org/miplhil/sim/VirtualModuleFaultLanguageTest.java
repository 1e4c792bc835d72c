package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.miplhil.sim.VirtualModuleErrorTest.OBJ;
import static org.miplhil.sim.VirtualModuleErrorTest.created;
import static org.miplhil.sim.VirtualModuleErrorTest.ok;
import static org.miplhil.sim.VirtualModuleFaultTest.register;
import static org.miplhil.sim.VirtualModuleFaultTest.text;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault-plan keys of generated mutants (edit, emit, reply-matches, power-on) on a real pseudo-terminal. */
class VirtualModuleFaultLanguageTest {

    @Test
    void editChangesOneFieldOfAUrc() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,6$', action: edit, field: 2, value: '7', times: 1}
                """).start()) {
            int mark = t.mark();
            register(t); // up to +MIPLDISCOVER, which comes after the registration's event
            assertThat(t.linesSince(mark)).contains("+MIPLEVENT: 0,7").doesNotContain("+MIPLEVENT: 0,6");
            await().atMost(SimTerminal.DEADLINE).untilAsserted(() -> assertThat(t.module.recentUrcs())
                    .extracting(UrcEmission::line).contains("+MIPLEVENT: 0,7")
                    .doesNotContain("+MIPLEVENT: 0,6"));
        }
    }

    @Test
    void editChangesTheReplysFirstInformationLineOnly() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLVER\\?$', action: edit, field: 1, value: 9.9.9}
                  - {on: command, match: '^AT$', action: edit, field: 1, value: x}
                """).start()) {
            int raw = t.rawMark();
            assertThat(t.send("AT+MIPLVER?").lines()).containsExactly("+MIPLVER: 9.9.9", "OK");
            assertThat(text(t.rawSince(raw))).isEqualTo("\r\n+MIPLVER: 9.9.9\r\n\r\nOK\r\n");
            assertThat(t.send("AT").lines()).containsExactly("OK"); // no information line: unchanged
        }
    }

    @Test
    void emitSendsAnotherUrcAfterTheMatchingOne() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,15$', action: emit, value: '+MIPLEVENT: 0,15', after: 200ms}
                """).start()) {
            register(t);
            int mark = t.mark();
            ok(t, "AT+MIPLCLOSE=0");
            t.awaitLine("^\\+MIPLEVENT: 0,15$");
            t.awaitLine("^\\+MIPLEVENT: 0,15$");
            assertThat(t.linesSince(mark)).containsSubsequence("OK", "+MIPLEVENT: 0,15", "+MIPLEVENT: 0,15");
            await().atMost(SimTerminal.DEADLINE).untilAsserted(() -> assertThat(t.module.recentUrcs())
                    .extracting(UrcEmission::line)
                    .filteredOn("+MIPLEVENT: 0,15"::equals).hasSize(2));
        }
    }

    @Test
    void emitOnACommandFollowsTheUnchangedReply() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - on: command
                    match: '^AT\\+CFUN\\?$'
                    action: emit
                    value: |
                      +CEREG: 1
                      +MIPLEVENT: 0,1
                """).start()) {
            int raw = t.rawMark();
            t.write("AT+CFUN?\r");
            String expected = "\r\n+CFUN: 1\r\n\r\nOK\r\n\r\n+CEREG: 1\r\n\r\n+MIPLEVENT: 0,1\r\n";
            assertThat(text(t.awaitRaw(raw, expected.length(), SimTerminal.DEADLINE))).isEqualTo(expected);
            await().atMost(SimTerminal.DEADLINE).untilAsserted(() -> assertThat(t.module.recentUrcs())
                    .extracting(UrcEmission::line)
                    .containsSubsequence("+CEREG: 1", "+MIPLEVENT: 0,1"));
        }
    }

    @Test
    void replyMatchesAcceptsWhatMustBeRefusedAndSpendsNothingOnOtherReplies() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLOPEN=', reply-matches: 'ERROR', action: reply, value: OK, times: 1}
                  - {on: command, match: '^AT\\+MIPLCLOSE=', reply-matches: 'ERROR', action: reply, value: OK}
                """).start()) {
            created(t);
            ok(t, OBJ);
            // 3.3.7: a lifetime below 15 is a parameter error (652); the firmware answers OK
            assertThat(t.send("AT+MIPLOPEN=0,14").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLOPEN=0,14").lines()).containsExactly("+CIS ERROR: 652"); // times: 1
            // an OK reply is not what the fault waits for: it goes out as it is and spends nothing
            assertThat(t.send("AT+MIPLCLOSE=0").finalLine()).isEqualTo("OK"); // not open: refused, turned to OK
            ok(t, "AT+MIPLOPEN=0,86400");
            t.awaitLine("^\\+MIPLEVENT: 0,6$");
            assertThat(t.send("AT+MIPLCLOSE=0").finalLine()).isEqualTo("OK");
            t.awaitLine("^\\+MIPLEVENT: 0,15$"); // a real close: the module's own OK
        }
    }

    @Test
    void replyMatchesRefusesWhatMustBeAcceptedButTheCommandStillActs() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLOPEN=', reply-matches: '^OK$', action: reply, value: '+CIS ERROR: 601'}
                """).start()) {
            created(t);
            ok(t, OBJ);
            assertThat(t.send("AT+MIPLOPEN=0,14").lines()).containsExactly("+CIS ERROR: 652"); // an error stays
            assertThat(t.send("AT+MIPLOPEN=0,86400").lines()).containsExactly("+CIS ERROR: 601");
            t.awaitLine("^\\+MIPLEVENT: 0,6$"); // the module did open
        }
    }

    @Test
    void delayWithReplyMatchesDelaysOnlyThatReply() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLOPEN=', reply-matches: 'ERROR', action: delay, value: 600ms}
                """).start()) {
            created(t);
            ok(t, OBJ);
            long start = System.nanoTime();
            assertThat(t.send("AT+MIPLOPEN=0,14").lines()).containsExactly("+CIS ERROR: 652");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            // the delay holds the next command back like any delayed reply
            int mark = t.mark();
            t.write("AT+MIPLOPEN=0,14\rAT+CFUN?\r");
            t.awaitLine("^\\+CFUN: ");
            t.awaitLine("^OK$");
            assertThat(t.linesSince(mark)).containsExactly("+CIS ERROR: 652", "+CFUN: 1", "OK");
        }
    }

    @Test
    void powerOnEmitArrivesAfterAPowerCycle() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: power-on, action: emit, value: '+MIPLEVENT: 0,6', after: 300ms, skip: 1, times: 1}
                """).start()) {
            assertThat(t.linesSince(0)).doesNotContain("+MIPLEVENT: 0,6"); // skip: 1 — the first power-up passes
            t.module.powerOff();
            int mark = t.mark();
            t.module.powerOn();
            t.awaitLine("^\\+MIPLEVENT: 0,6$");
            List<String> lines = t.linesSince(mark);
            assertThat(lines).contains("RDY", "+MIPLEVENT: 0,6");
            await().atMost(SimTerminal.DEADLINE).untilAsserted(() -> assertThat(t.module.recentUrcs())
                    .extracting(UrcEmission::line).contains("+MIPLEVENT: 0,6"));
            // times: 1 — the next power-up is clean
            t.module.powerOff();
            int again = t.mark();
            t.module.powerOn();
            t.awaitLine("^\\+IP: ");
            t.send("ATE0");
            assertThat(t.send("AT").lines()).containsExactly("OK");
            assertThat(t.linesSince(again)).doesNotContain("+MIPLEVENT: 0,6");
        }
    }

    @Test
    void powerOnEmitIsDroppedByAPowerLossBeforeItsTime() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: power-on, action: emit, value: '+MIPLEVENT: 0,6', after: 60s}
                """).start()) {
            t.module.powerOff();
            t.module.powerOn();
            t.awaitLine("^\\+IP: ");
            t.send("ATE0");
            assertThat(t.send("AT").lines()).containsExactly("OK");
            assertThat(t.linesSince(0)).doesNotContain("+MIPLEVENT: 0,6");
        }
    }
}
