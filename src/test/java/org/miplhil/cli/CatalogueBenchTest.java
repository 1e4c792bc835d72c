package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./mipl-hil bench catalogue} on a few catalogue cases: one JSON line per round, figures that add up. */
class CatalogueBenchTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new CatalogueBench(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        return cli.execute(args);
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.]+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsOneLinePerRoundWithTheStepsAndTheirWaitedTime() throws Exception {
        int code = bench("--tags", "AT+MIPLVER & !slow", "--rounds", "2", "--report", dir.toString());
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(line).startsWith("{\"tool\":\"mipl-hil\",\"bench\":\"catalogue\"").contains("\"files\":true");
            double cases = number(line, "cases");
            assertThat(cases).isPositive();
            assertThat(number(line, "passed")).isEqualTo(cases);
            // every case has a setup group with steps inside and steps of its own
            assertThat(number(line, "steps")).isGreaterThan(cases);
            assertThat(number(line, "step_waited_s")).isLessThanOrEqualTo(number(line, "step_wall_s") + 0.001);
            assertThat(number(line, "step_cpu_mean_us")).isPositive();
        }
        assertThat(number(lines[1], "round")).isEqualTo(2);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith("-result.json")).count()).isPositive();
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(bench("--rounds", "0")).isEqualTo(2);
        assertThat(bench("--tags", "a & (")).isEqualTo(2);
    }
}
