package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.stack.BaseCoapStack;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.util.SerialExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.impl.SimpleLogger;

/**
 * Closing the platform while a request to a silent device is being retransmitted: the endpoints stop before their
 * executors, so no retransmission timer meets a terminated executor (a {@code RejectedExecutionException} stack
 * trace on the console), and the caller blocked in the request gets its answer at once.
 */
class LeshanPlatformShutdownTest {

    private static final String ENDPOINT = "866971030000077;460040000000077";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private PrintStream originalErr;

    @AfterEach
    void restore() throws Exception {
        if (originalErr != null) {
            System.setErr(originalErr);
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void closeDuringRetransmissionsLogsNoRejectedTaskAndReturnsWithinTheDeadline() throws Exception {
        // short ACK timeout: retransmission timers fire every few hundred ms while the platform shuts down
        LeshanPlatform platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false)
                .coapSettings(CoapSettings.defaults().withAckTimeout(Duration.ofMillis(100)).withMaxRetransmit(6))
                .start();
        toClose.add(platform);
        SilentDevice device = new SilentDevice(platform.coapPort());
        toClose.add(device);
        device.register();
        await("registration of " + ENDPOINT).atMost(WAIT).until(() -> platform.device(ENDPOINT).isPresent());

        ByteArrayOutputStream captured = captureStandardError();
        // Californium reports a task refused by a terminated executor at DEBUG (Exchange) or ERROR (SerialExecutor)
        for (Class<?> c : List.of(Exchange.class, SerialExecutor.class, BaseCoapStack.class)) {
            logAtDebug(c);
        }
        CompletableFuture<PlatformResult> read = CompletableFuture.supplyAsync(
                () -> platform.read(ENDPOINT, NodePath.resource(3, 0, 0), Duration.ofSeconds(30)));
        // the request went out and came again: a retransmission happened and the next one is scheduled
        await("a retransmitted read at the silent device").atMost(WAIT)
                .until(() -> device.received() >= 2);

        assertTimeoutPreemptively(WAIT, platform::close, "close() of a platform retransmitting a request");
        PlatformResult result = read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(result.isSuccess()).as("the read cut short by close(): %s", result).isFalse();

        String log = captured.toString(StandardCharsets.UTF_8);
        // the wrong order's mark: a task refused by an executor that already terminated (the endpoint still ran);
        // Californium's own DEBUG note of a task refused while an executor is shutting down is orderly
        assertThat(log).as("console while closing").doesNotContain("[Terminated")
                .doesNotContain(" ERROR ").doesNotContain(" WARN ");
    }

    /** slf4j-simple fixes a logger's level when it is made: set it on the instance, put back after the test. */
    private void logAtDebug(Class<?> loggerOf) throws ReflectiveOperationException {
        Logger logger = LoggerFactory.getLogger(loggerOf);
        if (!(logger instanceof SimpleLogger)) {
            throw new IllegalStateException("the test captures slf4j-simple's output, found " + logger.getClass());
        }
        Field level = SimpleLogger.class.getDeclaredField("currentLogLevel");
        level.setAccessible(true);
        int before = level.getInt(logger);
        level.setInt(logger, 10); // LOG_LEVEL_DEBUG
        toClose.add(() -> level.setInt(logger, before));
    }

    private ByteArrayOutputStream captureStandardError() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        originalErr = System.err;
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                copy.write(b);
                originalErr.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (copy) {
                    copy.write(b, off, len);
                }
                originalErr.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee); // slf4j-simple looks System.err up for every line
        return copy;
    }

    /** A device that registers over plain UDP and then answers nothing. */
    private static final class SilentDevice implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final int serverPort;
        private volatile int received;

        SilentDevice(int serverPort) throws Exception {
            this.serverPort = serverPort;
        }

        void register() throws Exception {
            Request post = Request.newPost();
            post.setType(CoAP.Type.CON);
            post.setMID(1);
            post.setToken(Token.fromProvider(new byte[] {1, 2, 3, 4}));
            post.getOptions().setUriPath("rd");
            post.getOptions().addUriQuery("ep=" + ENDPOINT).addUriQuery("lt=300").addUriQuery("lwm2m=1.0")
                    .addUriQuery("b=U");
            post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            post.setPayload("</3/0>");
            byte[] bytes = new UdpDataSerializer().getByteArray(post);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
            socket.setSoTimeout((int) WAIT.toMillis());
            DatagramPacket answer = new DatagramPacket(new byte[1500], 1500);
            socket.receive(answer);
            // the header's second byte is the code: 2.01 Created is 0x41
            assertThat(answer.getLength()).as("answer to the registration").isGreaterThanOrEqualTo(4);
            assertThat(answer.getData()[1] & 0xff).as("code of the answer to the registration")
                    .isEqualTo(CoAP.ResponseCode.CREATED.value);
            Thread reader = new Thread(this::count, "silent-device");
            reader.setDaemon(true);
            reader.start();
        }

        private void count() {
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            try {
                socket.setSoTimeout(0);
                while (!socket.isClosed()) {
                    socket.receive(p);
                    received++;
                }
            } catch (Exception e) {
                // closed
            }
        }

        int received() {
            return received;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
