package org.miplhil.power.rack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.power.PowerSpec;
import org.miplhil.yaml.LoadResult;

/** Rack files with a {@code modules:} list: the layering of the rack's sections, and what modules must not share. */
class RackModulesTest {

    private static final Path RACKS = Path.of("fixtures/racks");

    @TempDir
    Path dir;

    @BeforeEach
    void profiles() throws IOException {
        Files.writeString(dir.resolve("profile.yaml"), "identity: {}\n");
        Files.writeString(dir.resolve("other.yaml"), "identity: {}\n");
    }

    private LoadResult<Rack> parse(String yaml) {
        return RackLoader.parse("r.yaml", yaml, dir);
    }

    private List<String> errors(String yaml) {
        return parse(yaml).errors();
    }

    /** A relay board given once; lines 1-8, the modules from line 9. */
    private static final String BOARD = """
            platform:
              address: 10.0.0.2:5683
            defaults:
              profile: profile.yaml
            power:
              driver: numato
              port: /dev/ttyACM0
              off-time: 3s
            modules:
            """;

    @Test
    void theVirtualRackOfThree() {
        Rack rack = RackLoader.load(RACKS.resolve("virtual-3.yaml")).orElseThrow();
        assertThat(rack.hasSeveralModules()).isTrue();
        assertThat(rack.moduleNames()).containsExactly("a", "b", "c");
        assertThat(rack.modules()).allSatisfy(m -> {
            assertThat(m.isVirtual()).isTrue();
            assertThat(m.power()).isInstanceOf(PowerSpec.Virtual.class);
            assertThat(m.wake()).isPresent();
            assertThat(m.offTime()).isEqualTo(Duration.ofMillis(500));
            assertThat(m.module().profile()).isEqualTo(RACKS.toAbsolutePath().resolve("../firmware/bc260y-cn.yaml")
                    .normalize());
        });
        assertThat(rack.modules()).extracting(m -> m.module().imei()).doesNotHaveDuplicates();
        // the first module stands for the rack where a caller reads one
        assertThat(rack.module()).isEqualTo(rack.modules().get(0).module());
    }

    @Test
    void theEightModuleRackSharesOneBoard() {
        Rack rack = RackLoader.load(RACKS.resolve("example-rack-8.yaml")).orElseThrow();
        assertThat(rack.modules()).hasSize(8);
        assertThat(rack.modules()).extracting(m -> ((PowerSpec.Numato) m.power()).channel())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(rack.modules()).extracting(m -> ((PowerSpec.Numato) m.power()).port()).containsOnly(
                "/dev/serial/by-id/usb-Numato_Systems_Pvt._Ltd._Numato_Lab_8_Channel_USB_Relay_Module-if00");
        assertThat(rack.modules()).allSatisfy(m -> {
            assertThat(m.module().baud()).isEqualTo(115_200);
            assertThat(m.offTime()).isEqualTo(Duration.ofSeconds(2));
            assertThat(m.module().link()).isPresent();
        });
        assertThat(rack.moduleNamed("m7").orElseThrow().imsi()).hasValue("460041234567897");
        assertThat(rack.moduleNamed("m1").orElseThrow().imsi()).isEmpty();
    }

    @Test
    void aModuleGivesItsChannelAndMayOverrideTheRest() {
        Rack rack = parse(BOARD + """
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                  - {name: b, port: "tcp:ser2net.lab:4001", imei: "866971050123464", baud: 9600, profile: other.yaml,
                     power: {channel: 2, off-time: 1s}}
                  - {name: c, port: /dev/ttyUSB2, imei: "866971050123472", imsi: "460041234567891",
                     power: {driver: lcus, port: /dev/ttyUSB9, channel: 1}}
                """).orElseThrow();
        RackModule a = rack.modules().get(0);
        RackModule b = rack.modules().get(1);
        RackModule c = rack.modules().get(2);
        assertThat(a.power()).isEqualTo(new PowerSpec.Numato("/dev/ttyACM0", 19_200, 1, true, PowerSpec.DEFAULT_TIMEOUT));
        assertThat(a.offTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(a.module().profile()).isEqualTo(dir.resolve("profile.yaml"));
        assertThat(b.offTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.module().baud()).isEqualTo(9600);
        assertThat(b.module().profile()).isEqualTo(dir.resolve("other.yaml"));
        // another driver takes nothing from the rack's power: (the numato port would be an unknown key of lcus)
        assertThat(c.power()).isInstanceOf(PowerSpec.Lcus.class);
        assertThat(c.offTime()).isEqualTo(RackLoader.DEFAULT_OFF_TIME);
        assertThat(c.imsi()).hasValue("460041234567891");
    }

    @Test
    void aRackOfOneIsOneModuleNamedLikeTheRack() {
        Rack rack = RackLoader.load(RACKS.resolve("example-lcus.yaml")).orElseThrow();
        assertThat(rack.hasSeveralModules()).isFalse();
        assertThat(rack.modules()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("bench-1");
            assertThat(m.power()).isEqualTo(rack.power());
            assertThat(m.module()).isEqualTo(rack.module());
        });
        assertThat(rack.pick(null).rack()).containsSame(rack);
        // a modules: list of one is a rack of one
        Rack one = parse(BOARD + "  - {name: solo, port: /dev/ttyUSB0, imei: \"866971050123456\", power: {channel: 4}}\n")
                .orElseThrow();
        assertThat(one.hasSeveralModules()).isFalse();
        assertThat(((PowerSpec.Numato) one.power()).channel()).isEqualTo(4);
    }

