package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./mipl-hil lint} on racks of several modules: what modules must not share, each clash naming both lines. */
class RackLintTest {

    @TempDir
    Path tmp;

    private String lint(int expectedExit, Path... paths) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        String[] args = new String[paths.length + 1];
        args[0] = "lint";
        for (int i = 0; i < paths.length; i++) {
            args[i + 1] = paths[i].toString();
        }
        assertThat(cli.execute(args)).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    private Path rack(String name, String modules) throws IOException {
        Path dir = tmp.resolve("racks");
        Files.createDirectories(dir);
        // a profile that loads (lint loads each module's): the default one, extended unchanged
        Files.writeString(dir.resolve("profile.txt"), "extends: "
                + Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath() + "\n");
        Path f = dir.resolve(name);
        Files.writeString(f, """
                platform: {address: 10.0.0.2:5683}
                defaults: {profile: profile.txt}
                power: {driver: lcus, port: /dev/ttyUSB9, baud: 9600}
                modules:
                """ + modules);
        return f;
    }

    @Test
    void theShippedRacksOfSeveralModulesAreClean() {
        assertThat(lint(0, Path.of("fixtures/racks/example-rack-8.yaml"), Path.of("fixtures/racks/virtual-3.yaml")))
                .isEqualTo("2 files (2 racks), 0 cases, 0 errors" + System.lineSeparator());
    }

    @Test
    void aRackOfTwoProfilesIsCleanAndAProfileThatDoesNotLoadIsNamedWithItsModule() throws IOException {
        assertThat(lint(0, Path.of("fixtures/racks/virtual-2-profiles.yaml")))
                .isEqualTo("1 file (1 rack), 0 cases, 0 errors" + System.lineSeparator());

        Path f = rack("broken-profile.yaml", """
                  - {name: m1, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}}
                  - {name: m2, port: /dev/ttyUSB1, imei: "866971050123464", power: {channel: 2}, profile: bad.yaml}
                """);
        Path bad = f.getParent().resolve("bad.yaml");
        Files.writeString(bad, "extends: profile.txt\nnetwork:\n  no-such-key: {value: 1, source: assumed, note: x}\n");

        String out = lint(2, f);

        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(f + ":6:91: module m2 (modules[1]): its firmware profile bad.yaml does"
                + " not load; " + bad + ":3:").contains("no-such-key");
        assertThat(lines.get(1)).isEqualTo("1 file (1 rack), 0 cases, 1 error");
    }

    @Test
    void everyKindOfDuplicateIsAnErrorNamingBothLines() throws IOException {
        Path f = rack("dups.yaml", """
                  - {name: m1, port: /dev/ttyUSB0, imei: "866971050123456", power: {channel: 1}, wake: {driver: gpio, chip: gpiochip0, line: 5}}
                  - {name: m1, port: /dev/ttyUSB1, imei: "866971050123464", power: {channel: 2}}
                  - {name: m3, port: /dev/ttyUSB0, imei: "866971050123472", power: {channel: 3}}
                  - {name: m4, port: /dev/ttyUSB3, imei: "866971050123456", power: {channel: 4}}
                  - {name: m5, port: /dev/ttyUSB4, imei: "866971050123480", power: {channel: 1}}
                  - {name: m6, port: /dev/ttyUSB5, imei: "866971050123498", power: {channel: 6}, wake: {driver: gpio, chip: gpiochip0, line: 5}}
                """);

        String out = lint(2, f.getParent());

        assertThat(out.lines()).containsExactly(
                f + ":6:12: duplicate module name 'm1' (first at " + f + ":5:12)",
                f + ":7:22: duplicate port /dev/ttyUSB0: module m3 and module m1 (first at " + f + ":5:22) would"
                        + " read the same UART",
                f + ":8:42: duplicate IMEI 866971050123456: module m4 and module m1 (first at " + f + ":5:42); the"
                        + " platform tells devices apart by their IMEI",
                f + ":9:78: module m5's power is channel 1 of the lcus board on /dev/ttyUSB9, as is module m1's power"
                        + " (first at " + f + ":5:78): a power cut on one would cut both",
                f + ":10:88: module m6's wake line is GPIO line 5 of gpiochip0, as is module m1's wake line (first at "
                        + f + ":5:88): a pulse on one would wake both",
                "1 file (1 rack), 0 cases, 5 errors");
    }
}
