package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.RelayControl;
import picocli.CommandLine;

class NetworkRelayCommandTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    private record Run(NetworkRelayCommand command, StringWriter out, StringWriter err,
                       CompletableFuture<Integer> exit) {
        String stdout() {
            synchronized (out) {
                return out.toString();
            }
        }
    }

    private static Run run(String... args) {
        NetworkRelayCommand command = new NetworkRelayCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
        return new Run(command, out, err, exit);
    }

    @Test
    void relaysFromItsListenAddressAndTakesConditionsOverItsControlApi() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Run run = run("--listen", "127.0.0.1:0=127.0.0.1:" + server.getLocalPort(), "--control", "127.0.0.1:0",
                    "--seed", "7", "--network", "{delay: 100ms, uplink: {loss: 0%}}");
            await("ready").atMost(WAIT).untilAsserted(() ->
                    assertThat(run.stdout()).as("stdout (stderr: %s)", run.err).contains("ready"));
            Matcher listen = Pattern.compile("(?m)^listen 127\\.0\\.0\\.1:(\\d+) -> 127\\.0\\.0\\.1:"
                    + server.getLocalPort() + "$").matcher(run.stdout());
            assertThat(listen.find()).as(run.stdout()).isTrue();
            Matcher control = Pattern.compile("(?m)^control (http://\\S+)$").matcher(run.stdout());
            assertThat(control.find()).as(run.stdout()).isTrue();
            assertThat(run.stdout()).contains("conditions inline (both ways: delay 100ms), seed 7");

            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            client.send(new DatagramPacket(hello, hello.length,
                    new InetSocketAddress("127.0.0.1", Integer.parseInt(listen.group(1)))));
            server.setSoTimeout((int) WAIT.toMillis());
            DatagramPacket got = new DatagramPacket(new byte[64], 64);
            server.receive(got);
            assertThat(new String(got.getData(), 0, got.getLength(), StandardCharsets.UTF_8)).isEqualTo("hello");

            RelayControl api = new RelayControl(URI.create(control.group(1)));
            assertThat(api.stats().uplink().delivered()).isEqualTo(1);
            api.apply(NetworkConditions.none());
            assertThat(api.conditions()).isEqualTo(NetworkConditions.none());

            run.command().stop.countDown();
            assertThat(run.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void isRegisteredInMain() {
        assertThat(Main.commandLine().getSubcommands()).containsKey("network-relay");
    }

    @Test
    void usageErrorsExitWith2AndSayWhy() throws Exception {
        Run badRoute = run("--listen", "127.0.0.1:0");
        assertThat(badRoute.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(badRoute.err().toString()).contains("LISTEN-HOST:PORT=TARGET-HOST:PORT");

        Run badNetwork = run("--listen", "127.0.0.1:0=127.0.0.1:9", "--network", "{loss: 15}");
        assertThat(badNetwork.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(badNetwork.err().toString()).contains("--network.loss must be a percentage");

        Run unknownProfile = run("--listen", "127.0.0.1:0=127.0.0.1:9", "--network", "nbiot-moon");
        assertThat(unknownProfile.exit().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(unknownProfile.err().toString()).contains("nbiot-lossy");
    }
}
