package org.miplhil.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Device;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.Links;
import org.miplhil.link.SerialSettings;
import org.miplhil.report.CaseResult;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.suite.run.Target;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/**
 * ser2net in a container in front of the virtual module's pseudo-terminal: the module (its real LwM2M client) is
 * a hardware target at {@code tcp:127.0.0.1:PORT}, and real suites run through the container against the run's
 * embedded platform.
 */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class Ser2netContainerIT {

    @Test
    void aModuleBehindSer2netAnswersOverTcpAndTheContainerGoesAway() throws Exception {
        try (ModuleOnPty module = ModuleOnPty.start();
             Ser2netContainer ser2net = Ser2netContainer.start(SerialSettings.of(module.pty().slavePath().toString()))) {
            assertThat(ser2net.target()).isEqualTo("tcp:127.0.0.1:" + ser2net.port());
            assertThat(ser2net.config()).contains("connector: serialdev,/dev/ttyMODULE,115200n81,local",
                    "kickolduser: true");
            String name = ser2net.name();
            assertThat(name).startsWith("mipl-hil-ser2net-");
            try (ModuleSession session = ModuleSession.open(Links.open(ser2net.link()))) {
                assertThat(session.send("AT").isOk()).isTrue();
                assertThat(session.send("AT+MIPLVER?").lines()).singleElement().asString().startsWith("+MIPLVER: ");
            }
            // a second connection after the first is closed reaches the module too (a new run on the rack)
            try (ModuleSession again = ModuleSession.open(Links.open(ser2net.link()))) {
                assertThat(again.send("AT").isOk()).isTrue();
            }
            ser2net.close();
            assertThat(containerExists(name)).as("container %s removed", name).isFalse();
        }
    }

    @Test
    void catalogueAndExampleCasesPassThroughSer2netAsAHardwareTarget(@TempDir Path dir) throws Exception {
        try (ModuleOnPty module = ModuleOnPty.start();
             Ser2netContainer ser2net = Ser2netContainer.start(SerialSettings.of(module.pty().slavePath().toString()))) {
            Target target = ((Target.Parsed.Ok) Target.parse(ser2net.target())).target();
            assertThat(target).isInstanceOf(Target.Hardware.class);
            RunOptions options = RunOptions.builder().target(target).build();
            RunResult registration = run(options, List.of(Path.of("suites/catalogue/chapter7-registration.yaml")),
                    TagSelection.all());
            RunResult read = run(options, List.of(Path.of("suites/examples/light-control.yaml")),
                    TagSelection.parse("doc:7.3.1 | doc:3.3.4").selection().orElseThrow());

            assertThat(verdicts(registration)).as(evidence(registration, ser2net)).containsOnly(
                    Map.entry("7.2.2: registration with bootstrap, observe, discover, object deleted, deregistration",
                            Status.PASSED),
                    Map.entry("7.2.3: registration without bootstrap, observe, discover, object deleted, "
                            + "deregistration", Status.PASSED));
            assertThat(verdicts(read)).as(evidence(read, ser2net)).containsOnly(
                    Map.entry("AT+MIPLVER? reports the OneNET SDK version", Status.PASSED),
                    Map.entry("A float read answered by the MCU reaches the platform as 1.88", Status.PASSED));
        }
    }

    /**
     * Why the pty is bind-mounted: passed with --device, Docker makes a new node (mknod) for 136:N on the
     * container's /dev, and the kernel opens a pty slave only through its devpts node (devpts_get_priv), so the
     * open fails with EIO though the device cgroup allows it. If this ever passes, --device would do.
     */
    @Test
    void aPtyPassedWithDeviceCannotBeOpenedInTheContainer() throws Exception {
        try (ModuleOnPty module = ModuleOnPty.start()) {
            String device = module.pty().slavePath().toRealPath().toString();
            String image = Ser2netImage.ensure().tag();
            try (GenericContainer<?> c = Containers.container(image)
                    .withCreateContainerCmdModifier(cmd -> {
                        cmd.withName("mipl-hil-ser2net-device-" + ProcessHandle.current().pid());
                        cmd.withEntrypoint("/bin/busybox", "sh", "-c",
                                "ls -l /dev/ttyMODULE; if echo AT > /dev/ttyMODULE; then echo opened; fi; exit 0");
                        cmd.getHostConfig().withDevices(new Device("rwm", "/dev/ttyMODULE", device));
                    })
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)))) {
                c.start(); // runs to its end (exit 0 whatever the open did), its output kept until close
                assertThat(c.getLogs()).contains("136,", "/dev/ttyMODULE: Input/output error")
                        .doesNotContain("opened");
            }
        }
    }

    private static boolean containerExists(String name) {
        try {
            DockerClientFactory.instance().client().inspectContainerCmd(name).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private static RunResult run(RunOptions options, List<Path> suites, TagSelection tags) throws IOException {
        RunPlan plan = RunPlan.load(suites, options, tags);
        assertThat(plan.errors()).isEmpty();
        RunRecorder recorder = RunRecorder.builder().build();
        try (SuiteRunner runner = new SuiteRunner(options, recorder)) {
            return runner.run(plan);
        }
    }

    /** What a failing case met (its failure and transcript) and ser2net's output, for the assertion's message. */
    private static String evidence(RunResult run, Ser2netContainer ser2net) {
        StringBuilder b = new StringBuilder("ser2net: ").append(ser2net.logs());
        run.suites().stream().flatMap(s -> s.cases().stream()).filter(c -> c.status() != Status.PASSED)
                .forEach(c -> b.append("\n--- ").append(c.info().name()).append(": ").append(c.failure())
                        .append('\n').append(c.transcript()));
        return b.toString();
    }

    private static Map<String, Status> verdicts(RunResult run) {
        return run.suites().stream().flatMap(s -> s.cases().stream())
                .collect(Collectors.toMap(c -> c.info().name(), CaseResult::status));
    }
}
