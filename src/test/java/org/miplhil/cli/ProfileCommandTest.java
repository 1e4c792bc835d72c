package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./mipl-hil profile learn} in-process against the virtual module: its files, its output, its exit codes. */
class ProfileCommandTest {

    private static int learn(PrintStream out, String... args) {
        CommandLine cli = new CommandLine(new ProfileCommand.Learn(out, out));
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        return cli.execute(args);
    }

    @Test
    void the_command_writes_the_profile_and_its_difference_and_exits_0(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("learned.yaml");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int rc = learn(new PrintStream(text, true, StandardCharsets.UTF_8),
                "--faults", "fixtures/faults/wrong-error-code.yaml", "--out", out.toString(), "--revision", "R9");
        assertThat(rc).as(text.toString(StandardCharsets.UTF_8)).isZero();
        String md = Files.readString(dir.resolve("learned.diff.md"));
        assertThat(md).contains("| errors.open.lifetime-range | 652 |").contains("| 651 |")
                .contains("observed:R9 ");
        assertThat(Files.readString(out)).contains("open.lifetime-range: {value: 651, source: \"observed:R9 ");
    }

    @Test
    void a_target_that_is_none_is_a_usage_error() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int rc = learn(new PrintStream(text, true, StandardCharsets.UTF_8),
                "--target", "usb:nothing");
        assertThat(rc).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("invalid target 'usb:nothing'");
    }

    @Test
    void a_module_that_answers_nothing_is_probes_that_could_not_run() throws IOException {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int rc = learn(new PrintStream(text, true, StandardCharsets.UTF_8), "--target",
                    "tcp:127.0.0.1:" + silent.getLocalPort(), "--ready-within", "2");
            assertThat(rc).as(text.toString(StandardCharsets.UTF_8)).isEqualTo(1);
            assertThat(text.toString(StandardCharsets.UTF_8)).contains("did not answer AT with OK within 2 s");
        }
    }

    @Test
    void fota_options_that_do_not_go_together_are_usage_errors() {
        String[][] wrong = {
            {"--fota-version", "R2"},
            {"--fota-package", "fixtures/firmware/packages/BC260YCNAAR01A03-to-BETA0721.delta"},
            {"--no-fota", "--fota-package", "fixtures/firmware/packages/BC260YCNAAR01A03-to-BETA0721.delta",
                "--fota-version", "R2"},
            {"--fota-package", "fixtures/firmware/packages/no-such.delta", "--fota-version", "R2"},
        };
        for (String[] args : wrong) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int rc = learn(new PrintStream(text, true, StandardCharsets.UTF_8), args);
            assertThat(rc).as(String.join(" ", args) + ": " + text.toString(StandardCharsets.UTF_8)).isEqualTo(2);
            assertThat(text.toString(StandardCharsets.UTF_8)).contains("mipl-hil profile learn: ");
        }
    }

    @Test
    void the_platform_options_are_checked_as_runs_are() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(text, true, StandardCharsets.UTF_8);
        assertThat(learn(p, "--coap-port", "70000")).isEqualTo(2);
        assertThat(learn(p, "--platform", "container")).isEqualTo(2);
        assertThat(learn(p, "--platform", "nowhere")).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("a port must be 0..65535, found 70000",
                "--platform container is for run", "--platform must be one of embedded, onenet, container");
    }

    @Test
    void a_rack_names_the_port_and_its_module_or_it_is_a_usage_error() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        assertThat(learn(out, "--rack", "fixtures/racks/virtual-3.yaml", "--target", "sim")).isEqualTo(2);
        assertThat(learn(out, "--module", "a")).isEqualTo(2);
        assertThat(learn(out, "--rack", "fixtures/racks/virtual-3.yaml")).isEqualTo(2);
        assertThat(learn(out, "--rack", "fixtures/racks/virtual-3.yaml", "--module", "z")).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("the rack file names the module's port")
                .contains("--module is for a rack").contains("pick one with --module NAME")
                .contains("no module 'z' in fixtures/racks/virtual-3.yaml");
    }

    @Test
    void a_port_that_cannot_be_opened_is_a_target_error() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int rc = learn(new PrintStream(text, true, StandardCharsets.UTF_8), "--target", "serial:/dev/no-such-port-here");
        assertThat(rc).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("cannot open serial port /dev/no-such-port-here");
    }

    @Test
    void profile_diff_exits_1_when_two_profiles_differ_and_0_when_they_do_not() {
        CommandLine same = new CommandLine(new ProfileCommand.Diff());
        assertThat(same.execute("fixtures/firmware/bc260y-cn.yaml", "fixtures/firmware/bc260y-cn.yaml")).isZero();
        CommandLine other = new CommandLine(new ProfileCommand.Diff());
        assertThat(other.execute("fixtures/firmware/bc260y-cn.yaml", "fixtures/firmware/bc260y-cn-strict.yaml"))
                .isEqualTo(1);
    }
}
