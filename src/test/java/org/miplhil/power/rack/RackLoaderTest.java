package org.miplhil.power.rack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.link.LinkSpec;
import org.miplhil.json.Json;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.WakeSpec;
import org.miplhil.yaml.LoadResult;

class RackLoaderTest {

    private static final Path RACKS = Path.of("fixtures/racks");

    @TempDir
    Path dir;

    @BeforeEach
    void profile() throws IOException {
        Files.writeString(dir.resolve("profile.yaml"), "identity: {}\n");
    }

    private LoadResult<Rack> parse(String yaml) {
        return RackLoader.parse("r.yaml", yaml, dir);
    }

    private List<String> errors(String yaml) {
        return parse(yaml).errors();
    }

    private static final String MODULE = """
            module:
              port: /dev/ttyUSB0
              imei: "866971050123456"
              profile: profile.yaml
            platform:
              address: 10.0.0.2:5683
            """;

    private Rack rack(String power) {
        return parse(MODULE + power).orElseThrow();
    }

    @Test
    void everyShippedRackFileLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(RACKS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("example-lcus.yaml", "virtual.yaml");
        for (Path f : files) {
            assertThat(RackLoader.validate(f)).as(f.toString()).isEmpty();
        }
    }

    @Test
    void theLcusExample() {
        Rack rack = RackLoader.load(RACKS.resolve("example-lcus.yaml")).orElseThrow();
        assertThat(rack.name()).isEqualTo("bench-1");
        assertThat(rack.module().baud()).isEqualTo(115_200);
        assertThat(rack.module().imei()).isEqualTo("866971050123456");
        assertThat(rack.module().profile()).isEqualTo(RACKS.toAbsolutePath().resolve("../firmware/bc260y-cn.yaml").normalize());
        assertThat(rack.module().link()).containsInstanceOf(LinkSpec.Serial.class);
        assertThat(rack.platform()).hasToString("192.168.10.2:5683");
        assertThat(rack.offTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(rack.notes()).startsWith("Relay 1 (NO contact)");
        PowerSpec.Lcus lcus = (PowerSpec.Lcus) rack.power();
        assertThat(lcus.port()).isEqualTo("/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0");
        assertThat(lcus.baud()).isEqualTo(9600);
        assertThat(lcus.channel()).isEqualTo(1);
        assertThat(lcus.frames()).isEqualTo(PowerSpec.Frames.LCUS);
        assertThat(lcus.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theVirtualRack() {
        Rack rack = RackLoader.load(RACKS.resolve("virtual.yaml")).orElseThrow();
        assertThat(rack.module().isVirtual()).isTrue();
        assertThat(rack.module().link()).isEmpty();
        assertThat(rack.power()).isEqualTo(new PowerSpec.Virtual(PowerSpec.DEFAULT_TIMEOUT));
        assertThat(rack.offTime()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void everyDriverWithItsSettings() {
        PowerSpec.Lcus frames = (PowerSpec.Lcus) rack("""
                power:
                  driver: lcus
                  port: tcp:relay-server:4002
                  channel: 3
                  verify: false
                  frames:
                    on: 55 {ch} 01 {xor}
                    off: 55 {ch} 00 {xor}
                    query: 55 {ch} 02 {xor}
                    reply-on: AA {ch} 01 {xor}
                    reply-off: AA {ch} 00 {xor}
                """).power();
        assertThat(frames.frames().readable()).isTrue();
        assertThat(frames.verify()).isFalse();
        assertThat(frames.port()).isEqualTo("tcp:relay-server:4002");

        PowerSpec.Numato numato = (PowerSpec.Numato) rack("""
                power: {driver: numato, port: /dev/ttyACM0, channel: 12, timeout: 1.5s}
                """).power();
        assertThat(numato).isEqualTo(new PowerSpec.Numato("/dev/ttyACM0", 19_200, 12, true, Duration.ofMillis(1500)));

        PowerSpec.Http tasmota = (PowerSpec.Http) rack("""
                power: {driver: http, style: tasmota, host: plug.lab, channel: 2, user-env: U, password-env: P}
                """).power();
        assertThat(tasmota.auth()).isEqualTo(PowerSpec.Http.Auth.URL);
        assertThat(tasmota.onUrl()).isEqualTo("http://{host}/cm?user={user}&password={password}&cmnd=Power{ch}%20On");
        assertThat(tasmota.userEnv()).hasValue("U");

        PowerSpec.Http custom = (PowerSpec.Http) rack("""
                power:
                  driver: http
                  host: 10.0.0.9:8080
                  channel: 1
                  on: http://{host}/outlet?{ch}=ON
                  off: http://{host}/outlet?{ch}=OFF
                  state: http://{host}/status
                  state-regex: 'outlet{ch}=(ON|OFF)'
                  method: POST
                """).power();
        assertThat(custom.stateRegex()).hasValue("outlet{ch}=(ON|OFF)");
        assertThat(custom.method()).isEqualTo(PowerSpec.Http.Method.POST);

        PowerSpec.Gpio sysfs = (PowerSpec.Gpio) rack("""
                power: {driver: gpio, backend: sysfs, chip: gpiochip512, line: 17, active-low: true, sysfs-root: /tmp/g}
                """).power();
        assertThat(sysfs.backend()).isEqualTo(PowerSpec.Gpio.Backend.SYSFS);
        assertThat(sysfs.sysfsRoot()).isEqualTo(Path.of("/tmp/g"));
        PowerSpec.Gpio gpiod = (PowerSpec.Gpio) rack("""
                power: {driver: gpio, chip: gpiochip0, line: 4, gpiod-version: 2}
                """).power();
        assertThat(gpiod.gpiodVersion()).isEqualTo(PowerSpec.Gpio.GpiodVersion.V2);

        PowerSpec.Command command = (PowerSpec.Command) rack("""
                power:
                  driver: command
                  on: usbrelay HURTM_{ch}=1
                  off: [usbrelay, "HURTM_{ch}=0"]
                """).power();
        assertThat(command.on()).isEqualTo(PowerSpec.Invocation.shell("usbrelay HURTM_{ch}=1"));
        assertThat(command.off()).isEqualTo(PowerSpec.Invocation.of("usbrelay", "HURTM_{ch}=0"));
        assertThat(command.timeout()).isEqualTo(RackLoader.DEFAULT_COMMAND_TIMEOUT);
    }

    @Test
    void mistakesAreReportedWithTheirPositions() {
        assertThat(errors("""
                module:
                  port: /dev/ttyUSB0
                  imei: "86697105012345"
                  profile: missing.yaml
                  speed: 9600
                platform:
                  address: 10.0.0.2
                power:
                  driver: lcus
                  port: /dev/ttyUSB1
                  channel: one
                  chanel: 2
                """)).containsExactly(
                "r.yaml:3:9: module.imei must be 15 digits, found '86697105012345'",
                "r.yaml:4:12: module.profile: no such file " + dir.resolve("missing.yaml"),
                "r.yaml:5:3: unknown key 'speed' in module (known: port, baud, imei, profile)",
                "r.yaml:7:12: platform.address must be HOST:PORT as the module reaches the server (e.g. "
                        + "192.168.10.2:5683, [fd00::2]:5683), found '10.0.0.2'",
                "r.yaml:11:12: power.channel must be an integer, found 'one'",
                "r.yaml:12:3: unknown key 'chanel' in power (known: driver, timeout, off-time, port, baud, channel, "
                        + "frames, verify)");
    }

    @Test
    void anUnknownDriverIsNamedAndOtherKeysAreStillChecked() {
        assertThat(errors(MODULE + """
                power:
                  driver: tasmota
                  host: x
                  hots: y
                """)).containsExactly(
                "r.yaml:8:11: power.driver must be one of virtual, lcus, numato, http, gpio, command, found 'tasmota'",
                "r.yaml:10:3: unknown key 'hots' in power");
    }

    @Test
    void driverSpecificMistakes() {
        assertThat(errors(MODULE + """
                power:
                  driver: lcus
                  port: /dev/ttyUSB1@9600
                  channel: 1
                  frames:
                    on: A0 {ch} 01 {summ}
                    off: A0 {ch} 00 {sum}
                    query: A0 {ch} 02 {sum}
                """)).containsExactly(
                "r.yaml:9:9: power.port is a device path or tcp:HOST:PORT; write the baud rate in 'baud', found "
                        + "'/dev/ttyUSB1@9600'",
                "r.yaml:12:9: power.frames.on: '{summ}' is neither a hex byte (A0, 0xA0) nor one of {ch}, {sum}, "
                        + "{sum:N}, {xor}, {xor:N}",
                "r.yaml:12:5: power.frames: query, reply-on and reply-off go together (a board that can be asked "
                        + "for its state needs all three)");
        assertThat(errors(MODULE + """
                power:
                  driver: http
                  host: plug
                  channel: 1
                  style: shelly-gen2
                  user-env: SHELLY_USER
                  password-env: "hunter2 !"
                  state-regex: '"ison":true'
                """)).containsExactly(
                "r.yaml:13:17: power.password-env names an environment variable (letters, digits, _), found "
                        + "'hunter2 !'; the value itself never goes in a rack file",
                "r.yaml:12:3: Shelly Gen2 devices authenticate with HTTP digest, which the http driver does not "
                        + "speak: turn authentication off on the device, or use the command driver with curl --digest",
                "r.yaml:14:16: power.state-regex needs a group around the state, e.g. \"ison\":(true|false)");
        assertThat(errors(MODULE + """
                power: {driver: http, host: plug, channel: 1, on: "http://{host}/x?a={password}", off: "ftp://{host}/y"}
                """)).containsExactly(
                "r.yaml:7:88: power.off must be an http:// or https:// URL, found 'ftp://{host}/y'");
        assertThat(errors(MODULE + """
                power: {driver: http, host: plug, channel: 1, on: "http://{host}/x?a={password}", off: "http://{host}/y"}
                """)).containsExactly("r.yaml:7:8: power: {user} and {password} in a URL need auth: url");
        assertThat(errors(MODULE + """
                power: {driver: http, host: plug, channel: 1, on: "http://{host}/on", off: "http://{host}/off",
                        auth: url, password-env: PLUG_PASSWORD}
                """)).containsExactly("r.yaml:8:9: power: auth is url, but the on URL has no {password}: the "
                + "credentials would never be sent");
        assertThat(errors(MODULE + """
                power: {driver: gpio, backend: sysfs, line: 5, gpioset: /usr/bin/gpioset}
                """)).containsExactly("r.yaml:7:48: power.gpioset applies to backend gpiod, not sysfs");
        assertThat(errors(MODULE + """
                power: {driver: gpio, line: 5}
                """)).containsExactly("r.yaml:7:8: power is missing the key 'chip'");
        assertThat(errors(MODULE + """
                power: {driver: command, on: [], off: "x", state: "y", state-on: "(", timeout: 0s}
                """)).containsExactly(
                "r.yaml:7:80: power.timeout must be longer than 0",
                "r.yaml:7:30: power.on needs a program: [program, arg, ...]",
                "r.yaml:7:66: power.state-on is not a valid regular expression: Unclosed group near index 1",
                "r.yaml:7:51: power: a state command needs state-on and state-off (regular expressions searched in "
                        + "its output)");
    }

    @Test
    void theVirtualDriverAndTheSimPortGoTogether() {
        assertThat(errors("""
                module: {port: sim, imei: "866971050123456", profile: profile.yaml}
                platform: {address: "127.0.0.1:5683"}
                power: {driver: lcus, port: /dev/ttyUSB1, channel: 1}
                """)).containsExactly("r.yaml:3:8: the virtual module (module.port: sim) is switched by the virtual "
                + "driver, not lcus");
        assertThat(errors(MODULE + "power: {driver: virtual}\n")).containsExactly(
                "r.yaml:7:8: the virtual driver switches only the virtual module; module.port is '/dev/ttyUSB0' "
                        + "(use sim, or a relay driver)");
    }

    @Test
    void brokenFilesAreReportedNotThrown() {
        assertThat(errors("")).containsExactly("r.yaml:1:1: the file is empty");
        assertThat(errors("module: [unclosed")).singleElement().asString().startsWith("r.yaml:1:");
        assertThat(errors("- a list\n")).containsExactly("r.yaml:1:1: the rack file must be a mapping (key: value), "
                + "found a list");
        assertThat(errors("name: x\n")).containsExactly(
                "r.yaml:1:1: the rack file is missing the key 'module'",
                "r.yaml:1:1: the rack file is missing the key 'platform'",
                "r.yaml:1:1: the rack file is missing the key 'power'");
        assertThat(RackLoader.validate(dir.resolve("nope.yaml"))).singleElement().asString()
                .startsWith(dir.resolve("nope.yaml") + ":1:1: cannot read the rack file");
    }

    @Test
    void mutatedRackFilesNeverThrow() throws IOException {
        String valid = Files.readString(RACKS.resolve("example-tasmota.yaml"))
                + Files.readString(RACKS.resolve("example-command.yaml")).replaceAll("(?m)^(name|module|platform|power|notes):.*$", "");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = " :-[]{}\"'#\n\t0123456789abcxyz@/{}\\";
        for (int i = 0; i < 1_000; i++) {
            StringBuilder sb = new StringBuilder(valid);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            LoadResult<Rack> r = RackLoader.parse("m.yaml", sb.toString(), RACKS.toAbsolutePath());
            for (String error : r.errors()) {
                assertThat(error).as("seed %d", seed).matches("m\\.yaml:\\d+:\\d+: .+");
            }
        }
    }

    // ---- the JSON Schema and the loader must describe the same format

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema() throws IOException {
        Json.Parsed p = Json.parse(Files.readString(RACKS.resolve("schema/rack.schema.json")));
        assertThat(p).isInstanceOf(Json.Parsed.Ok.class);
        return (Map<String, Object>) Json.plain(((Json.Parsed.Ok) p).value());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> properties(Map<String, Object> node, String... path) {
        Object n = node;
        for (String step : path) {
            n = ((Map<String, Object>) n).get(step);
        }
        return new TreeSet<>(((Map<String, Object>) ((Map<String, Object>) n).get("properties")).keySet());
    }

    @Test
    void theSchemaHasTheLoadersKeys() throws IOException {
        Map<String, Object> schema = schema();
        assertThat(properties(schema)).isEqualTo(new TreeSet<>(RackLoader.TOP_KEYS));
        assertThat(properties(schema, "properties", "module")).isEqualTo(new TreeSet<>(RackLoader.MODULE_KEYS));
        assertThat(properties(schema, "properties", "platform")).isEqualTo(new TreeSet<>(RackLoader.PLATFORM_KEYS));
        @SuppressWarnings("unchecked")
        Map<String, Object> definitions = (Map<String, Object>) schema.get("definitions");
        Set<String> drivers = new TreeSet<>(definitions.keySet());
        drivers.removeAll(List.of("switch", "rack-module")); // a switch section; an entry of modules:
        assertThat(drivers).isEqualTo(new TreeSet<>(RackLoader.DRIVERS));
        assertThat(properties(schema, "definitions", "rack-module")).isEqualTo(new TreeSet<>(RackLoader.ENTRY_KEYS));
        assertThat(properties(schema, "properties", "defaults")).isEqualTo(new TreeSet<>(RackLoader.DEFAULTS_KEYS));
        assertThat(properties(schema, "properties", "wake")).containsExactly("driver");
        for (String driver : RackLoader.DRIVERS) {
            Set<String> keys = new TreeSet<>(RackLoader.COMMON_POWER_KEYS);
            keys.addAll(RackLoader.COMMON_WAKE_KEYS); // the definitions serve power: and wake:
            keys.addAll(RackLoader.DRIVER_KEYS.get(driver));
            assertThat(properties(schema, "definitions", driver)).as(driver).isEqualTo(new TreeSet<>(keys));
        }
        assertThat(properties(schema, "definitions", "lcus", "properties", "frames"))
                .isEqualTo(new TreeSet<>(RackLoader.FRAME_KEYS));
    }

    // ---- the wake: channel (PSM_EINT)

    private static final String RELAY = """
            power:
              driver: numato
              port: /dev/ttyACM0
              channel: 0
            """;

    @Test
    void aWakeChannelIsASwitchWithAPulse() {
        Rack rack = rack(RELAY + """
                wake:
                  driver: gpio
                  chip: gpiochip0
                  line: 22
                  pulse: 50ms
                """);
        WakeSpec wake = rack.wake().orElseThrow();
        assertThat(wake.line()).isInstanceOf(PowerSpec.Gpio.class);
        assertThat(wake.pulse()).isEqualTo(Duration.ofMillis(50));
        assertThat(rack(RELAY + """
                wake:
                  driver: numato
                  port: /dev/ttyACM0
                  channel: 1
                """).wake().orElseThrow().pulse()).isEqualTo(WakeSpec.DEFAULT_PULSE);
        assertThat(rack(RELAY).wake()).isEmpty();
    }

    @Test
    void aWakeChannelIsCheckedLikeThePowerSwitch() {
        assertThat(errors(MODULE + RELAY + """
                wake:
                  driver: numato
                  port: /dev/ttyACM0
                  off-time: 1s
                """)).anySatisfy(e -> assertThat(e).contains("'off-time'"))
                .anySatisfy(e -> assertThat(e).contains("channel"));
        assertThat(errors(MODULE + RELAY + """
                wake:
                  driver: numato
                  port: /dev/ttyACM0
                  channel: 1
                  pulse: 0ms
                """)).anySatisfy(e -> assertThat(e).contains("wake.pulse must be longer than 0"));
        assertThat(errors(MODULE + RELAY + """
                wake:
                  driver: virtual
                """)).anySatisfy(e -> assertThat(e).contains("the virtual driver pulls only the virtual module's PSM_EINT"));
        assertThat(errors(MODULE + RELAY + "power:\n  pulse: 1s\n")).isNotEmpty();
    }

    @Test
    void theVirtualRackPullsTheVirtualPin() {
        Rack rack = RackLoader.load(RACKS.resolve("virtual.yaml")).orElseThrow();
        assertThat(rack.wake()).hasValueSatisfying(w -> assertThat(w.line()).isInstanceOf(PowerSpec.Virtual.class));
    }
}
