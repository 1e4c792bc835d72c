package org.miplhil.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.Target;

/** The defaults ./mipl-hil run and the JUnit engine share. */
class LaunchSettingsTest {

    private static Target parse(String text) {
        return ((Target.Parsed.Ok) Target.parse(text)).target();
    }

    @Test
    void theVirtualModulesPlatformListensOnLoopbackOnFreePorts() throws Exception {
        LaunchSettings.Applied a = new LaunchSettings(null, null, null, null, null, null, null)
                .applyTo(RunOptions.builder());
        assertThat(a.ok()).isTrue();
        RunOptions o = a.options().build();
        assertThat(o.target().isSim()).isTrue();
        assertThat(o.platformBind()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(o.coapPort()).isZero();
        assertThat(o.bootstrapPort()).isZero();
        assertThat(o.simFaults()).isEmpty();
    }

    @Test
    void aRealModulesPlatformListensEverywhereOnTheLwm2mPorts() throws Exception {
        RunOptions o = new LaunchSettings(parse("tcp:127.0.0.1:7000"), Path.of("p.yaml"), "10.0.0.2", null, null,
                null, null).applyTo(RunOptions.builder()).options().build();
        assertThat(o.platformBind()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(o.coapPort()).isEqualTo(5683);
        assertThat(o.bootstrapPort()).isEqualTo(5684);
        assertThat(o.platformHost()).contains("10.0.0.2");
        assertThat(o.profile()).contains(Path.of("p.yaml"));

        RunOptions given = new LaunchSettings(parse("tcp:127.0.0.1:7000"), null, null, "127.0.0.1", 15683, 15684,
                null).applyTo(RunOptions.builder()).options().build();
        assertThat(given.platformBind()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(given.coapPort()).isEqualTo(15683);
        assertThat(given.bootstrapPort()).isEqualTo(15684);
    }

    @Test
    void wrongSettingsAndABadFaultPlanAreReportedNotThrown(@TempDir Path dir) throws Exception {
        LaunchSettings.Applied port = new LaunchSettings(null, null, null, null, 70000, null, null)
                .applyTo(RunOptions.builder());
        assertThat(port.settings()).containsExactly("a port must be 0..65535, found 70000");

        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, "faults:\n  - nonsense: [\n");
        LaunchSettings.Applied bad = new LaunchSettings(null, null, null, null, null, null, plan)
                .applyTo(RunOptions.builder());
        assertThat(bad.settings()).isEmpty();
        assertThat(bad.faultPlan()).isNotEmpty().allMatch(p -> p.contains("bad.yaml"));

        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "faults:\n  - {on: command, match: '^AT$', action: delay, value: 10ms}\n");
        RunOptions ok = new LaunchSettings(null, null, null, null, null, null, good).applyTo(RunOptions.builder())
                .options().build();
        assertThat(ok.simFaultsFile()).contains(good);
        assertThat(ok.simFaults()).isPresent();
    }
}
