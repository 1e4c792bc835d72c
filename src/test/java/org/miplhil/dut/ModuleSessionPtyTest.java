package org.miplhil.dut;

import org.junit.jupiter.api.Test;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplObserve;
import org.miplhil.at.MiplVer;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miplhil.dut.UrcMatcher.event;
import static org.miplhil.dut.UrcMatcher.type;

/** The session over a real pseudo-terminal, the harness side opened by jSerialComm as for a module on a UART. */
class ModuleSessionPtyTest {

    @Test
    void commandsAndUrcsThroughARealSerialPort() throws Exception {
        long seed = System.nanoTime();
        try (PtyPair pty = PtyPair.open()) {
            ScriptedModule module = new ScriptedModule(pty.master(), seed);
            module.on("AT+MIPLVER?", "+MIPLVER: 2.3.0", "OK");
            module.on("AT+MIPLOPEN=0,86400", c -> {
                module.urc("+MIPLEVENT: 0,4");
                return List.of("OK");
            });
            try (ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()))) {
                Reply ver = session.send(new MiplVer());
                assertThat(ver.isOk()).as("seed %d", seed).isTrue();
                assertThat(ver.lines()).containsExactly("+MIPLVER: 2.3.0");
                assertThat(ver.echoSeen()).isTrue();

                Reply open = session.send("AT+MIPLOPEN=0,86400");
                assertThat(open.isOk()).isTrue();
                module.urc("+MIPLEVENT: 0,6");
                module.urc("+MIPLOBSERVE: 0,69234,1,3311,0,-1");
                List<UrcArrival<?>> registered = session.expectInOrder(List.of(event(EventId.CONNECT_SUCCESS),
                        event(EventId.REG_SUCCESS), type(MiplObserve.class)), Duration.ofSeconds(10));
                assertThat(((MiplObserve) registered.get(2).value()).msgId()).isEqualTo(69234);
                assertThat(session.link().name()).isEqualTo(pty.slavePath().toString());
            }
        }
    }
}
