package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.cli.Main;

/** {@code ./mipl-hil report} refuses clearly before running anything. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream err, String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void missingResultsAreAConfigurationError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path missing = dir.resolve("nothing-here");
        int code = run(err, "report", "--results", missing.toString(), "--out", dir.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no Allure results in " + missing)
                .contains("./mipl-hil run");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutResultFilesIsRefusedToo() throws Exception {
        Files.writeString(dir.resolve("categories.json"), "[]");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "report", "--results", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no *-result.json");
    }

    @Test
    void aWrongAllureHomeIsNamed() throws Exception {
        Files.writeString(dir.resolve("x-result.json"), "{}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path bogus = dir.resolve("no-allure");
        assertThat(run(err, "report", "--results", dir.toString(), "--allure-home", bogus.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Allure command line not found at " + bogus);
    }
}
