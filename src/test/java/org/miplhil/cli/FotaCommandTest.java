package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.sim.fota.DeltaPackage;
import picocli.CommandLine;

/** {@code ./mipl-hil fota pack}, run in-process through the real command line. */
class FotaCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(args);
        return new Run(exit, out.toString());
    }

    @Test
    void packWritesAPackageThatReadsBackWithItsRevisions() throws Exception {
        Path out = tmp.resolve("sub/p.delta");
        Run r = run("fota", "pack", "--base", "BC260YCNAAR01A03", "--target", "BC260YCNAAR01A03_BETA0721",
                "--size", "1000", "--out", out.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("wrote " + out, "BC260YCNAAR01A03 -> BC260YCNAAR01A03_BETA0721");
        DeltaPackage.Parsed p = DeltaPackage.parse(Files.readAllBytes(out));
        assertThat(p).isInstanceOfSatisfying(DeltaPackage.Parsed.Valid.class, v -> {
            assertThat(v.pkg().base()).isEqualTo("BC260YCNAAR01A03");
            assertThat(v.pkg().target()).isEqualTo("BC260YCNAAR01A03_BETA0721");
            assertThat(v.pkg().size()).isEqualTo(1000);
        });
    }

    @Test
    void damageMakesThePackageFailItsDigest() throws Exception {
        Path out = tmp.resolve("d.delta");
        Run r = run("fota", "pack", "--base", "A", "--target", "B", "--size", "64", "--damage", "--out", out.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(DeltaPackage.parse(Files.readAllBytes(out))).isInstanceOfSatisfying(DeltaPackage.Parsed.Invalid.class,
                i -> assertThat(i.problem()).isEqualTo(DeltaPackage.Problem.DIGEST_MISMATCH));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run("fota", "pack", "--base", "A", "--target", "B", "--size", "0", "--out",
                tmp.resolve("x").toString()).exit()).isEqualTo(2);
        assertThat(run("fota", "pack", "--base", "A B", "--target", "B", "--size", "1", "--out",
                tmp.resolve("x").toString()).exit()).isEqualTo(2);
        assertThat(run("fota", "pack", "--base", "A").exit()).isEqualTo(2);
        Run group = run("fota");
        assertThat(group.exit()).isEqualTo(2);
        assertThat(group.out()).contains("pack");
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
    }

    @Test
    void aPayloadFileBecomesThePackagePayloadAndReadsBackByteForByte() throws Exception {
        byte[] image = new byte[3000];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 31 + 7);
        }
        Path img = Files.write(tmp.resolve("R02.bin"), image);
        Path out = tmp.resolve("pk/R01-to-R02.delta");
        Run r = run("fota", "pack", "--base", "R01", "--target", "R02", "--payload", img.toString(), "--out",
                out.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("payload 3000 bytes from " + img);
        assertThat(DeltaPackage.parse(Files.readAllBytes(out))).isInstanceOfSatisfying(
                DeltaPackage.Parsed.Valid.class, v -> {
                    assertThat(v.pkg().base()).isEqualTo("R01");
                    assertThat(v.pkg().target()).isEqualTo("R02");
                    assertThat(v.pkg().payload()).isEqualTo(image);
                    assertThat(v.pkg().sha256()).isEqualTo(DeltaPackage.sha256(image));
                });
        // one payload, not both; a missing or empty file is an error, nothing written
        assertThat(run("fota", "pack", "--base", "R01", "--target", "R02", "--payload", img.toString(), "--size",
                "10", "--out", tmp.resolve("y").toString()).exit()).isEqualTo(2);
        assertThat(run("fota", "pack", "--base", "R01", "--target", "R02", "--out", tmp.resolve("y").toString())
                .exit()).isEqualTo(2);
        Run missing = run("fota", "pack", "--base", "R01", "--target", "R02", "--payload",
                tmp.resolve("none.bin").toString(), "--out", tmp.resolve("y").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).contains("cannot read", "none.bin");
        Path empty = Files.write(tmp.resolve("empty.bin"), new byte[0]);
        assertThat(run("fota", "pack", "--base", "R01", "--target", "R02", "--payload", empty.toString(), "--out",
                tmp.resolve("y").toString()).out()).contains("has 0 bytes");
        assertThat(Files.exists(tmp.resolve("y"))).isFalse();
    }
}
