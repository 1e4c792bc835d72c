package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.power.FakeLcusBoard;
import picocli.CommandLine;

/**
 * {@code relay} and {@code onenet check} on a rack of several modules: {@code --module NAME} picks one (its relay
 * channel on the shared board, its IMEI and IMSI); without it they name the rack's modules and stop.
 */
class RackModuleOptionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int relay(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "relay";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void relayPicksTheModulesChannelOnTheSharedBoard() throws Exception {
        try (FakeLcusBoard board = new FakeLcusBoard(4)) {
            Files.writeString(dir.resolve("profile.yaml"), "identity: {}\n");
            Path rack = Files.writeString(dir.resolve("rack-3.yaml"), """
                    name: rack-3
                    platform: {address: "10.0.0.2:5683"}
                    defaults: {profile: profile.yaml}
                    power: {driver: lcus, port: %s, off-time: 300ms}
                    modules:
                      - {name: m1, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                      - {name: m2, port: /dev/ttyUSB1, imei: "866971050123464", power: {channel: 2}}
                      - {name: m3, port: /dev/ttyUSB2, imei: "866971050123472", power: {channel: 3}}
                    """.formatted(board.port()));

            assertThat(relay("on", "--rack", rack.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("has 3 modules (m1, m2, m3): pick one with --module NAME");
            assertThat(relay("on", "--rack", rack.toString(), "--module", "m9")).isEqualTo(2);
            assertThat(err.toString()).contains("no module 'm9' in " + rack + " (its modules: m1, m2, m3)");
            assertThat(board.accepted()).isEmpty();

            assertThat(relay("on", "--rack", rack.toString(), "--module", "m2")).as(err.toString()).isZero();
            assertThat(out.toString()).startsWith("rack-3/m2: lcus " + board.port() + " channel 2: on in ");
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(2)).isTrue());
            assertThat(relay("cycle", "--rack", rack.toString(), "--module", "m3")).as(err.toString()).isZero();
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(3)).isTrue());
            // the other modules' relays were never switched
            assertThat(board.accepted()).allSatisfy(f -> assertThat(f.channel()).isIn(2, 3));
            assertThat(board.accepted()).filteredOn(f -> f.channel() == 3).extracting(FakeLcusBoard.Frame::on)
                    .containsExactly(false, true);
            assertThat(board.relay(1)).isNotEqualTo(Boolean.TRUE);

            // state reads every module's switch without --module
            out.getBuffer().setLength(0);
            assertThat(relay("state", "--rack", rack.toString())).as(err.toString()).isZero();
            assertThat(out.toString().lines()).hasSize(3)
                    .anySatisfy(l -> assertThat(l).startsWith("rack-3/m1: lcus " + board.port() + " channel 1: "))
                    .anySatisfy(l -> assertThat(l).startsWith("rack-3/m3: lcus " + board.port() + " channel 3: "));
        }
    }

    @Test
    void onenetCheckChecksThePickedModulesDevice() throws Exception {
        String key = "legacy-api-key-of-the-lab";
        try (LeshanPlatform leshan = LeshanPlatform.builder().start();
             OneNetHttpApi api = OneNetHttpApi.builder(leshan)
                     .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                     .credentials(new OneNetCredentials(Optional.of(key), Optional.empty(), Optional.empty(),
                             Optional.empty(), Optional.empty())).start()) {
            Path rack = Files.writeString(dir.resolve("lab.yaml"), """
                    name: lab-2
                    platform: {kind: onenet, url: "http://127.0.0.1:%d"}
                    defaults: {profile: %s}
                    power: {driver: virtual}
                    modules:
                      - {name: a, port: sim, imei: "866971030000091", imsi: "460041234567891"}
                      - {name: b, port: sim, imei: "866971030000109", imsi: "460041234567892"}
                    """.formatted(api.port(), Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath()));
            Map<String, String> env = Map.of(OneNetCredentials.API_KEY, key);

            String[] none = check(env, 2, "--rack", rack.toString());
            assertThat(none[1]).contains("has 2 modules (a, b): pick one with --module NAME");
            assertThat(check(env, 2, "--module", "b")[1]).contains("--module picks a module of a rack");

            String[] b = check(env, 0, "--rack", rack.toString(), "--module", "b");
            assertThat(b[0]).contains("866971030000109").doesNotContain("866971030000091").doesNotContain(key);
            assertThat(api.devices().byImei("866971030000109")).as("created with the rack's IMSI for b")
                    .hasValueSatisfying(d -> assertThat(d.imsi()).isEqualTo("460041234567892"));
            assertThat(api.devices().byImei("866971030000091")).isEmpty();
        }
    }

    private static String[] check(Map<String, String> env, int exit, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new OnenetCommandCheck(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), env));
        cli.setExitCodeExceptionMapper(t -> 2);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        int code = cli.execute(args);
        String[] r = {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        assertThat(code).as("%s%s", r[0], r[1]).isEqualTo(exit);
        return r;
    }
}
