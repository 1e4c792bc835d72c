package org.miplhil.link;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A real pseudo-terminal, its slave opened by jSerialComm like any serial port. */
class PtyPairTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private PtyPair pty;
    private final Collector module = new Collector();

    @BeforeEach
    void openPty() throws IOException {
        pty = PtyPair.open();
        pty.master().start(module);
    }

    @AfterEach
    void closePty() {
        pty.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bytesTravelBothWaysThroughTheSlaveOpenedBySerialLink() throws IOException {
        assertThat(pty.slavePath().toString()).startsWith("/dev/pts/");
        Collector client = new Collector();
        try (SerialLink serial = SerialLink.open(pty.slavePath().toString())) {
            serial.start(client);
            serial.write(ascii("AT+MIPLVER?\r"));
            await().atMost(DEADLINE).until(() -> module.text().equals("AT+MIPLVER?\r"));
            pty.master().write(ascii("\r\n+MIPLVER: 2.3.0\r\n\r\nOK\r\n"));
            await().atMost(DEADLINE).until(() -> client.text().equals("\r\n+MIPLVER: 2.3.0\r\n\r\nOK\r\n"));
            assertThat(serial.name()).isEqualTo(pty.slavePath().toString());
        }
    }

    @Test
    void aMebibyteArrivesIntactAndInOrderInBothDirections() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        byte[] down = new byte[1 << 20];
        byte[] up = new byte[1 << 20];
        random.nextBytes(down);
        random.nextBytes(up);
        Collector client = new Collector();
        try (SerialLink serial = SerialLink.open(pty.slavePath().toString())) {
            serial.start(client);
            Thread writer = new Thread(() -> {
                try {
                    for (int off = 0; off < up.length; off += 3000) {
                        serial.write(java.util.Arrays.copyOfRange(up, off, Math.min(up.length, off + 3000)));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            pty.master().write(down);
            writer.join(DEADLINE.toMillis());
            await().atMost(DEADLINE).until(() -> client.size() >= down.length && module.size() >= up.length);
            assertThat(client.bytes()).as("seed %d", seed).isEqualTo(down);
            assertThat(module.bytes()).as("seed %d", seed).isEqualTo(up);
            assertMonotonic(client.chunks());
            assertMonotonic(module.chunks());
        }
    }

    private static void assertMonotonic(List<Chunk> chunks) {
        assertThat(chunks).isNotEmpty();
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).nanoTime()).as("chunk %d", i).isGreaterThanOrEqualTo(chunks.get(i - 1).nanoTime());
            assertThat(chunks.get(i).wallTime()).as("chunk %d", i).isAfterOrEqualTo(chunks.get(i - 1).wallTime());
        }
    }

    @Test
    void aClientCanCloseAndReopenTheSlaveAndKeepTalking() throws IOException {
        for (int round = 1; round <= 3; round++) {
            String request = "round " + round + "\r";
            String answer = "ack " + round + "\r\n";
            Collector client = new Collector();
            SerialLink serial = SerialLink.open(pty.slavePath().toString());
            serial.start(client);
            serial.write(ascii(request));
            await().atMost(DEADLINE).until(() -> module.text().endsWith(request));
            pty.master().write(ascii(answer));
            await().atMost(DEADLINE).until(() -> client.text().equals(answer));
            serial.close();
            assertThat(client.closed()).isTrue();
            assertThat(pty.master().isOpen()).as("master survives the client closing").isTrue();
        }
        assertThat(module.closed()).isFalse();
    }

    @Test
    void closingTheMasterEndsItsReaderThreadPromptly() throws IOException {
        try (SerialLink serial = SerialLink.open(pty.slavePath().toString())) {
            serial.write(ascii("ping"));
            await().atMost(DEADLINE).until(() -> module.readerThread.get() != null);
        }
        Thread reader = module.readerThread.get();
        pty.master().close();
        await().atMost(Duration.ofSeconds(3)).until(() -> !reader.isAlive());
        assertThat(module.closed()).isTrue();
        assertThat(module.cause()).isNull();
        assertThat(pty.master().isOpen()).isFalse();
        assertThatThrownBy(() -> pty.master().write(ascii("x"))).isInstanceOf(IOException.class);
    }

    @Test
    void closingTheSerialClientEndsItsReaderThreadPromptly() throws IOException {
        Collector client = new Collector();
        SerialLink serial = SerialLink.open(pty.slavePath().toString());
        serial.start(client);
        pty.master().write(ascii("ping"));
        await().atMost(DEADLINE).until(() -> client.readerThread.get() != null);
        Thread reader = client.readerThread.get();
        serial.close();
        await().atMost(Duration.ofSeconds(3)).until(() -> !reader.isAlive());
        assertThat(client.closed()).isTrue();
        assertThat(client.cause()).isNull();
        assertThat(serial.isOpen()).isFalse();
        serial.close(); // idempotent
    }

    @Test
    void aSymlinkPointsToTheSlaveUntilClose(@TempDir Path dir) throws IOException {
        Path link = dir.resolve("module.tty");
        Files.writeString(link, "stale file from an earlier run");
        assertThat(pty.link(link)).isEqualTo(link.toAbsolutePath());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(pty.slavePath());

        Collector client = new Collector();
        try (SerialLink serial = SerialLink.open(link.toString())) {
            serial.start(client);
            serial.write(ascii("via link\r"));
            await().atMost(DEADLINE).until(() -> module.text().equals("via link\r"));
        }
        pty.close();
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void writesWaitForASlowReaderInsteadOfDroppingBytes() throws Exception {
        // nobody reads the slave yet: the pty buffer fills, the write must wait and finish once a client reads
        byte[] big = new byte[256 * 1024];
        new Random(7).nextBytes(big);
        Collector client = new Collector();
        try (SerialLink serial = SerialLink.open(pty.slavePath().toString())) {
            Thread writer = new Thread(() -> {
                try {
                    pty.master().write(big);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            serial.start(client);
            writer.join(DEADLINE.toMillis());
            await().atMost(DEADLINE).until(() -> client.size() >= big.length);
            assertThat(client.bytes()).isEqualTo(big);
        }
    }
}
