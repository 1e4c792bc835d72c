package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miplhil.sim.VirtualModuleErrorTest.OBJ;
import static org.miplhil.sim.VirtualModuleErrorTest.created;
import static org.miplhil.sim.VirtualModuleErrorTest.ok;
import static org.miplhil.sim.VirtualModuleFaultTest.register;
import static org.miplhil.sim.VirtualModuleFaultTest.text;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pause action on a real pseudo-terminal: the module's output stalls, the matching line and every line after it
 * come later, in the order the module wrote them (a slower module, never a reordering one).
 */
class VirtualModulePauseTest {

    @Test
    void pausedUrcKeepsItsPlaceAndTheLinesBehindItWait() throws Exception {
        // the stand-in writes 1, 2, 4, 6, the observe and the discover 5 ms apart: all fall inside the pause
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,1$', action: pause, value: 400ms, times: 1}
                """).start()) {
            int mark = t.mark();
            register(t); // OK of the open, then up to +MIPLDISCOVER
            List<String> lines = t.linesSince(mark);
            int open = lines.lastIndexOf("OK");
            List<String> after = lines.subList(open + 1, lines.size());
            assertThat(after).as("in the module's order").hasSize(6).startsWith(
                    "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6");
            assertThat(after.get(4)).startsWith("+MIPLOBSERVE: ");
            assertThat(after.get(5)).startsWith("+MIPLDISCOVER: ");
            // the stall: event 1 came at least the pause after the OK of the open
            long okNanos = t.arrivalNanos(mark + open);
            long firstNanos = t.arrivalNanos(mark + open + 1);
            assertThat(Duration.ofNanos(firstNanos - okNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            // the history has them in the same order
            assertThat(t.module.recentUrcs()).extracting(UrcEmission::line)
                    .containsSubsequence("+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6");
        }
    }

    @Test
    void aSwapInsideAStallStillSwapsWithTheNextLineOnly() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,1$', action: pause, value: 300ms, times: 1}
                  - {on: urc, match: '^\\+MIPLEVENT: 0,4$', action: swap-next, value: 2s, times: 1}
                """).start()) {
            int mark = t.mark();
            register(t);
            List<String> lines = t.linesSince(mark);
            List<String> after = lines.subList(lines.lastIndexOf("OK") + 1, lines.size());
            assertThat(after).startsWith("+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,6", "+MIPLEVENT: 0,4");
            assertThat(after.get(4)).startsWith("+MIPLOBSERVE: ");
        }
    }

    @Test
    void pausedReplyComesLaterAndWhatFollowsQueuesBehindIt() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLVER\\?$', action: pause, value: 500ms, times: 1}
                """).start()) {
            int raw = t.rawMark();
            long start = System.nanoTime();
            // the second command is taken while the first reply waits: its reply queues behind, never before
            t.write("AT+MIPLVER?\rAT+CFUN?\r");
            String expected = "\r\n+MIPLVER: 2.3.0\r\n\r\nOK\r\n\r\n+CFUN: 1\r\n\r\nOK\r\n";
            assertThat(text(t.awaitRaw(raw, expected.length(), SimTerminal.DEADLINE))).isEqualTo(expected);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(t.send("AT+MIPLVER?").lines()).containsExactly("+MIPLVER: 2.3.0", "OK"); // times: 1
        }
    }

    @Test
    void pausedOpenReplyStillComesBeforeTheRegistrationItStarted() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLOPEN=', action: pause, value: 300ms}
                """).start()) {
            created(t);
            ok(t, OBJ);
            int mark = t.mark();
            t.write("AT+MIPLOPEN=0,86400\r");
            t.awaitLine("^\\+MIPLDISCOVER: ");
            assertThat(t.linesSince(mark)).startsWith("OK", "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4",
                    "+MIPLEVENT: 0,6");
        }
    }

    @Test
    void aPowerCutDropsWhatAStalledOutputOwed() throws Exception {
        try (SimTerminal t = SimTerminal.with().faults("""
                faults:
                  - {on: command, match: '^AT\\+MIPLVER\\?$', action: pause, value: 60s}
                """).keepEcho().start()) {
            int raw = t.rawMark();
            t.write("AT+MIPLVER?\r");
            // the echo goes out in the same module task that meets the fault (response delay 0): the output stalls
            t.awaitRaw(raw, "AT+MIPLVER?\r".length(), SimTerminal.DEADLINE);
            t.module.powerOff(); // on the module thread, after that task
            int mark = t.mark();
            t.module.powerOn();
            t.awaitLine("^\\+IP: ");
            t.send("ATE0");
            assertThat(t.send("AT").lines()).containsExactly("OK"); // the output runs again, unstalled
            assertThat(t.linesSince(mark)).doesNotContain("+MIPLVER: 2.3.0");
        }
    }
}
