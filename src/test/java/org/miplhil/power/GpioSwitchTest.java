package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpioSwitchTest {

    @Test
    void gpiodV2SetsWithExitAtOnceAndReadsAsIs(@TempDir Path dir) throws Exception {
        FakeGpiod gpiod = new FakeGpiod(dir, 2);
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.gpiod("gpiochip0", 17).activeLow(true).build(),
                gpiod.environment())) {
            sw.on();
            assertThat(gpiod.value()).isEqualTo("1");
            assertThat(sw.state()).isEqualTo(PowerReading.readBack(PowerState.ON));
            sw.off();
            assertThat(sw.state().state()).isEqualTo(PowerState.OFF);
        }
        assertThat(gpiod.calls()).containsExactly(
                "gpioset -t0 -l -c gpiochip0 17=1",
                "gpioget -a -l -c gpiochip0 17",
                "gpioset -t0 -l -c gpiochip0 17=0",
                "gpioget -a -l -c gpiochip0 17");
    }

    @Test
    void gpiodV1UsesItsOwnSyntaxAndTracksTheState(@TempDir Path dir) throws Exception {
        FakeGpiod gpiod = new FakeGpiod(dir, 1);
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.gpiod("gpiochip1", 4).build(), gpiod.environment())) {
            sw.on();
            PowerReading r = sw.state();
            assertThat(r.state()).isEqualTo(PowerState.ON);
            assertThat(r.origin()).isEqualTo(PowerReading.Origin.TRACKED);
            assertThat(r.note()).contains("would make the line an input");
            sw.off();
        }
        // gpioget never runs with v1: it would reconfigure the relay's line as an input
        assertThat(gpiod.calls()).containsExactly("gpioset gpiochip1 4=1", "gpioset gpiochip1 4=0");
        assertThat(gpiod.value()).isEqualTo("0");
    }

    @Test
    void aFixedVersionSkipsTheQuestion(@TempDir Path dir) throws Exception {
        FakeGpiod gpiod = new FakeGpiod(dir, 2);
        Files.writeString(dir.resolve("version"), "something else entirely\n");
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.gpiod("gpiochip0", 3)
                .gpiodVersion(PowerSpec.Gpio.GpiodVersion.V1).activeLow(true).build(), gpiod.environment())) {
            sw.on();
        }
        assertThat(gpiod.calls()).containsExactly("gpioset -l gpiochip0 3=1");
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.gpiod("gpiochip0", 3).build(), gpiod.environment())) {
            assertThatThrownBy(sw::on)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.CONFIGURATION))
                    .hasMessageContaining("cannot tell the libgpiod version")
                    .hasMessageContaining("something else entirely");
        }
    }

    @Test
    void aFailingGpiosetIsRefusedWithItsStderr(@TempDir Path dir) throws Exception {
        FakeGpiod gpiod = new FakeGpiod(dir, 2);
        gpiod.failWith("gpioset: unable to request lines on chip '/dev/gpiochip0': Device or resource busy\n");
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.gpiod("gpiochip0", 17).build(), gpiod.environment())) {
            assertThatThrownBy(sw::off)
                    .isInstanceOfSatisfying(PowerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PowerException.Kind.REFUSED);
                        assertThat(e.target()).isEqualTo("gpiochip0 line 17");
                    })
                    .hasMessageContaining("exit status 1")
                    .hasMessageContaining("Device or resource busy");
        }
    }

    @Test
    void aMissingGpiosetIsUnreachable(@TempDir Path dir) {
        GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.gpiod("gpiochip0", 17)
                .gpiodVersion(PowerSpec.Gpio.GpiodVersion.V2).build(), Map.of("PATH", dir.toString()));
        assertThatThrownBy(sw::on)
                .isInstanceOfSatisfying(PowerException.class,
                        e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.UNREACHABLE))
                .hasMessageContaining("program 'gpioset' not found on PATH");
    }

    @Test
    void gpiogetOutputForms() {
        assertThat(GpioSwitch.parseGet("\"17\"=active\n")).hasValue(PowerState.ON);
        assertThat(GpioSwitch.parseGet("GPIO17=inactive")).hasValue(PowerState.OFF);
        assertThat(GpioSwitch.parseGet("1\n")).hasValue(PowerState.ON);
        assertThat(GpioSwitch.parseGet("0")).hasValue(PowerState.OFF);
        assertThat(GpioSwitch.parseGet("error")).isEmpty();
        assertThat(GpioSwitch.parseVersion("gpioset (libgpiod) v1.6.3")).hasValue(PowerSpec.Gpio.GpiodVersion.V1);
        assertThat(GpioSwitch.parseVersion("gpioset (libgpiod) v2.2.1")).hasValue(PowerSpec.Gpio.GpiodVersion.V2);
        assertThat(GpioSwitch.parseVersion("v3.0")).isEmpty();
    }

    // ---- sysfs, in a directory laid out like /sys/class/gpio

    private static Path sysfsLine(Path root, int number, String direction) throws Exception {
        Files.writeString(root.resolve("export"), "");
        Files.writeString(root.resolve("unexport"), "");
        Path line = Files.createDirectories(root.resolve("gpio" + number));
        Files.writeString(line.resolve("direction"), direction);
        Files.writeString(line.resolve("value"), "0");
        Files.writeString(line.resolve("active_low"), "0");
        return line;
    }

    @Test
    void sysfsSetsTheRawLevelThroughDirectionAndReadsTheValue(@TempDir Path root) throws Exception {
        Path line = sysfsLine(root, 23, "in");
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.sysfs(23).sysfsRoot(root).activeLow(true).build(), Map.of())) {
            PowerReading before = sw.state();
            assertThat(before.state()).isEqualTo(PowerState.UNKNOWN);
            assertThat(before.note()).contains("'in', not an output");
            sw.on();
            // active low: on is a low line; the kernel takes "low" as an output at level 0 in one step
            assertThat(Files.readString(line.resolve("direction"))).isEqualTo("low");
            assertThat(Files.readString(line.resolve("active_low"))).isEqualTo("1");
            // what the kernel would show: direction out, logical value 1 (active)
            Files.writeString(line.resolve("direction"), "out");
            Files.writeString(line.resolve("value"), "1");
            assertThat(sw.state()).isEqualTo(PowerReading.readBack(PowerState.ON));
            sw.off();
            assertThat(Files.readString(line.resolve("direction"))).isEqualTo("high");
        }
        assertThat(Files.readString(root.resolve("export"))).isEmpty(); // already exported: left alone
    }

    @Test
    void sysfsChipBaseIsAddedToTheLine(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("gpiochip512"));
        Files.writeString(root.resolve("gpiochip512/base"), "512\n");
        Path line = sysfsLine(root, 529, "out");
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.sysfs(17).chip("gpiochip512").sysfsRoot(root).build(),
                Map.of())) {
            sw.on();
        }
        assertThat(Files.readString(line.resolve("direction"))).isEqualTo("high");
        assertThat(Files.readString(line.resolve("active_low"))).isEqualTo("0");
    }

    @Test
    void sysfsExportsALineThatIsNotThereAndSaysWhenItDoesNotAppear(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("export"), "");
        try (GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.sysfs(6).sysfsRoot(root)
                .timeout(Duration.ofMillis(300)).build(), Map.of())) {
            assertThatThrownBy(sw::on)
                    .isInstanceOfSatisfying(PowerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PowerException.Kind.UNREACHABLE);
                        assertThat(e.driver()).isEqualTo("gpio");
                    })
                    .hasMessageContaining("wrote 6 to " + root.resolve("export"))
                    .hasMessageContaining(root.resolve("gpio6") + " did not appear");
        }
        assertThat(Files.readString(root.resolve("export"))).isEqualTo("6");
    }

    @Test
    void sysfsWithoutTheInterfaceIsUnreachable(@TempDir Path root) {
        GpioSwitch sw = new GpioSwitch(PowerSpec.Gpio.sysfs(6).sysfsRoot(root.resolve("nothing")).build(), Map.of());
        assertThatThrownBy(sw::on)
                .isInstanceOfSatisfying(PowerException.class,
                        e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.UNREACHABLE))
                .hasMessageContaining("cannot write '6' to " + root.resolve("nothing/export") + ": no such file");
    }
}
