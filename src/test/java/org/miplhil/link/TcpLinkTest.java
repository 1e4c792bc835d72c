package org.miplhil.link;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TcpLinkTest {

    @Test
    void talksToARawTcpSerialServerAndSeesItHangUp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket peer = server.accept()) {
                    InputStream in = peer.getInputStream();
                    OutputStream out = peer.getOutputStream();
                    StringBuilder line = new StringBuilder();
                    int c;
                    while ((c = in.read()) != '\r' && c >= 0) {
                        line.append((char) c);
                    }
                    out.write("\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return line.toString();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Collector client = new Collector();
            Link link = Links.open("tcp:127.0.0.1:" + server.getLocalPort());
            assertThat(link.name()).isEqualTo("tcp:127.0.0.1:" + server.getLocalPort());
            link.start(client);
            link.write("AT+MIPLVER?\r".getBytes(StandardCharsets.US_ASCII));
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("AT+MIPLVER?");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.text().equals("\r\nOK\r\n"));
            // the server closed its end after answering: an orderly end of stream
            await().atMost(Duration.ofSeconds(10)).until(client::closed);
            assertThat(client.cause()).isNull();
            assertThat(link.isOpen()).isFalse();
        }
    }

    @Test
    void closeEndsTheReaderWhileTheServerStaysSilent() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Collector client = new Collector();
            TcpLink link = TcpLink.connect("127.0.0.1", server.getLocalPort());
            link.start(client);
            try (Socket peer = accepted.get(10, TimeUnit.SECONDS)) {
                peer.getOutputStream().write('x');
                await().atMost(Duration.ofSeconds(10)).until(() -> client.readerThread.get() != null);
                Thread reader = client.readerThread.get();
                link.close();
                await().atMost(Duration.ofSeconds(3)).until(() -> !reader.isAlive());
                assertThat(client.closed()).isTrue();
                assertThat(client.cause()).isNull();
            }
        }
    }

    @Test
    void aRefusedConnectionNamesTheAddress() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int closedPort = port;
        assertThatThrownBy(() -> TcpLink.connect("127.0.0.1", closedPort, Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tcp:127.0.0.1:" + closedPort);
    }

    @Test
    void aWriteThePeerNeverReadsFailsAtItsDeadlineInsteadOfHanging() throws Exception {
        // the peer accepts and never reads: the socket buffers fill and the write must give up, not hang
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TcpLink link = TcpLink.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5));
                 Socket peer = accepted.get(5, TimeUnit.SECONDS)) {
                byte[] lots = new byte[64 << 20];
                assertTimeoutPreemptively(Duration.ofMillis(WriteWatchdog.DEADLINE_MS * 4L), () ->
                        assertThatThrownBy(() -> link.write(lots))
                                .isInstanceOf(IOException.class)
                                .hasMessageContaining("within " + WriteWatchdog.DEADLINE_MS + " ms"));
                assertThat(peer.isClosed()).isFalse();
            }
        }
    }
}
