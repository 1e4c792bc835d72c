package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.miplhil.sim.VirtualModuleErrorTest.OBJ;
import static org.miplhil.sim.VirtualModuleErrorTest.created;
import static org.miplhil.sim.VirtualModuleErrorTest.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.miplhil.sim.fault.FaultPlanLoader;

/** Fault plans change what the harness receives, and only that. */
class VirtualModuleFaultTest {

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static void register(SimTerminal t) {
        created(t);
        ok(t, OBJ);
        ok(t, "AT+MIPLOPEN=0,86400");
        t.awaitLine("^\\+MIPLDISCOVER: ");
    }

    @Test
    void delayPostponesTheReply() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLVER\\?$', action: delay, value: 600ms, times: 1}
                """).start()) {
            long start = System.nanoTime();
            assertThat(t.send("AT+MIPLVER?").lines()).containsExactly("+MIPLVER: 2.3.0", "OK");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        }
    }

    @Test
    void delayedCommandHoldsTheNextCommandBack() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLVER\\?$', action: delay, value: 300ms}
                """).start()) {
            int mark = t.mark();
            t.write("AT+MIPLVER?\rAT+CFUN?\r");
            t.awaitLine("^\\+CFUN: ");
            t.awaitLine("^OK$");
            assertThat(t.linesSince(mark)).containsExactly("+MIPLVER: 2.3.0", "OK", "+CFUN: 1", "OK");
        }
    }

    @Test
    void delayedUrcIsOvertakenByLaterOnes() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,4$', action: delay, value: 300ms}
                """).start()) {
            int mark = t.mark();
            register(t);
            t.awaitLine("^\\+MIPLEVENT: 0,4$");
            List<String> lines = t.linesSince(mark);
            assertThat(lines.indexOf("+MIPLEVENT: 0,4")).isGreaterThan(lines.indexOf("+MIPLDISCOVER: 0,26385,3311"));
        }
    }

    @Test
    void replyReplacesTheAnswerButTheCommandStillActs() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - on: command
                    match: '^AT\\+MIPLCREATE$'
                    action: reply
                    value: |
                      +MIPLCREATE: 7
                      OK
                    times: 1
                """).start()) {
            int raw = t.rawMark();
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 7", "OK");
            assertThat(text(t.rawSince(raw))).isEqualTo("\r\n+MIPLCREATE: 7\r\n\r\nOK\r\n");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+CIS ERROR: 653"); // it did create
        }
    }

    @Test
    void replyReplacesAUrc() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,6$', action: reply, value: '+MIPLEVENT: 0,7'}
                """).start()) {
            int mark = t.mark();
            register(t);
            assertThat(t.linesSince(mark)).contains("+MIPLEVENT: 0,7").doesNotContain("+MIPLEVENT: 0,6");
            assertThat(t.module.recentUrcs()).extracting(UrcEmission::line).contains("+MIPLEVENT: 0,7");
        }
    }

    @Test
    void dropLeavesTheCommandUnansweredAndTheModuleGoesOn() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLCREATE$', action: drop}
                """).start()) {
            int raw = t.rawMark();
            t.write("AT+MIPLCREATE\r");
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> t.rawSince(raw).length == 0);
            assertThat(t.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2").lines()).containsExactly("OK"); // it did create
        }
    }

    @Test
    void shippedDropRegSuccessPlanLosesEvent6() throws Exception {
        var plan = FaultPlanLoader.load(Path.of("fixtures/faults/drop-reg-success.yaml")).orElseThrow();
        try (SimTerminal t = SimTerminal.with().start()) {
            t.module.replaceFaultPlan(plan); // at run time
            int mark = t.mark();
            register(t);
            assertThat(t.linesSince(mark)).containsExactly("+MIPLCREATE: 0", "OK", "OK", "OK", "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2",
                    "+MIPLEVENT: 0,4", "+MIPLOBSERVE: 0,26384,1,3311,0,-1", "+MIPLDISCOVER: 0,26385,3311");
            // times: 1 — the next registration is reported
            ok(t, "AT+MIPLCLOSE=0");
            t.awaitLine("^\\+MIPLEVENT: 0,15$");
            ok(t, "AT+MIPLOPEN=0,86400");
            t.awaitLine("^\\+MIPLEVENT: 0,6$");
        }
    }

    @Test
    void shippedWrongErrorCodePlan() throws Exception {
        var plan = FaultPlanLoader.load(Path.of("fixtures/faults/wrong-error-code.yaml")).orElseThrow();
        try (SimTerminal t = SimTerminal.with().profile(SimTerminal.profile()).start()) {
            t.module.replaceFaultPlan(plan);
            created(t);
            ok(t, OBJ);
            assertThat(t.send("AT+MIPLOPEN=0,14").lines()).containsExactly("+CIS ERROR: 651");
            assertThat(t.send("AT+MIPLOPEN=0,140000000000").lines()).containsExactly("+CIS ERROR: 652");
        }
    }

    @Test
    void duplicateWritesTheReplyTwice() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLVER\\?$', action: duplicate}
                """).start()) {
            int raw = t.rawMark();
            t.write("AT+MIPLVER?\r");
            String once = "\r\n+MIPLVER: 2.3.0\r\n\r\nOK\r\n";
            assertThat(text(t.awaitRaw(raw, 2 * once.length(), SimTerminal.DEADLINE))).isEqualTo(once + once);
        }
    }

    @Test
    void duplicateUrc() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,4$', action: duplicate}
                """).start()) {
            int mark = t.mark();
            register(t);
            assertThat(t.linesSince(mark)).containsSubsequence("+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,4",
                    "+MIPLEVENT: 0,6");
        }
    }

    @Test
    void swapNextPutsTheReplyAfterTheNextLine() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLCREATE$', action: swap-next}
                """).start()) {
            int raw = t.rawMark();
            t.write("AT+MIPLCREATE\r");
            t.write("AT+CFUN?\r");
            String expected = "\r\n+CFUN: 1\r\n\r\nOK\r\n" + "\r\n+MIPLCREATE: 0\r\n\r\nOK\r\n";
            assertThat(text(t.awaitRaw(raw, expected.length(), SimTerminal.DEADLINE))).isEqualTo(expected);
        }
    }

    @Test
    void swapNextOnAUrcAndTheLongestHold() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,4$', action: swap-next}
                  - {on: command, match: '^AT\\+CFUN\\?$', action: swap-next, value: 200ms}
                """).start()) {
            int mark = t.mark();
            register(t);
            assertThat(t.linesSince(mark)).containsSubsequence("+MIPLEVENT: 0,2", "+MIPLEVENT: 0,6", "+MIPLEVENT: 0,4",
                    "+MIPLOBSERVE: 0,26384,1,3311,0,-1");
            // nothing else to swap with: the reply comes after the longest hold anyway
            assertThat(t.send("AT+CFUN?").lines()).containsExactly("+CFUN: 1", "OK");
        }
    }

    @Test
    void garbleInsertsBytesBeforeTheFirstCharacter() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT$', action: garble, value: "\\xFF\\x00", times: 1}
                  - {on: urc, match: '^\\+MIPLEVENT: 0,1$', action: garble, value: "\\x1B"}
                """).start()) {
            int raw = t.rawMark();
            t.write("AT\r");
            assertThat(t.awaitRaw(raw, 8, SimTerminal.DEADLINE)).isEqualTo(new byte[] {'\r', '\n', (byte) 0xFF, 0, 'O', 'K', '\r', '\n'});
            assertThat(t.send("AT").lines()).containsExactly("OK"); // times: 1
            int raw2 = t.rawMark();
            register(t);
            assertThat(text(t.rawSince(raw2))).contains("\r\n\u001B+MIPLEVENT: 0,1\r\n");
        }
    }

    @Test
    void timesCountsMatches() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+CFUN\\?$', action: reply, value: "+CFUN: 0\\nOK", times: 2}
                """).start()) {
            assertThat(t.send("AT+CFUN?").lines()).containsExactly("+CFUN: 0", "OK");
            assertThat(t.send("AT").lines()).containsExactly("OK"); // no match: not counted
            assertThat(t.send("AT+CFUN?").lines()).containsExactly("+CFUN: 0", "OK");
            assertThat(t.send("AT+CFUN?").lines()).containsExactly("+CFUN: 1", "OK");
        }
    }

    @Test
    void urcFaultsActOnPowerUpLinesToo() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^RDY$', action: drop}
                """).bootLine("^\\+IP: ").start()) {
            assertThat(t.linesSince(0)).doesNotContain("RDY").contains("+CFUN: 1");
        }
    }
}
