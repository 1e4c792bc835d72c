package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.SerialLink;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.NodePath;
import picocli.CommandLine;

/** {@code ./mipl-hil sim --server HOST:PORT}: a preconfigured module registers there with no AT+MIPLCONFIG. */
class SimServerOptionTest {

    @Test
    void aPresetServerIsWhereTheModuleRegisters(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimCommand command = new SimCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path link = dir.resolve("bc260y");
        try (LeshanPlatform platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start()) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(command)
                    .execute("--link", link.toString(), "--server", "127.0.0.1:" + platform.coapPort()));
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).contains("+IP: "));
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("LwM2M server: 127.0.0.1:" + platform.coapPort() + " (preconfigured, bootstrap off)");

            try (ModuleSession session = ModuleSession.open(SerialLink.open(link.toString()))) {
                assertThat(session.send("AT+MIPLCONFIG?").lines())
                        .containsExactly("+MIPLCONFIG: 0,0,0,127.0.0.1," + platform.coapPort() + ",1");
                assertThat(session.send("AT+MIPLCREATE").isOk()).isTrue();
                assertThat(session.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2").isOk()).isTrue();
                assertThat(session.send("AT+MIPLOPEN=0,3600").isOk()).isTrue();
                session.expectUrc("\\+MIPLEVENT: 0,4", Duration.ofSeconds(10));
                session.expectUrc("\\+MIPLEVENT: 0,6", Duration.ofSeconds(10));
                assertThat(platform.deviceByImei("866971050123456").orElseThrow().objectInstances())
                        .contains(NodePath.instance(3311, 0));
            }
            command.stop();
            assertThat(exit.get()).isZero();
        }
    }
}
