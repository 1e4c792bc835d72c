package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil run --platform onenet} in-process: its options checked before anything runs, a OneNET that
 * cannot be reached breaks the cases with the reason, and the credentials in the environment never reach a report.
 * No test reaches the internet: every URL is on loopback.
 */
class RunOnOneNetTest {

    static final String PROFILE = RunCommandTest.PROFILE;
    static final String SECRET = "k3y-S3cr3t-0001-onenet";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        RunCommand command = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        cli.setExitCodeExceptionMapper(t -> 2);
        return cli.execute(args);
    }

    private Path suite(String text) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text.replace("PROFILE", PROFILE), StandardCharsets.UTF_8);
        return f;
    }

    private static final String PLAIN = """
            suite: on OneNET
            fixtures:
              profile: PROFILE
            cases:
              - name: the module answers
                steps:
                  - send: AT
            """;

    @Test
    void badOneNetOptionsGiveExit2NamingTheOptionAndWhatWasExpected() throws Exception {
        Path s = suite(PLAIN);
        assertThat(run(Map.of(), s.toString(), "--platform", "onenet", "--onenet-coap", "183.230.40.40")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mipl-hil run: --onenet-coap must be HOST:PORT"
                + " (e.g. 183.230.40.40:5683, [fd00::2]:5683), found '183.230.40.40'");
        err.reset();
        assertThat(run(Map.of(), s.toString(), "--platform", "cloud")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("mipl-hil run: --platform must be one of embedded, onenet, container, found 'cloud'");
        err.reset();
        assertThat(run(Map.of(), s.toString(), "--onenet-api", "current")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--onenet-api is for --platform onenet; the platform is embedded");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aRacksPushBindIsCheckedAsTheOptionIs() throws Exception {
        Path s = suite(PLAIN);
        Path rack = Files.writeString(dir.resolve("lab.yaml"), String.join("\n", "name: lab-1", "module:",
                "  port: sim", "  imei: \"866971030000091\"", "  profile: " + PROFILE, "platform:", "  kind: onenet",
                "  push-bind: 127.0.0.1:0", "power:", "  driver: virtual", ""));
        assertThat(run(Map.of(), s.toString(), "--rack", rack.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "mipl-hil run: --push-bind is for the push receiver: give --push-url too (or the rack's push-url)");
        err.reset();
        // --platform embedded over the rack leaves its OneNET keys aside, push-bind with them
        Path reports = dir.resolve("r");
        assertThat(run(Map.of(), s.toString(), "--rack", rack.toString(), "--platform", "embedded", "--report",
                reports.toString())).as("%s%s", out, err).isZero();
    }

    @Test
    void aOneNetThatCannotBeReachedBreaksTheCasesWithTheReason() throws Exception {
        Path s = suite(PLAIN);
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        int code = run(Map.of("ONENET_API_KEY", SECRET), s.toString(), "--platform", "onenet",
                "--onenet-url", "http://127.0.0.1:" + closed, "--onenet-coap", "127.0.0.1:" + closed,
                "--onenet-bootstrap", "127.0.0.1:" + closed, "--report", dir.resolve("r").toString());

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console + err).isEqualTo(1);
        assertThat(console).contains("BROKEN  on OneNET / the module answers")
                .contains("cannot start OneNET as the platform: OneNET's legacy API at http://127.0.0.1:" + closed)
                .doesNotContain(SECRET);
    }

    @Test
    void credentialsInTheEnvironmentNeverReachAReportATranscriptOrTheConsole() throws Exception {
        Path s = suite("""
                suite: secrets
                fixtures:
                  profile: PROFILE
                variables:
                  key: %s
                cases:
                  - name: a command carrying the key
                    steps:
                      - send: AT+QSECRET="${key}"
                        expect: any
                      - send: AT
                        lines: ["${key}"]
                """.formatted(SECRET));
        Path reports = dir.resolve("reports");

        int code = run(Map.of("ONENET_API_KEY", SECRET), s.toString(), "--report", reports.toString());

        String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console).isEqualTo(1);
        assertThat(console).doesNotContain(SECRET);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(reports)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(f -> f.toString().contains("transcripts"))
                .anyMatch(f -> f.toString().contains("junit")).anyMatch(f -> f.toString().contains("allure-results"));
        boolean masked = false;
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            assertThat(text).as("%s", f).doesNotContain(SECRET);
            masked |= text.contains("******");
        }
        assertThat(masked).as("the key was there to redact").isTrue();
        assertThat(Files.readString(reports.resolve("transcripts/secrets/a-command-carrying-the-key.txt")))
                .contains("TX AT+QSECRET=\"******\"");
    }
}
