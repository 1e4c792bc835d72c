package org.miplhil.sim.fota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The delta package format: the fixtures, writing and reading back, and every damage reported, never thrown. */
class DeltaPackageTest {

    static final Path PACKAGES = Path.of("fixtures/firmware/packages");

    private static DeltaPackage valid(byte[] bytes) {
        DeltaPackage.Parsed p = DeltaPackage.parse(bytes);
        if (p instanceof DeltaPackage.Parsed.Valid v) {
            return v.pkg();
        }
        return fail("expected a valid package, got " + p);
    }

    private static DeltaPackage.Problem problem(byte[] bytes) {
        DeltaPackage.Parsed p = DeltaPackage.parse(bytes);
        assertThat(p).isInstanceOf(DeltaPackage.Parsed.Invalid.class);
        return ((DeltaPackage.Parsed.Invalid) p).problem();
    }

    @Test
    void theFixturesReadAsTheirReadmeSays() throws Exception {
        DeltaPackage good = valid(Files.readAllBytes(PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721.delta")));
        assertThat(good.base()).isEqualTo("BC260YCNAAR01A03");
        assertThat(good.target()).isEqualTo("BC260YCNAAR01A03_BETA0721");
        assertThat(good.size()).isEqualTo(8192);
        assertThat(problem(Files.readAllBytes(PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721-damaged.delta"))))
                .isEqualTo(DeltaPackage.Problem.DIGEST_MISMATCH);
        DeltaPackage wrong = valid(Files.readAllBytes(PACKAGES.resolve("BC260YCNAAR01A02-to-BETA0721-wrong-base.delta")));
        assertThat(wrong.base()).isEqualTo("BC260YCNAAR01A02");
        try (var files = Files.list(PACKAGES)) {
            assertThat(files.filter(f -> f.toString().endsWith(".delta"))).allSatisfy(f ->
                    assertThat(Files.size(f)).as("%s is small", f).isLessThanOrEqualTo(64 * 1024));
        }
    }

    @Test
    void theFixturesAreWhatPackMakes() throws Exception {
        String base = "BC260YCNAAR01A03";
        String target = "BC260YCNAAR01A03_BETA0721";
        DeltaPackage made = DeltaPackage.of(base, target, DeltaPackage.syntheticPayload(base, target, 8192));
        assertThat(made.toBytes()).isEqualTo(Files.readAllBytes(PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721.delta")));
        assertThat(made.toDamagedBytes())
                .isEqualTo(Files.readAllBytes(PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721-damaged.delta")));
    }

    @Test
    void writtenPackagesReadBack() {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 511, 512, 513, 5000}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            DeltaPackage pkg = DeltaPackage.of("A", "B_1", payload);
            DeltaPackage back = valid(pkg.toBytes());
            assertThat(back).isEqualTo(pkg);
            assertThat(back.payload()).isEqualTo(payload);
            assertThat(back.sha256()).isEqualTo(DeltaPackage.sha256(payload));
        }
    }

    @Test
    void eachKindOfDamageIsNamed() {
        DeltaPackage pkg = DeltaPackage.of("R1", "R2", new byte[] {1, 2, 3, 4});
        byte[] ok = pkg.toBytes();
        assertThat(problem(new byte[0])).isEqualTo(DeltaPackage.Problem.NOT_A_PACKAGE);
        assertThat(problem(null)).isEqualTo(DeltaPackage.Problem.NOT_A_PACKAGE);
        assertThat(problem("PK\3\4 zip".getBytes(StandardCharsets.US_ASCII))).isEqualTo(DeltaPackage.Problem.NOT_A_PACKAGE);
        assertThat(problem(pkg.header().replace("MIPL-DELTA 1", "MIPL-DELTA 2").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(DeltaPackage.Problem.UNSUPPORTED_VERSION);
        assertThat(problem(text(pkg, "base: R1\n", ""))).isEqualTo(DeltaPackage.Problem.BAD_HEADER);
        assertThat(problem(text(pkg, "base: R1\n", "base: R1\nbase: R1\n"))).isEqualTo(DeltaPackage.Problem.BAD_HEADER);
        assertThat(problem(text(pkg, "base: R1\n", "colour: red\n"))).isEqualTo(DeltaPackage.Problem.BAD_HEADER);
        assertThat(problem(text(pkg, "size: 4", "size: x"))).isEqualTo(DeltaPackage.Problem.BAD_HEADER);
        assertThat(problem(text(pkg, "size: 4", "size: 5"))).isEqualTo(DeltaPackage.Problem.SIZE_MISMATCH);
        assertThat(problem(Arrays.copyOf(ok, ok.length - 1))).as("cut short").isEqualTo(DeltaPackage.Problem.SIZE_MISMATCH);
        assertThat(problem(Arrays.copyOf(ok, ok.length + 1))).as("trailing byte")
                .isEqualTo(DeltaPackage.Problem.SIZE_MISMATCH);
        assertThat(problem(pkg.toDamagedBytes())).isEqualTo(DeltaPackage.Problem.DIGEST_MISMATCH);
        assertThat(problem(ok.length > 0 ? Arrays.copyOf(ok, 20) : ok)).as("no end of header")
                .isEqualTo(DeltaPackage.Problem.BAD_HEADER);
    }

    private static byte[] text(DeltaPackage pkg, String from, String to) {
        byte[] header = pkg.header().replace(from, to).getBytes(StandardCharsets.US_ASCII);
        byte[] payload = pkg.payload();
        byte[] out = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, out, header.length, payload.length);
        return out;
    }

    /** Random bytes, and packages with random bytes changed, cut or inserted: always a result, valid only if intact. */
    @Test
    void fuzzedBytesAreReportedNeverThrown() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        DeltaPackage pkg = DeltaPackage.of("BC260YCNAAR01A03", "BC260YCNAAR01A03_BETA0721",
                DeltaPackage.syntheticPayload("a", "b", 300));
        byte[] ok = pkg.toBytes();
        for (int i = 0; i < 5000; i++) {
            byte[] bytes;
            switch (random.nextInt(4)) {
                case 0 -> {
                    bytes = new byte[random.nextInt(400)];
                    random.nextBytes(bytes);
                }
                case 1 -> {
                    bytes = ok.clone();
                    int n = 1 + random.nextInt(3);
                    for (int k = 0; k < n; k++) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> bytes = Arrays.copyOf(ok, random.nextInt(ok.length + 10));
                default -> {
                    int at = random.nextInt(ok.length);
                    bytes = new byte[ok.length + 1];
                    System.arraycopy(ok, 0, bytes, 0, at);
                    bytes[at] = (byte) random.nextInt(256);
                    System.arraycopy(ok, at, bytes, at + 1, ok.length - at);
                }
            }
            DeltaPackage.Parsed p;
            try {
                p = DeltaPackage.parse(bytes);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", case " + i + ": parse threw " + e, e);
            }
            assertThat(p).as("seed %d case %d", seed, i).isNotNull();
            if (p instanceof DeltaPackage.Parsed.Valid v) {
                // the header is not covered by the digest (a changed revision reads as another package), the
                // payload is: a valid result always carries the payload its digest names, which is the original
                assertThat(DeltaPackage.sha256(v.pkg().payload())).as("seed %d case %d", seed, i)
                        .isEqualTo(v.pkg().sha256());
                assertThat(v.pkg().payload()).as("seed %d case %d: a changed payload read as valid", seed, i)
                        .isEqualTo(pkg.payload());
            }
            if (p instanceof DeltaPackage.Parsed.Invalid bad) {
                assertThat(bad.detail()).as("seed %d case %d", seed, i).isNotBlank();
            }
        }
    }
}
