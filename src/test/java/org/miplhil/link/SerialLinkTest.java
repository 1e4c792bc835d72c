package org.miplhil.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SerialLinkTest {

    @Test
    void aMissingDeviceGivesAnErrorNamingIt() {
        assertThatThrownBy(() -> SerialLink.open("/dev/ttyMIPLHIL-missing9"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/dev/ttyMIPLHIL-missing9")
                .hasMessageContaining("no such device");
    }

    @Test
    void aDanglingSymlinkIsReportedAsSuch(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("gone.tty"), dir.resolve("nothing-here"));
        assertThatThrownBy(() -> SerialLink.open(link.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(link.toString())
                .hasMessageContaining("dangling");
    }

    @Test
    void aPortAlreadyOpenIsReportedAsBusy() throws IOException {
        try (PtyPair pty = PtyPair.open(); SerialLink first = SerialLink.open(pty.slavePath().toString())) {
            assertThat(first.isOpen()).isTrue();
            assertThatThrownBy(() -> SerialLink.open(pty.slavePath().toString()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(pty.slavePath().toString())
                    .hasMessageContaining("already open");
        }
    }

    @Test
    void aFileThatIsNotATerminalIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a tty");
        assertThatThrownBy(() -> SerialLink.open(file.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aWriteNobodyTakesFailsAtItsDeadlineInsteadOfHanging() throws IOException {
        // the master side is never read: the pty's buffer fills and the write must give up, not hang
        try (PtyPair pty = PtyPair.open(); SerialLink link = SerialLink.open(pty.slavePath().toString())) {
            byte[] lots = new byte[4 << 20];
            assertTimeoutPreemptively(Duration.ofMillis(WriteWatchdog.DEADLINE_MS * 4L), () ->
                    assertThatThrownBy(() -> link.write(lots))
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining(pty.slavePath().toString())
                            .hasMessageContaining("within " + WriteWatchdog.DEADLINE_MS + " ms"));
        }
    }

    @Test
    void settingsDefaultTo115200EightNoneOne() {
        SerialSettings s = SerialSettings.of("/dev/ttyUSB0");
        assertThat(s.baud()).isEqualTo(115_200);
        assertThat(s.dataBits()).isEqualTo(8);
        assertThat(s.parity()).isEqualTo(SerialSettings.Parity.NONE);
        assertThat(s.stopBits()).isEqualTo(SerialSettings.StopBits.ONE);
        assertThat(s.flowControl()).isEqualTo(SerialSettings.FlowControl.NONE);
        assertThat(s).hasToString("/dev/ttyUSB0@115200 8N1");
        assertThat(s.toBuilder().flowControl(SerialSettings.FlowControl.RTS_CTS).baud(9600).build())
                .hasToString("/dev/ttyUSB0@9600 8N1 RTS_CTS");
        assertThatThrownBy(() -> SerialSettings.builder("/dev/x").dataBits(9).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
