package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's environment names the profile the virtual module ran with — a suite's {@code fixtures: profile}, not
 * only {@code --profile} (the report said {@code profile: unknown}) — with its revision and its content's SHA-256.
 */
class RunEnvironmentTest {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aSuitesOwnProfileIsNamedWithItsRevisionAndSha() throws Exception {
        Path suite = Files.writeString(dir.resolve("version.yaml"), """
                suite: "Version"
                fixtures:
                  profile: %s
                setup:
                  - state: attached
                    cmee: 1
                cases:
                  - name: AT+MIPLVER? reports the SDK version
                    steps:
                      - send: AT+MIPLVER?
                        lines: ["+MIPLVER: 2.3.0"]
                        within: 5s
                """.formatted(PROFILE.toAbsolutePath()));
        Path report = dir.resolve("report");
        int code = RunCli.run(out, err, suite.toString(), "--report", report.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(report.resolve("allure-results/environment.properties"),
                StandardCharsets.ISO_8859_1)) {
            env.load(r);
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(PROFILE)));
        assertThat(env.getProperty("profile")).isEqualTo(PROFILE.toAbsolutePath().toString());
        assertThat(env.getProperty("profile.revision")).isEqualTo("BC260YCNAAR01A03");
        assertThat(env.getProperty("profile.sha256")).isEqualTo(sha.substring(0, 12));
    }
}
