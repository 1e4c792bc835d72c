package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil run --parallel 2} in-process: one embedded platform for the modules by default (each module its
 * endpoint), a platform each with {@code --platform-per-module}; read from the modules' transcripts.
 */
class ParallelPlatformRunTest {

    static final String PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath().toString();
    static final Pattern CONFIG_PORT = Pattern.compile("TX AT\\+MIPLCONFIG=0,\\d,0,\"127\\.0\\.0\\.1\",(\\d+)");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RunCli.run(out, err, args);
    }

    private Path registering() throws IOException {
        Path f = dir.resolve("register.yaml");
        Files.writeString(f, """
                suite: registers
                fixtures:
                  profile: PROFILE
                cases:
                  - name: the module registers at the platform
                    steps:
                      - state: registered
                        objects: []
                      - expect-platform: registered
                        within: 10s
                teardown:
                  - send: AT+MIPLDELETE=0
                    expect: any
                """.replace("PROFILE", PROFILE), StandardCharsets.UTF_8);
        return f;
    }

    /** The platform ports of each module's transcripts, by module. */
    private Set<String> portsOf(Path reports, String module) throws IOException {
        Set<String> ports = new TreeSet<>();
        try (Stream<Path> files = Files.walk(reports.resolve("transcripts").resolve(module))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = CONFIG_PORT.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    ports.add(m.group(1));
                }
            }
        }
        return ports;
    }

    @Test
    void parallelModulesShareOneEmbeddedPlatformByDefault() throws Exception {
        Path reports = dir.resolve("reports");
        int code = run(registering().toString(), "--parallel", "2", "--replicate", "--report", reports.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; output:%n%s%n%s", text, err).isZero();
        Matcher line = Pattern.compile("one embedded platform for the modules at coap://127\\.0\\.0\\.1:(\\d+)")
                .matcher(text);
        assertThat(line.find()).as("the fleet's platform line in:%n%s", text).isTrue();
        assertThat(portsOf(reports, "sim-1")).containsExactly(line.group(1));
        assertThat(portsOf(reports, "sim-2")).containsExactly(line.group(1));
    }

    @Test
    void platformPerModuleGivesEachModuleItsOwnPlatform() throws Exception {
        Path reports = dir.resolve("reports");
        int code = run(registering().toString(), "--parallel", "2", "--replicate", "--platform-per-module",
                "--report", reports.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; output:%n%s%n%s", text, err).isZero();
        assertThat(text).doesNotContain("one embedded platform");
        Set<String> first = portsOf(reports, "sim-1");
        Set<String> second = portsOf(reports, "sim-2");
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(List.copyOf(first)).doesNotContainAnyElementsOf(second);
    }
}
