package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.link.Chunk;
import org.miplhil.link.LinkListener;
import org.miplhil.link.SerialLink;
import picocli.CommandLine;

class SimCommandTest {

    static final class Captured {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final SimCommand command = new SimCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        int run(String... args) {
            CommandLine cli = new CommandLine(command);
            cli.setExitCodeExceptionMapper(t -> 2);
            return cli.execute(args);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theNvFileGivesTheRevisionAndStays(@TempDir Path dir) throws Exception {
        Path nv = dir.resolve("module.nv");
        Files.writeString(nv, "revision=BC260YCNAAR01A03_BETA0721\nstage=IDLE\nprogress=0\nresult=1\nreport=false\n");
        Path link = dir.resolve("bc260y");
        Captured c = new Captured();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> c.run("--link", link.toString(),
                "--stand-in", "--nv", nv.toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.out().contains("+IP: 10.177.135.245"));
        assertThat(c.out()).contains("non-volatile storage: " + nv + " (revision BC260YCNAAR01A03_BETA0721)");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (SerialLink serial = SerialLink.open(link.toString())) {
            serial.start(new LinkListener() {
                @Override
                public void onChunk(Chunk chunk) {
                    synchronized (received) {
                        received.write(chunk.bytes(), 0, chunk.bytes().length);
                    }
                }
            });
            serial.write("ATI\r".getBytes(StandardCharsets.US_ASCII));
            await("ATI answered").atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (received) {
                    return received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\nOK\r\n");
                }
            });
        }
        assertThat(received.toString(StandardCharsets.ISO_8859_1)).contains("Revision: BC260YCNAAR01A03_BETA0721\r\n");
        c.command.stop();
        assertThat(exit.get()).isZero();
        assertThat(Files.readString(nv)).as("a file given with --nv stays").contains("revision=BC260YCNAAR01A03_BETA0721");
    }

    @Test
    void runsOnALinkedPseudoTerminalLogsTrafficAndCleansUp(@TempDir Path dir) throws Exception {
        Path link = dir.resolve("bc260y");
        Captured c = new Captured();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> c.run("--link", link.toString(),
                "--server", "127.0.0.1:5683", "--faults", "fixtures/faults/wrong-error-code.yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.out().contains("+IP: 10.177.135.245"));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(c.out()).contains("serial port: /dev/pts/").contains("linked at: " + link)
                .contains("faults: fixtures/faults/wrong-error-code.yaml (1)").contains("127.0.0.1:5683");

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (SerialLink serial = SerialLink.open(link.toString())) {
            serial.start(new LinkListener() {
                @Override
                public void onChunk(Chunk chunk) {
                    synchronized (received) {
                        received.write(chunk.bytes(), 0, chunk.bytes().length);
                    }
                }
            });
            serial.write("AT+MIPLVER?\r".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (received) {
                    return received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\nOK\r\n");
                }
            });
        }
        assertThat(received.toString(StandardCharsets.ISO_8859_1)).isEqualTo("AT+MIPLVER?\r\r\n+MIPLVER: 2.3.0\r\n\r\nOK\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> c.out().contains(" -> OK"));
        assertThat(c.out()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} <- AT\\+MIPLVER\\?")
                .containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} -> \\+MIPLVER: 2\\.3\\.0");

        c.command.stop();
        assertThat(exit.get()).isZero();
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void missingProfileIsAConfigurationError() {
        Captured c = new Captured();
        assertThat(c.run("--profile", "no/such/profile.yaml")).isEqualTo(2);
        assertThat(c.err()).contains("no firmware profile at no/such/profile.yaml").contains("--profile FILE");
    }

    @Test
    void badProfileAndFaultPlanAreReportedWithTheirPositions(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("p.yaml");
        Files.writeString(profile, "identity: 3\n");
        Captured c = new Captured();
        assertThat(c.run("--profile", profile.toString())).isEqualTo(2);
        assertThat(c.err()).contains(profile + ":1:11: 'identity' must be a mapping");

        Path plan = dir.resolve("f.yaml");
        Files.writeString(plan, "faults:\n  - {on: urc, match: 'x', action: melt}\n");
        Captured d = new Captured();
        assertThat(d.run("--faults", plan.toString())).isEqualTo(2);
        assertThat(d.err()).contains(plan + ":2:35: faults[0].action must be one of");
    }

    @Test
    void badServerIsAUsageError() {
        Captured c = new Captured();
        assertThat(c.run("--server", "localhost")).isEqualTo(2);
        assertThat(c.err()).contains("--server must be HOST:PORT");
    }

    @Test
    void mainKnowsTheSubcommand() {
        assertThat(Main.run("sim", "--profile", "no/such/profile.yaml")).isEqualTo(2);
    }
}
