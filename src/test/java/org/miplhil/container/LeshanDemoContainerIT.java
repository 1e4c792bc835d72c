package org.miplhil.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.SerialLink;

/**
 * The virtual module, unchanged, registers with the stock Leshan server demo in its container (a server written by
 * others), and the demo's REST API lists it; after AT+MIPLCLOSE it no longer does.
 */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class LeshanDemoContainerIT {

    @Test
    void theVirtualModuleRegistersWithTheStockLeshanDemo() throws Exception {
        try (LeshanDemoContainer demo = LeshanDemoContainer.start();
             ModuleOnPty module = ModuleOnPty.start();
             ModuleSession session = ModuleSession.open(SerialLink.open(module.pty().slavePath().toString()))) {
            assertThat(demo.clients()).isEqualTo("[]");
            String endpoint = module.profile().identity().imei() + ";" + module.profile().identity().imsi();

            assertThat(session.send("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + demo.coap().getPort()).isOk()).isTrue();
            assertThat(session.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0");
            assertThat(session.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2").isOk()).isTrue();
            assertThat(session.send("AT+MIPLOPEN=0,3600").isOk()).isTrue();
            session.expectUrc("\\+MIPLEVENT: 0,6", Duration.ofSeconds(30)); // 5: registration succeeded

            String clients = demo.clients();
            assertThat(clients).as("GET /api/clients; the demo's log:\n%s", demo.logs())
                    .contains("\"endpoint\":\"" + endpoint + "\"", "\"lifetime\":3600", "\"url\":\"/3311/0\"");

            assertThat(session.send("AT+MIPLCLOSE=0").isOk()).isTrue();
            session.expectUrc("\\+MIPLEVENT: 0,15", Duration.ofSeconds(30)); // 5: deregistered
            await("the demo forgets the endpoint after deregistration").atMost(Duration.ofSeconds(10))
                    .until(demo::clients, c -> !c.contains(endpoint));
        }
    }
}
