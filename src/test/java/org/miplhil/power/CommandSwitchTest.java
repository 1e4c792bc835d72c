package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** External commands: real programs, exit statuses, stderr, deadlines. */
class CommandSwitchTest {

    private static final Map<String, String> ENV = System.getenv();

    /** A relay script: {@code relay.sh on|off|state CH} keeps each channel's state in a file next to it. */
    private static Path relayScript(Path dir) throws Exception {
        Path p = dir.resolve("relay.sh");
        Files.writeString(p, """
                #!/bin/sh
                d=$(dirname "$0")
                echo "$*" >> "$d/calls.log"
                case "$1" in
                  on|off) echo "$1" > "$d/ch$2" ;;
                  state) echo "relay $2 is $(cat "$d/ch$2" 2>/dev/null || echo off)" ;;
                  *) echo "usage: relay.sh on|off|state CH" >&2; exit 64 ;;
                esac
                """);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void runsTheCommandsWithTheChannelAndReadsTheState(@TempDir Path dir) throws Exception {
        String script = relayScript(dir).toString();
        PowerSpec.Command spec = PowerSpec.Command.builder(
                        PowerSpec.Invocation.of(script, "on", "{ch}"), PowerSpec.Invocation.of(script, "off", "{ch}"))
                .state(PowerSpec.Invocation.of(script, "state", "{ch}"), Pattern.compile("is on"), Pattern.compile("is off"))
                .channel(3).build();
        try (CommandSwitch sw = new CommandSwitch(spec, ENV)) {
            sw.on();
            assertThat(sw.state()).isEqualTo(PowerReading.readBack(PowerState.ON));
            sw.off();
            assertThat(sw.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));
        }
        assertThat(Files.readAllLines(dir.resolve("calls.log")))
                .containsExactly("on 3", "state 3", "off 3", "state 3");
    }

    @Test
    void aShellLineRunsUnderSh(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        PowerSpec.Command spec = PowerSpec.Command.builder(
                PowerSpec.Invocation.shell("echo on-{ch} | tr a-z A-Z > '" + out + "'"),
                PowerSpec.Invocation.shell("true")).channel(2).build();
        try (CommandSwitch sw = new CommandSwitch(spec, ENV)) {
            sw.on();
            assertThat(sw.state()).isEqualTo(PowerReading.tracked(PowerState.ON,
                    "no state command in the rack file; the last state this process set"));
        }
        assertThat(Files.readString(out).strip()).isEqualTo("ON-2");
    }

    @Test
    void aNonZeroExitIsRefusedWithStderr(@TempDir Path dir) throws Exception {
        String script = relayScript(dir).toString();
        PowerSpec.Command spec = PowerSpec.Command.builder(PowerSpec.Invocation.of(script, "bogus"),
                PowerSpec.Invocation.of(script, "off", "{ch}")).build();
        try (CommandSwitch sw = new CommandSwitch(spec, ENV)) {
            assertThatThrownBy(sw::on)
                    .isInstanceOfSatisfying(PowerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PowerException.Kind.REFUSED);
                        assertThat(e.action()).isEqualTo(PowerAction.ON);
                        assertThat(e.driver()).isEqualTo("command");
                    })
                    .hasMessageContaining(script + " bogus exited with status 64")
                    .hasMessageContaining("stderr: usage: relay.sh on|off|state CH");
        }
    }

    @Test
    void aCommandThatHangsIsKilledAtTheDeadline(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        PowerSpec.Command spec = PowerSpec.Command.builder(
                        PowerSpec.Invocation.shell("sleep 60 & echo $! > '" + pidFile + "'; wait"),
                        PowerSpec.Invocation.of("true"))
                .timeout(Duration.ofMillis(500)).build();
        try (CommandSwitch sw = new CommandSwitch(spec, ENV)) {
            assertThatThrownBy(sw::on)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.TIMEOUT))
                    .hasMessageContaining("did not finish within 500 ms and was killed");
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        // the grandchild is gone too, not left holding the relay's port
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void anAmbiguousStateOutputIsABadReply(@TempDir Path dir) throws Exception {
        PowerSpec.Command spec = PowerSpec.Command.builder(PowerSpec.Invocation.of("true"), PowerSpec.Invocation.of("true"))
                .state(PowerSpec.Invocation.shell("echo 'relay: unknown'"), Pattern.compile("\\bON\\b"),
                        Pattern.compile("\\bOFF\\b"))
                .build();
        try (CommandSwitch sw = new CommandSwitch(spec, ENV)) {
            assertThatThrownBy(sw::state)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.BAD_REPLY))
                    .hasMessageContaining("matches neither state-on /\\bON\\b/ nor state-off /\\bOFF\\b/")
                    .hasMessageContaining("stdout: 'relay: unknown'");
        }
    }

    @Test
    void channelSubstitution() {
        assertThat(CommandSwitch.argv(PowerSpec.Invocation.of("usbrelay", "HURTM_{ch}=1"), 2))
                .isEqualTo(List.of("usbrelay", "HURTM_2=1"));
        assertThat(CommandSwitch.argv(PowerSpec.Invocation.shell("uhubctl -l 1-1 -p {ch} -a off"), 4))
                .isEqualTo(List.of("/bin/sh", "-c", "uhubctl -l 1-1 -p 4 -a off"));
    }
}
