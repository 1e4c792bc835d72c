package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing a virtual module whose LwM2M client is retransmitting a request: the client's endpoints stop before the
 * executors their retransmission timers run on, so nothing is scheduled on a terminated executor (Californium would
 * log a RejectedExecutionException with its stack trace), and the close returns within a deadline with the client
 * destroyed.
 */
class ClientShutdownTest {

    /** A server that receives and never answers: the module's Register is retransmitted until the close. */
    private static final class SilentServer implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicInteger datagrams = new AtomicInteger();
        private final Thread reader;

        SilentServer() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            reader = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        socket.receive(new DatagramPacket(buf, buf.length));
                        datagrams.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-server");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void closingWhileARequestIsRetransmittedLogsNoRejectedExecution() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple writes to the System.err of the moment; so does an uncaught exception's default handler
        System.setErr(new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8));
        try (SilentServer server = new SilentServer()) {
            // ACK_TIMEOUT 40 ms, doubling, 6 retransmissions: a retransmission is due every few tens of ms at first
            var profile = ModuleOverPty.profile(t -> t
                    .replaceFirst("ack-timeout: \\{value: 2s", "ack-timeout: {value: 5ms")
                    .replaceFirst("max-retransmit: \\{value: 4,", "max-retransmit: {value: 8,"));
            for (int round = 0; round < 6; round++) {
                int before = server.datagrams.get();
                ModuleOverPty m = ModuleOverPty.start(profile);
                long closedIn;
                try {
                    m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + server.socket.getLocalPort());
                    m.ok("AT+MIPLCREATE");
                    m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
                } catch (AssertionError e) {
                    m.close();
                    throw e;
                }
                m.ok("AT+MIPLOPEN=0,3600,60");
                // the Register and at least one retransmission of it have gone out
                int sent = before + 2 + round % 2;
                await().atMost(Duration.ofSeconds(10)).until(() -> server.datagrams.get() >= sent);
                long t0 = System.nanoTime();
                m.close();
                closedIn = System.nanoTime() - t0;
                assertThat(Duration.ofNanos(closedIn)).as("round %d: the close returns", round)
                        .isLessThan(Duration.ofSeconds(10));
                // and the client is gone when it returns: its endpoints, executors and teardown thread stopped
                // before the registrar's own timer
                assertThat(Thread.getAllStackTraces().keySet()).as("round %d: threads after the close", round)
                        .noneMatch(t -> t.isAlive() && t.getName().startsWith("lwm2m-teardown"));
            }
        } finally {
            System.setErr(originalErr);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(err).as("what the closes logged").doesNotContain("RejectedExecutionException");
    }

    @Test
    void closingRightAfterAnUpdateWasHandedToTheClientLogsNoRejectedExecution() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8));
        try (RawCoapServer server = new RawCoapServer()) {
            for (int round = 0; round < 4; round++) {
                ModuleOverPty m = ModuleOverPty.start();
                try {
                    m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + server.port());
                    m.ok("AT+MIPLCREATE");
                    m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
                    m.ok("AT+MIPLOPEN=0,3600,30");
                    m.urc("\\+MIPLEVENT: 0,6");
                    // the Update goes out as the module is closed: its request and timeout are being set up
                    m.ok("AT+MIPLUPDATE=0,3600,0");
                } finally {
                    long t0 = System.nanoTime();
                    m.close();
                    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("round %d: the close returns", round)
                            .isLessThan(Duration.ofSeconds(10));
                }
            }
        } finally {
            System.setErr(originalErr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("what the closes logged")
                .doesNotContain("RejectedExecutionException");
    }

    /** Writes to both streams: the console keeps what the test captures. */
    private static final class TeeStream extends java.io.OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream copy;

        TeeStream(PrintStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            console.write(b, off, len);
            copy.write(b, off, len);
        }
    }
}