    @Test
    void pickingOneModule() {
        Rack rack = RackLoader.load(RACKS.resolve("example-rack-8.yaml")).orElseThrow();
        Rack.Pick none = rack.pick(null);
        assertThat(none.rack()).isEmpty();
        assertThat(none.problem()).endsWith("has 8 modules (m1, m2, m3, m4, m5, m6, m7, m8): pick one with --module NAME");
        assertThat(rack.pick("m9").problem()).contains("no module 'm9'").contains("(its modules: m1, m2,");
        Rack m3 = rack.pick("m3").rack().orElseThrow();
        assertThat(m3.hasSeveralModules()).isFalse();
        assertThat(m3.name()).isEqualTo("rack-8");
        assertThat(((PowerSpec.Numato) m3.power()).channel()).isEqualTo(2);
        assertThat(m3.module().imei()).isEqualTo("866971051240120");
    }

    // ---- what modules must not share: each an error at the second use, naming the first

    @Test
    void duplicateNames() {
        assertThat(errors(BOARD + """
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                  - {name: a, port: /dev/ttyUSB1, imei: "866971050123464", power: {channel: 2}}
                """)).containsExactly("r.yaml:11:12: duplicate module name 'a' (first at r.yaml:10:12)");
    }

    @Test
    void duplicatePorts() {
        assertThat(errors(BOARD + """
                  - {name: a, port: "tcp:ser2net.lab:4001", imei: "866971050123456", power: {channel: 1}}
                  - {name: b, port: "tcp:SER2NET.lab:4001", imei: "866971050123464", power: {channel: 2}}
                """)).containsExactly("r.yaml:11:21: duplicate port tcp:SER2NET.lab:4001: module b and module a"
                + " (first at r.yaml:10:21) would read the same UART");
    }

    @Test
    void duplicateImeis() {
        assertThat(errors(BOARD + """
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                  - {name: b, port: /dev/ttyUSB1, imei: "866971050123456", power: {channel: 2}}
                """)).containsExactly("r.yaml:11:41: duplicate IMEI 866971050123456: module b and module a (first"
                + " at r.yaml:10:41); the platform tells devices apart by their IMEI");
    }

    @Test
    void theSameRelayChannelOnTheSameBoard() {
        assertThat(errors(BOARD + """
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                  - {name: b, port: /dev/ttyUSB1, imei: "866971050123464", power: {channel: 1}}
                  - {name: c, port: /dev/ttyUSB2, imei: "866971050123472", power: {driver: lcus, port: /dev/ttyACM1, channel: 1}}
                """)).containsExactly("r.yaml:11:77: module b's power is channel 1 of the numato board on /dev/ttyACM0,"
                + " as is module a's power (first at r.yaml:10:77): a power cut on one would cut both");
        // the same channel number on another board, or the virtual modules' own inputs, are no clash
        assertThat(errors("""
                platform: {address: 127.0.0.1:5683}
                defaults: {profile: profile.yaml}
                power: {driver: virtual}
                modules:
                  - {name: a, port: sim, imei: "866971050123456"}
                  - {name: b, port: sim, imei: "866971050123464"}
                """)).isEmpty();
        // a module without a channel of its own takes the rack's: two of them share it
        assertThat(errors("""
                platform: {address: 10.0.0.2:5683}
                defaults: {profile: profile.yaml}
                power: {driver: http, style: tasmota, host: plug.lab, channel: 1}
                modules:
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456"}
                  - {name: b, port: /dev/ttyUSB1, imei: "866971050123464"}
                """)).containsExactly("r.yaml:6:5: module b's power is channel 1 of the outlet at plug.lab, as is"
                + " module a's power (first at r.yaml:5:5): a power cut on one would cut both");
    }

    @Test
    void duplicateWakeLines() {
        assertThat(errors(BOARD + """
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1},
                     wake: {driver: gpio, chip: gpiochip0, line: 22}}
                  - {name: b, port: /dev/ttyUSB1, imei: "866971050123464", power: {channel: 2},
                     wake: {driver: gpio, chip: gpiochip0, line: 22}}
                  - {name: c, port: /dev/ttyUSB2, imei: "866971050123472", power: {channel: 3},
                     wake: {driver: numato, port: /dev/ttyACM0, channel: 1}}
                """)).containsExactly(
                "r.yaml:13:12: module b's wake line is GPIO line 22 of gpiochip0, as is module a's wake line (first"
                        + " at r.yaml:11:12): a pulse on one would wake both",
                "r.yaml:15:58: module c's wake line is channel 1 of the numato board on /dev/ttyACM0, as is module"
                        + " a's power (first at r.yaml:10:77): one switch cannot be a supply and a wake line");
    }

