package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.container.ContainerException;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.PlatformLab;
import org.miplhil.suite.run.ContainerPlatform;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil run --platform container}: Docker missing or a lab that cannot start ends the run with exit 2
 * before any case, saying why; without it a case with {@code network:} is skipped with the reason.
 */
class ContainerPlatformRunTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger starts = new AtomicInteger();

    private int run(ContainerPlatform.Labs labs, String... args) {
        RunCommand command = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        command.labs = labs;
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        cli.setExitCodeExceptionMapper(t -> 2);
        return cli.execute(args);
    }

    private Path suite() throws IOException {
        Path f = dir.resolve("net.yaml");
        Files.writeString(f, """
                suite: under a slow network
                tags: [network]
                network: {delay: 200ms, loss: 5%, uplink: {duplicate: 1%}}
                cases:
                  - name: the module answers AT
                    steps:
                      - send: AT
                        expect: OK
                """, StandardCharsets.UTF_8);
        return f;
    }

    private ContainerPlatform.Labs labs(DockerStatus status, String failure) {
        return new ContainerPlatform.Labs() {
            @Override
            public DockerStatus docker() {
                return status;
            }

            @Override
            public PlatformLab start() throws ContainerException {
                starts.incrementAndGet();
                throw new ContainerException(failure);
            }
        };
    }

    @Test
    void withoutDockerTheRunEndsWithExit2BeforeAnyCaseSayingWhyAndWhatToDo() throws Exception {
        int code = run(labs(DockerStatus.down("no Docker engine at unix:///var/run/docker.sock"), "unused"),
                suite().toString(), "--platform", "container", "--report", dir.resolve("reports").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("--platform container needs Docker, which is not available here: no Docker engine"
                + " at unix:///var/run/docker.sock").contains("Start a Docker engine (dockerd; check with 'docker"
                + " info')");
        assertThat(starts).hasValue(0);
        assertThat(dir.resolve("reports")).as("no case ran, no report was written").doesNotExist();
    }

    @Test
    void aLabThatCannotStartEndsTheRunWithExit2AndTheContainersLastLines() throws Exception {
        String logs = IntStream.rangeClosed(1, 100).mapToObj(i -> "platform log line " + i)
                .collect(Collectors.joining("\n"));
        int code = run(labs(DockerStatus.up("20.10"), "the platform container exited with 1:\n" + logs),
                suite().toString(), "--platform", "container", "--report", dir.resolve("reports").toString());
        assertThat(code).isEqualTo(2);
        assertThat(starts).hasValue(1);
        assertThat(err()).contains("cannot start the platform in a container: (last 40 lines)")
                .contains("platform log line 100").contains("platform log line 61")
                .doesNotContain("platform log line 60\n");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void theEmbeddedPlatformSkipsANetworkCaseWithTheReason() throws Exception {
        int code = run(labs(DockerStatus.down("never asked"), "never started"), suite().toString(),
                "--report", dir.resolve("reports").toString());
        assertThat(code).as("out: %s%nerr: %s", out(), err()).isZero();
        assertThat(starts).hasValue(0);
        String results = allureResults();
        assertThat(results).contains("\"status\":\"skipped\"").contains("network conditions need the platform in a"
                + " container (--platform container): the platform is the embedded platform, where no relay stands"
                + " between module and platform; the case asks for inline (uplink: delay 200ms, loss 5%, duplicate"
                + " 1%; downlink: delay 200ms, loss 5%)");
    }

    @Test
    void theEmbeddedPlatformsOptionsAndARealModuleAreRefusedWithTheContainer() throws Exception {
        assertThat(run(labs(DockerStatus.up("20.10"), "x"), suite().toString(), "--platform", "container",
                "--coap-port", "5683")).isEqualTo(2);
        assertThat(err()).contains("--coap-port is the embedded platform's; with --platform container");
        assertThat(run(labs(DockerStatus.up("20.10"), "x"), suite().toString(), "--platform", "container",
                "--onenet-url", "http://127.0.0.1:8080")).isEqualTo(2);
        assertThat(err()).contains("--onenet-url is for --platform onenet; the platform is in a container");
        assertThat(run(labs(DockerStatus.up("20.10"), "x"), suite().toString(), "--platform", "container",
                "--target", "tcp:127.0.0.1:7000")).isEqualTo(2);
        assertThat(err()).contains("which a real module cannot reach");
        assertThat(starts).hasValue(0);
    }

    private String allureResults() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.walk(dir.resolve("reports"))) {
            for (Path p : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                b.append(Files.readString(p));
            }
        }
        return b.toString();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
