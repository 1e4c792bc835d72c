package org.miplhil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miplhil.dut.UrcMatcher.event;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplDiscover;
import org.miplhil.at.MiplObserve;
import org.miplhil.dut.McuLogEntry;
import org.miplhil.dut.Reply;
import org.miplhil.objects.ObjectModel;

/**
 * Chapter 7's examples through a real pseudo-terminal against the virtual module with its stand-in registrar.
 */
class Chapter7StandInTest {

    static final Duration WITHIN = VirtualBench.WITHIN;

    private static String name(TestInfo info) {
        return "standin-" + info.getTestMethod().orElseThrow().getName();
    }

    @Test
    void initialisation71(TestInfo info) {
        try (VirtualBench b = VirtualBench.standIn(name(info), ObjectModel.load(VirtualBench.LIGHT))) {
            int from = b.mark();
            // 7.1 prints AT+QSCCLK=0; the command is AT+QSCLK (7.1 remark 1 names it QSCCLK too, 7.10.6 sends QSCLK)
            b.session.send("AT+QSCLK=0");
            b.session.send("AT+CEREG?");
            b.session.send("AT+CGPADDR?");
            assertThat(b.transcript(from)).containsExactly(
                    "AT+QSCLK=0", "OK",
                    "AT+CEREG?", "+CEREG: 0,1", "OK",
                    "AT+CGPADDR?", "+CGPADDR: 5,\"10.177.135.245\"", "OK");
        }
    }

    @Test
    void registrationAndDiscovery721(TestInfo info) {
        try (VirtualBench b = VirtualBench.standIn(name(info), ObjectModel.load(VirtualBench.LIGHT))) {
            int from = b.mark();
            b.session.send("AT+MIPLCREATE");
            b.session.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
            b.session.send("AT+MIPLOPEN=0,86400");
            List<org.miplhil.dut.UrcArrival<?>> seen = b.session.expectInOrder(List.of(
                    event(EventId.BOOTSTRAP_START), event(EventId.BOOTSTRAP_SUCCESS), event(EventId.CONNECT_SUCCESS),
                    event(EventId.REG_SUCCESS), org.miplhil.dut.UrcMatcher.type(MiplObserve.class),
                    org.miplhil.dut.UrcMatcher.type(MiplDiscover.class)), WITHIN);
            long observe = ((MiplObserve) seen.get(4).value()).msgId();
            long discover = ((MiplDiscover) seen.get(5).value()).msgId();
            // the MCU answers both from the model; wait for its answers before going on, as the note does
            assertThat(b.mcu.awaitAnswer(observe, WITHIN).outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
            assertThat(b.mcu.awaitAnswer(discover, WITHIN).outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
            b.session.send("AT+MIPLDELOBJ=0,3311");
            Reply close = b.session.send("AT+MIPLCLOSE=0");
            b.session.expectUrc(close.cursor(), event(EventId.DEREG_DONE), WITHIN);
            b.session.send("AT+MIPLDELETE=0");
            assertThat(b.transcript(from)).containsExactly(
                    "AT+MIPLCREATE", "+MIPLCREATE: 0", "OK",
                    "AT+MIPLADDOBJ=0,3311,1,\"1\",4,2", "OK",
                    "AT+MIPLOPEN=0,86400", "OK",
                    "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6",
                    "+MIPLOBSERVE: 0," + observe + ",1,3311,0,-1",
                    "AT+MIPLOBSERVERSP=0," + observe + ",1", "OK",
                    "+MIPLDISCOVER: 0," + discover + ",3311",
                    "AT+MIPLDISCOVERRSP=0," + discover + ",1,19,\"5850;5851;5706;5805\"", "OK",
                    "AT+MIPLDELOBJ=0,3311", "OK",
                    "AT+MIPLCLOSE=0", "OK",
                    "+MIPLEVENT: 0,15",
                    "AT+MIPLDELETE=0", "OK");
        }
    }
}