    @Test
    void aRelayBoardIsNoModulesUart() {
        assertThat(errors(BOARD + """
                  - {name: a, port: /dev/ttyACM0, imei: "866971050123456", power: {channel: 1}}
                """)).containsExactly("r.yaml:10:77: module a's power board is on /dev/ttyACM0, module a's UART (at"
                + " r.yaml:10:21)");
    }

    // ---- the format's own mistakes

    @Test
    void mistakesOfTheList() {
        assertThat(errors(BOARD + """
                  - {name: "a b", port: /dev/ttyUSB0, imei: "86697105012345", imsi: x1, power: {channel: one}}
                  - {port: sim, imei: "866971050123464", power: {chanel: 2}}
                  - just a word
                """)).containsExactly(
                "r.yaml:10:12: modules[0].name names a folder and a word of --modules: letters, digits, '.', '_' or"
                        + " '-', at most 64, found 'a b'",
                "r.yaml:10:45: modules[0].imei must be 15 digits, found '86697105012345'",
                "r.yaml:10:69: modules[0].imsi must be 6 to 15 digits, found 'x1'",
                "r.yaml:10:90: power.channel must be an integer, found 'one'",
                "r.yaml:11:5: modules[1] is missing the key 'name'",
                "r.yaml:11:49: power is missing the key 'channel'",
                "r.yaml:11:50: unknown key 'chanel' in power (known: driver, timeout, off-time, port, baud, channel,"
                        + " verify)",
                "r.yaml:12:5: modules[2] must be a mapping (key: value), found 'just a word'");
    }

    @Test
    void aMistakeInTheRacksDefaultsIsReportedOnce() {
        assertThat(errors("""
                platform: {address: 10.0.0.2:5683}
                defaults: {profile: nope.yaml, speed: 1}
                power: {driver: numato, port: /dev/ttyACM0, baud: fast}
                modules:
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                  - {name: b, port: /dev/ttyUSB1, imei: "866971050123464", power: {channel: 2}}
                """)).containsExactly(
                "r.yaml:2:32: unknown key 'speed' in defaults (known: baud, profile)",
                "r.yaml:2:21: defaults.profile: no such file " + dir.resolve("nope.yaml"),
                "r.yaml:3:51: power.baud must be an integer, found 'fast'");
    }

    @Test
    void moduleAndModulesExcludeEachOther() {
        assertThat(errors(BOARD + """
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                module: {port: /dev/ttyUSB1, imei: "866971050123464", profile: profile.yaml}
                """)).containsExactly("r.yaml:11:1: module: and modules: exclude each other: a rack of several"
                + " modules lists each under modules: (a rack of one may use either)");
        assertThat(errors("""
                module: {port: /dev/ttyUSB1, imei: "866971050123464", profile: profile.yaml}
                defaults: {baud: 9600}
                platform: {address: 10.0.0.2:5683}
                power: {driver: numato, port: /dev/ttyACM0, channel: 0}
                """)).containsExactly("r.yaml:2:1: defaults: gives the entries of a modules: list their baud and"
                + " profile; a rack file with module: writes them under module:");
        assertThat(errors("platform: {address: 10.0.0.2:5683}\nmodules: []\n"))
                .containsExactly("r.yaml:2:10: modules: lists at least one module");
    }

    @Test
    void aModuleNeedsASwitchAndAProfile() {
        assertThat(errors("""
                platform: {address: 10.0.0.2:5683}
                modules:
                  - {name: a, port: /dev/ttyUSB0, imei: "866971050123456"}
                """)).containsExactly(
                "r.yaml:3:5: modules[0] is missing the key 'profile' (or give it once in defaults:)",
                "r.yaml:3:5: modules[0] is missing the key 'power' (or give the rack a power: its modules share, each"
                        + " module its channel)");
    }

    @Test
    void virtualAndRealModulesDoNotMix() {
        assertThat(errors("""
                platform: {address: 10.0.0.2:5683}
                defaults: {profile: profile.yaml}
                modules:
                  - {name: a, port: sim, imei: "866971050123456", power: {driver: virtual}}
                  - {name: b, port: /dev/ttyUSB0, imei: "866971050123464", power: {driver: numato, port: /dev/ttyACM0, channel: 0}}
                """)).containsExactly("r.yaml:5:21: module b: a rack's modules are all virtual (port: sim) or all"
                + " real; module a is virtual (at r.yaml:4:21)");
    }
}
