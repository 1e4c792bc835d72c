package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.power.FakeLcusBoard;
import picocli.CommandLine;

/** {@code ./mipl-hil relay} in-process, against a fake LCUS board on a real pseudo-terminal. */
class RelayCommandTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private FakeLcusBoard board;
    private Path rack;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void rack() throws Exception {
        board = new FakeLcusBoard(2);
        Files.writeString(dir.resolve("profile.yaml"), "identity: {}\n");
        rack = Files.writeString(dir.resolve("bench.yaml"), """
                name: bench-9
                module: {port: /dev/ttyUSB0, imei: "866971050123456", profile: profile.yaml}
                platform: {address: "10.0.0.2:5683"}
                power:
                  driver: lcus
                  port: %s
                  channel: 2
                  off-time: 300ms
                """.formatted(board.port()));
    }

    @AfterEach
    void unplug() {
        board.close();
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void onAndOffSwitchTheBoardsRelay() {
        assertThat(run("relay", "on", "--rack", rack.toString())).isEqualTo(0);
        assertThat(out.toString()).startsWith("bench-9: lcus " + board.port() + " channel 2: on in ");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(2)).isTrue());
        assertThat(run("relay", "off", "--rack", rack.toString())).isEqualTo(0);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(2)).isFalse());
        assertThat(board.rejected()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void wakePulsesTheRacksWakeChannelClosedThenOpen() throws Exception {
        assertThat(run("relay", "wake", "--rack", rack.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("has no wake: channel");
        Files.writeString(rack, Files.readString(rack) + """
                wake:
                  driver: lcus
                  port: %s
                  channel: 1
                  pulse: 50ms
                """.formatted(board.port()));
        assertThat(run("relay", "wake", "--rack", rack.toString())).isEqualTo(0);
        assertThat(out.toString()).contains(": PSM_EINT pulsed (50ms) in ");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.accepted()).hasSize(2));
        assertThat(board.accepted()).extracting(FakeLcusBoard.Frame::on).containsExactly(true, false);
        assertThat(board.relay(1)).isFalse();
        assertThat(board.accepted()).extracting(FakeLcusBoard.Frame::channel).containsOnly(1); // not the supply
    }

    @Test
    void cycleHoldsTheRackFilesOffTimeOrTheOption() {
        assertThat(run("relay", "cycle", "--rack", rack.toString())).isEqualTo(0);
        assertThat(out.toString()).contains(": cycle (off 300ms) in ");
        long before = System.nanoTime();
        assertThat(run("relay", "cycle", "--rack", rack.toString(), "--off-time", "0.5s")).isEqualTo(0);
        assertThat(out.toString()).contains(": cycle (off 500ms) in ");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.accepted()).hasSize(4));
        assertThat(board.accepted()).extracting(FakeLcusBoard.Frame::on).containsExactly(false, true, false, true);
        // a lower bound that holds however late the board reads: on cannot be sent before the hold is over
        assertThat(Duration.ofNanos(board.accepted().get(3).nanoTime() - before))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void stateOfAWriteOnlyBoardSaysItCannotBeRead() {
        assertThat(run("relay", "state", "--rack", rack.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("unknown (tracked: this board cannot be read back");
    }

    @Test
    void aMissingBoardIsAnInfrastructureFailure() {
        board.close();
        assertThat(run("relay", "off", "--rack", rack.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("mipl-hil relay: power lcus " + board.port() + " channel 2: off failed "
                + "(unreachable): cannot open serial port " + board.port());
    }

    @Test
    void anInvalidRackFileIsAConfigurationError() throws Exception {
        Files.writeString(rack, Files.readString(rack).replace("channel: 2", "channel: two"));
        assertThat(run("relay", "on", "--rack", rack.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(rack + ":7:12: power.channel must be an integer, found 'two'"
                + System.lineSeparator());
        assertThat(board.accepted()).isEmpty();
    }

    @Test
    void usageMistakes() {
        assertThat(run("relay", "toggle", "--rack", rack.toString())).isEqualTo(2);
        assertThat(run("relay", "on")).isEqualTo(2);
        assertThat(run("relay", "cycle", "--rack", rack.toString(), "--off-time", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--off-time must be a duration such as 500ms, 2s or 1.5s, found 'soon'");
        assertThat(run("relay", "on", "--rack", Path.of("fixtures/racks/virtual.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is the virtual module; its power input is switched inside the process");
    }
}
