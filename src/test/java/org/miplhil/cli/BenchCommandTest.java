package org.miplhil.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @Test
    void roundTripAgainstItsOwnVirtualModulePrintsOneJsonLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand.RoundTrip command = new BenchCommand.RoundTrip(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = new CommandLine(command).execute("--count", "30", "--warmup", "5", "--urcs", "20");
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed).matches("\\{\"tool\":\"mipl-hil\",\"count\":30,\"median_us\":\\d+\\.\\d,\"p99_us\":\\d+\\.\\d,"
                + "\"urc_skew_p99_us\":-?\\d+\\.\\d,.*\"urcs\":20}");
    }

    @Test
    void badOptionsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand.RoundTrip command = new BenchCommand.RoundTrip(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(new CommandLine(command).execute("--count", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--count");
    }

    @Test
    void percentilesAsThePeerScriptComputesThem() {
        long[] samples = new long[200];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (samples.length - i) * 1000L; // 200000 .. 1000, unsorted
        }
        assertThat(RoundTripBench.median(samples)).isEqualTo(100_500.0); // mean of the two middle values
        assertThat(RoundTripBench.p99(samples)).isEqualTo(198_000.0);   // sorted[int(200 * 0.99) - 1]
        assertThat(RoundTripBench.median(new long[] {5, 1, 3})).isEqualTo(3.0);
    }

    @Test
    void aMissingPortIsReported() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand.RoundTrip command = new BenchCommand.RoundTrip(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(new CommandLine(command).execute("--port", "target/no-such.tty")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("target/no-such.tty").contains("no such device");
    }
}
