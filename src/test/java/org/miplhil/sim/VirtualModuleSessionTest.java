package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miplhil.dut.UrcMatcher.event;
import static org.miplhil.dut.UrcMatcher.type;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplAddObj;
import org.miplhil.at.MiplClose;
import org.miplhil.at.MiplCreate;
import org.miplhil.at.MiplDelete;
import org.miplhil.at.MiplDiscover;
import org.miplhil.at.MiplDiscoverRsp;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplNotify;
import org.miplhil.at.MiplObserve;
import org.miplhil.at.MiplObserveRsp;
import org.miplhil.at.MiplOpen;
import org.miplhil.at.MiplUpdate;
import org.miplhil.at.MiplValue;
import org.miplhil.at.MiplVer;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;

/** The harness's own session and codec against the virtual module, on a real pseudo-terminal. */
class VirtualModuleSessionTest {

    static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void theHarnessReadsTheVirtualModuleAsTheNoteDescribesIt() throws Exception {
        StandInRegistrar platform = StandInRegistrar.builder().eventGap(Duration.ofMillis(5)).build();
        try (PtyPair pty = PtyPair.open();
             ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
             VirtualModule module = VirtualModule.builder().link(pty.master()).profile(SimTerminal.profile())
                     .registrar(platform).build().start()) {
            session.expectUrc("\\+IP: 10\\.177\\.135\\.245", WITHIN);
            assertThat(module.isPowered()).isTrue();

            Reply ver = session.send(new MiplVer());
            assertThat(ver.isOk()).isTrue();
            assertThat(ver.echoSeen()).isTrue(); // ATE1 at power-up
            assertThat(ver.lines()).containsExactly("+MIPLVER: 2.3.0");

            assertThat(session.send(new MiplCreate()).lines()).containsExactly("+MIPLCREATE: 0");
            assertThat(session.send(new MiplAddObj(0, 3311, 1, "1", 4, 2)).isOk()).isTrue();
            assertThat(session.send(new MiplOpen(0, 86400, OptionalInt.empty())).isOk()).isTrue();
            List<UrcArrival<?>> seen = session.expectInOrder(List.of(event(EventId.BOOTSTRAP_START),
                    event(EventId.BOOTSTRAP_SUCCESS), event(EventId.CONNECT_SUCCESS), event(EventId.REG_SUCCESS),
                    type(MiplObserve.class), type(MiplDiscover.class)), WITHIN);
            MiplObserve observe = (MiplObserve) seen.get(4).value();
            MiplDiscover discover = (MiplDiscover) seen.get(5).value();
            assertThat(observe).isEqualTo(new MiplObserve(0, observe.msgId(), 1, 3311, 0, -1));

            assertThat(session.send(new MiplObserveRsp(0, observe.msgId(), 1, OptionalInt.empty())).isOk()).isTrue();
            assertThat(session.send(MiplDiscoverRsp.of(0, discover.msgId(), List.of(5850, 5851, 5706, 5805))).isOk())
                    .isTrue();
            Reply notify = session.send(MiplNotify.of(0, observe.msgId(), 3311, 0, 5700, MiplValue.FloatValue.of(25.6), 0, 0)
                    .withAckId(255));
            assertThat(notify.isOk()).isTrue();
            UrcArrival<MiplEvent> acked = session.expectUrc(event(EventId.NOTIFY_SUCCESS), WITHIN);
            assertThat(acked.value().ackId()).hasValue(255);

            assertThat(session.send(new MiplUpdate(0, 86400, 0, OptionalInt.empty())).isOk()).isTrue();
            session.expectUrc(event(EventId.UPDATE_SUCCESS), WITHIN);

            // a mistake, as the harness classifies it
            Reply again = session.send(new MiplOpen(0, 86400, OptionalInt.empty()));
            assertThat(again.code()).hasValue(655);

            assertThat(session.send(new MiplClose(0)).isOk()).isTrue();
            session.expectUrc(event(EventId.DEREG_DONE), WITHIN);
            assertThat(session.send(new MiplDelete(0)).isOk()).isTrue();
        } finally {
            platform.shutdown();
        }
    }
}
