package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The LwM2M benchmarks run end to end and print one JSON line (few runs: speed is not asserted here). */
class Lwm2mBenchTest {

    @Test
    void registrationPrintsOneJsonLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new Lwm2mBench.Registration(print(out), print(err)))
                .execute("--count", "3", "--warmup", "1");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).matches(
                "\\{\"tool\":\"mipl-hil\",\"bench\":\"registration\",\"count\":3,\"warmup\":1,\"median_ms\":[\\d.]+,"
                        + "\"p99_ms\":[\\d.]+,\"max_ms\":[\\d.]+,\"goal_ms\":1000}");
    }

    @Test
    void readPrintsOneJsonLineForTheJavaApiAndForHttp() {
        for (String variant : List.of("read", "read-http")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] args = variant.equals("read") ? new String[] {"--count", "5", "--warmup", "1"}
                    : new String[] {"--count", "5", "--warmup", "1", "--http"};
            int exit = new CommandLine(new Lwm2mBench.Read(print(out), print(err))).execute(args);

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).strip())
                    .startsWith("{\"tool\":\"mipl-hil\",\"bench\":\"" + variant + "\",\"count\":5,")
                    .endsWith("\"goal_ms\":50}");
        }
    }

    @Test
    void readSideBySidePrintsOneLinePerWayInTheOrderGiven() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new Lwm2mBench.Read(print(out), print(err)))
                .execute("--count", "3", "--warmup", "1", "--via", "onenet,embedded");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"tool\":\"mipl-hil\",\"bench\":\"read-onenet\",\"count\":3,");
        assertThat(lines.get(1)).startsWith("{\"tool\":\"mipl-hil\",\"bench\":\"read\",\"count\":3,");
    }

    @Test
    void anUnknownWayIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(new CommandLine(new Lwm2mBench.Read(print(new ByteArrayOutputStream()), print(err)))
                .execute("--via", "coap")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--via takes embedded, http or onenet: 'coap'");
    }

    @Test
    void statsUseTheNearestRank() {
        List<Long> nanos = new java.util.ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            nanos.add(i * 1_000_000);
        }
        Lwm2mBench.Stats s = Lwm2mBench.Stats.of("x", 0, nanos, 1);
        assertThat(s.medianMs()).isEqualTo(50.0);
        assertThat(s.p99Ms()).isEqualTo(99.0);
        assertThat(s.maxMs()).isEqualTo(100.0);
    }

    @Test
    void theBenchCommandListsThem() {
        CommandLine bench = new CommandLine(new Main()).getSubcommands().get("bench");
        assertThat(bench.getSubcommands()).containsKeys("roundtrip", "registration", "read");
    }

    @Test
    void badCountsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(new CommandLine(new Lwm2mBench.Read(print(new ByteArrayOutputStream()), print(err)))
                .execute("--count", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--count must be positive");
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
