package org.miplhil.dut;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.miplhil.link.Link;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;

/** {@link Readiness} over a real pseudo-terminal: a module booting (ERROR twice, then OK) and one that is silent. */
class ReadinessTest {

    @Test
    void aModuleThatAnswersErrorWhileBootingIsReadyOnceItAnswersOkAndEachTryWaitsOutItsSecond() throws IOException {
        try (PtyPair pty = PtyPair.open()) {
            Link module = pty.master();
            AtomicInteger asked = new AtomicInteger();
            module.start(chunk -> {
                String text = new String(chunk.bytes(), StandardCharsets.US_ASCII);
                for (int i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
                    String answer = asked.incrementAndGet() <= 2 ? "\r\nERROR\r\n" : "\r\nOK\r\n";
                    try {
                        module.write(answer.getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            try (ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()))) {
                long start = System.nanoTime();
                Optional<String> silent = Readiness.awaitAt(session, Duration.ofSeconds(10));
                assertThat(silent).isEmpty();
                assertThat(asked.get()).isEqualTo(3);
                // two ERRORs answered at once: the third AT goes out two seconds after the first
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            }
        }
    }

    @Test
    void aSilentModuleIsReportedWithWhatCameLastOnceTheDeadlinePasses() throws IOException {
        try (PtyPair pty = PtyPair.open();
             ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()))) {
            Optional<String> silent = Readiness.awaitAt(session, Duration.ofMillis(1500));
            assertThat(silent).hasValueSatisfying(last -> assertThat(last).contains("AT"));
        }
    }
}
