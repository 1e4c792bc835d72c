package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options run, mutate and soak share come from mixins; each command keeps its names and defaults. */
class SharedOptionsTest {

    private static List<String> names(Object command) {
        return new CommandLine(command).getCommandSpec().options().stream()
                .map(o -> o.longestName()).sorted().toList();
    }

    @Test
    void runKeepsItsOptionsAndDefaults() {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs();
        assertThat(run.report.report).isEqualTo(Path.of("reports"));
        assertThat(run.profile.profile).isNull();
        assertThat(run.platform.coapPort).isNull();
        assertThat(names(new RunCommand())).containsExactly("--bootstrap-port", "--breaker", "--coap-port", "--help",
                "--imei", "--imsi", "--max-failures", "--modules", "--no-health-check", "--onenet-api", "--onenet-bootstrap", "--onenet-coap", "--onenet-product", "--onenet-url",
                "--parallel", "--platform", "--platform-bind", "--platform-host", "--platform-per-module", "--profile", "--push-bind", "--push-url", "--rack", "--repeat",
                "--replicate", "--report",
                "--shard", "--sim-faults", "--tags", "--target", "--version");
    }

    @Test
    void mutateAndSoakKeepTheirReportDirectories() {
        MutateCommand mutate = new MutateCommand();
        new CommandLine(mutate).parseArgs();
        assertThat(mutate.report.report).isEqualTo(Path.of("reports", "mutate"));
        SoakCommand soak = new SoakCommand();
        new CommandLine(soak).parseArgs();
        assertThat(soak.report.report).isEqualTo(Path.of("reports"));

        MutateCommand given = new MutateCommand();
        new CommandLine(given).parseArgs("--report", "x/y", "--profile", "p.yaml");
        assertThat(given.report.report).isEqualTo(Path.of("x/y"));
        assertThat(given.profile.profile).isEqualTo(Path.of("p.yaml"));
        assertThat(names(new MutateCommand())).contains("--report", "--profile", "--faults", "--repeat", "--tags");
        assertThat(names(new SoakCommand())).contains("--report", "--profile", "--runs");
    }
}
