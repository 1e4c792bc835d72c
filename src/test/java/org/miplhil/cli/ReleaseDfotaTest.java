package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.release.DfotaLeg;
import org.miplhil.release.ReleaseFile;
import org.miplhil.release.RevisionCheck;
import org.miplhil.sim.fota.DeltaPackage;
import picocli.CommandLine;

/**
 * The release qualification's DFOTA stage and revision check through the real command line, the real virtual
 * module on a pseudo-terminal and the embedded platform's campaign: baseline → candidate → baseline with the
 * revisions asserted by ATI and /3/0/3, and a module that runs another firmware named with both revisions.
 */
class ReleaseDfotaTest {

    /** The virtual module reporting the note's DFOTA target (7.10.6): the candidate of release-virtual.yaml. */
    static final Path CANDIDATE_PROFILE = Path.of("fixtures/firmware/bc260y-cn-beta0721.yaml");
    static final String BASE = "BC260YCNAAR01A03";
    static final String TARGET = "BC260YCNAAR01A03_BETA0721";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> ran = new ArrayList<>();

    private int qualify(Function<String[], Integer> cli, String... args) {
        QualifyCommand command = new QualifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cli, true);
        CommandLine c = new CommandLine(command);
        c.getCommandSpec().exitCodeOnInvalidInput(2);
        c.setExitCodeExceptionMapper(t -> 2);
        return c.execute(args);
    }

    /** The real command line, each command recorded. */
    private Function<String[], Integer> real() {
        return args -> {
            ran.add(String.join(" ", args));
            return Main.commandLine().execute(args);
        };
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Path versionSuite() throws Exception {
        return Files.writeString(dir.resolve("version.yaml"), """
                suite: "Version"
                setup:
                  - state: attached
                    cmee: 1
                cases:
                  - name: AT+MIPLVER? reports the SDK version
                    tags: [AT+MIPLVER]
                    steps:
                      - send: AT+MIPLVER?
                        lines: ["+MIPLVER: 2.3.0"]
                        within: 5s
                """);
    }

    private Path rules() throws Exception {
        return Files.writeString(dir.resolve("rules.yaml"), """
                qualification: 1
                description: the version case must pass in both
                required-tags: [AT+MIPLVER]
                regressions:
                  allowed: false
                """);
    }

    @Test
    void everyVirtualModuleIsUpdatedToTheCandidateAndBackWithTheRevisionsAsserted() throws Exception {
        Path o = dir.resolve("rel");
        Path release = Files.writeString(dir.resolve("release.yaml"), """
                release: "round trip"
                firmware:
                  baseline: {revision: %s}
                  candidate: {revision: %s, profile: %s}
                parallel: 2
                suites: [%s]
                rules: %s
                out: %s
                """.formatted(BASE, TARGET, CANDIDATE_PROFILE, versionSuite(), rules(), o));
        int code = qualify(real(), release.toString());
        String md = Files.readString(o.resolve("qualification.md"));
        assertThat(code).as(output() + md).isZero();

        // the packages between the two revisions, built by fota pack, read back with their revisions
        Path toCandidate = o.resolve("dfota/packages").resolve(DfotaLeg.packageName(BASE, TARGET));
        Path toBaseline = o.resolve("dfota/packages").resolve(DfotaLeg.packageName(TARGET, BASE));
        assertThat(ran).contains("fota pack --base " + BASE + " --target " + TARGET + " --size 8192 --out "
                + toCandidate, "fota pack --base " + TARGET + " --target " + BASE + " --size 8192 --out " + toBaseline);
        for (Path p : List.of(toCandidate, toBaseline)) {
            assertThat(DeltaPackage.parse(Files.readAllBytes(p))).isInstanceOf(DeltaPackage.Parsed.Valid.class);
        }
        // the legs: from the baseline's firmware, then from the candidate's (its profile), on both modules
        assertThat(ran).contains(
                "run " + o.resolve("dfota/suites/to-candidate.yaml") + " --report " + o.resolve("dfota/to-candidate")
                        + " --parallel 2 --replicate --profile " + o.resolve("dfota/profiles/" + BASE + ".yaml"),
                "run " + o.resolve("dfota/suites/to-baseline.yaml") + " --report " + o.resolve("dfota/to-baseline")
                        + " --parallel 2 --replicate --profile " + CANDIDATE_PROFILE);
        assertThat(md).contains("**QUALIFIED**",
                "revisions before the baseline's run on virtual: every module reports " + BASE,
                "revisions before the candidate's run on virtual: every module reports " + TARGET,
                "DFOTA " + BASE + " → " + TARGET + " on virtual: every module updated and reports " + TARGET,
                "DFOTA " + TARGET + " → " + BASE + " on virtual: every module updated and reports " + BASE,
                "## DFOTA: baseline to candidate and back", "| sim-1 | passed |", "| sim-2 | passed |",
                "fota campaign -> +QIND: \"FOTA\",\"END\",0", "+MIPLEVENT: 0,48");
        // the same for tools: dfota.json, each leg per module with its timings
        String json = Files.readString(o.resolve("dfota/dfota.json"));
        assertThat(json).contains("\"leg\": \"to-candidate\"", "\"leg\": \"to-baseline\"", "\"passed\": true",
                "\"module\": \"sim-2\"", "fota campaign -> +MIPLEVENT: 0,42").doesNotContain("\"passed\": false");
        // each leg's case asserted ATI before and after, and the platform's /3/0/3 after
        String suite = Files.readString(o.resolve("dfota/suites/to-baseline.yaml"));
        assertThat(suite).contains("from: \"" + TARGET + "\"", "to: \"" + BASE + "\"", "\"Revision: ${from}\"",
                "\"Revision: ${to}\"", "path: /3/0/3", toBaseline.toAbsolutePath().normalize().toString());
        String transcripts = transcripts(o.resolve("dfota/to-baseline"));
        assertThat(transcripts).contains("Revision: " + TARGET, "Revision: " + BASE, "+QIND: \"FOTA\",\"END\",0");
    }

    @Test
    void aModuleRunningAnotherRevisionIsNamedWithBothRevisionsAndNothingRuns() throws Exception {
        Path o = dir.resolve("rel");
        Path release = Files.writeString(dir.resolve("release.yaml"), """
                release: "wrong firmware"
                firmware:
                  baseline: {revision: BC260YCNAAR02A02}
                  candidate: {revision: %s, profile: %s}
                suites: [%s]
                rules: %s
                out: %s
                """.formatted(TARGET, CANDIDATE_PROFILE, versionSuite(), rules(), o));
        int code = qualify(real(), release.toString());
        assertThat(code).as(output()).isEqualTo(2);
        String expected = "module virtual (fixtures/firmware/bc260y-cn.yaml) should run BC260YCNAAR02A02 but"
                + " reports " + BASE + " (ATI)";
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the baseline's modules on virtual do not run"
                + " BC260YCNAAR02A02", expected);
        assertThat(Files.readString(o.resolve("qualification.md"))).contains(expected);
        // the packages were built; no suite ran, nothing was compared
        assertThat(ran).allMatch(c -> c.startsWith("fota pack"));
    }

    @Test
    void theRevisionCheckAsksTheModuleNotTheReleaseFile() {
        List<RevisionCheck.ModuleRevision> same = RevisionCheck.virtual(Optional.of(CANDIDATE_PROFILE), TARGET);
        assertThat(same).singleElement().satisfies(m -> {
            assertThat(m.reported()).isEqualTo(TARGET);
            assertThat(m.matches()).isTrue();
            assertThat(m.mismatch()).isEmpty();
        });
        List<RevisionCheck.ModuleRevision> other = RevisionCheck.virtual(Optional.of(CANDIDATE_PROFILE), BASE);
        assertThat(other).singleElement().satisfies(m -> assertThat(m.mismatch()).isEqualTo("module virtual ("
                + CANDIDATE_PROFILE + ") should run " + BASE + " but reports " + TARGET + " (ATI)"));
        // a rack of virtual modules: each module by its rack name
        List<RevisionCheck.ModuleRevision> rack = RevisionCheck.rack(Path.of("fixtures/racks/virtual-3.yaml"), BASE);
        assertThat(rack).extracting(RevisionCheck.ModuleRevision::module).containsExactly("a", "b", "c");
        assertThat(rack).allMatch(RevisionCheck.ModuleRevision::matches);
        // a port that does not open is a failed check with the reason
        Path rackFile = dir.resolve("gone.yaml");
        assertThat(RevisionCheck.rack(rackFile, BASE)).singleElement()
                .satisfies(m -> assertThat(m.mismatch()).contains("does not load"));
    }

    @Test
    void aLegsPackageIsBuiltWithTheImageOfTheRevisionItBrings() throws Exception {
        Path image = Files.write(dir.resolve("candidate.bin"), new byte[] {1, 2, 3, 4, 5});
        ReleaseFile.Firmware none = new ReleaseFile.Firmware(BASE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        ReleaseFile.Firmware withImage = new ReleaseFile.Firmware(TARGET, Optional.of(image), Optional.empty(),
                Optional.empty(), Optional.empty());
        ReleaseFile r = new ReleaseFile("R", none, withImage, List.of(), 1, List.of(), "", 1, dir, dir.resolve("o"),
                Optional.empty(), true);
        ReleaseDfota stage = new ReleaseDfota(r, new PrintStream(out, true, StandardCharsets.UTF_8), real());
        assertThat(stage.prepare()).isEmpty();
        DeltaPackage.Parsed p = DeltaPackage.parse(Files.readAllBytes(stage.toCandidate().pkg()));
        assertThat(p).isInstanceOfSatisfying(DeltaPackage.Parsed.Valid.class, v -> {
            assertThat(v.pkg().payload()).containsExactly(1, 2, 3, 4, 5);
            assertThat(v.pkg().base()).isEqualTo(BASE);
        });
        assertThat(ran.get(0)).contains("--payload " + image);
        assertThat(ran.get(1)).contains("--size 8192");
    }

    /**
     * On a rack whose baseline runs, the modules keep their firmware between runs: the baseline's run, the update to
     * the candidate, the candidate's run (its modules checked first), the update back, then compare. The rack's
     * virtual modules start the first leg at the baseline's revision, the second with the candidate's profile.
     */
    @Test
    void onARackTheUpdateToTheCandidateComesBetweenTheTwoRuns() throws Exception {
        Path rack = Files.writeString(dir.resolve("two.yaml"), """
                name: two
                platform:
                  address: 127.0.0.1:5683
                defaults:
                  profile: %s
                power:
                  driver: virtual
                  off-time: 500ms
                modules:
                  - {name: a, port: sim, imei: "866971050123456"}
                  - {name: b, port: sim, imei: "866971050123464"}
                """.formatted(Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath()));
        Path o = dir.resolve("rel");
        Path release = Files.writeString(dir.resolve("release.yaml"), """
                release: "on a rack"
                firmware:
                  baseline: {revision: %s}
                  candidate: {revision: %s, profile: %s}
                racks: [%s]
                suites: [%s]
                rules: %s
                out: %s
                """.formatted(BASE, TARGET, CANDIDATE_PROFILE, rack, versionSuite(), rules(), o));
        int code = qualify(real(), release.toString());
        String md = Files.readString(o.resolve("qualification.md"));
        assertThat(code).as(output() + md).isZero();
        String racked = " --rack " + rack + " --replicate";
        assertThat(ran.stream().filter(c -> !c.startsWith("fota pack")).map(c -> c.replaceAll(" --tags .* --report",
                " --report")).toList()).containsExactly(
                "run " + versionSuite() + " --report " + o.resolve("baseline/two") + racked,
                "run " + o.resolve("dfota/suites/to-candidate.yaml") + " --report " + o.resolve("dfota/two/to-candidate")
                        + racked + " --profile " + o.resolve("dfota/profiles/" + BASE + ".yaml"),
                "run " + versionSuite() + " --report " + o.resolve("candidate/two") + racked + " --profile "
                        + CANDIDATE_PROFILE,
                "run " + o.resolve("dfota/suites/to-baseline.yaml") + " --report " + o.resolve("dfota/two/to-baseline")
                        + racked + " --profile " + CANDIDATE_PROFILE,
                "compare " + o.resolve("baseline/two") + " " + o.resolve("candidate/two") + " --rules " + rules()
                        + " --out " + o.resolve("compare/two"));
        assertThat(md).contains("revisions before the candidate's run on two: every module reports " + TARGET,
                "| a | passed |", "| b | passed |");
    }

    /**
     * {@code qualify --dfota} on a rack whose module's firmware fails its update (END 255, 5.10): the modules are
     * checked to run the candidate, the update to the baseline fails, the release is not qualified and the
     * evidence (what was awaited, what arrived) is in the summary; the way back is not tried.
     */
    @Test
    void aFailedUpdateOnARackMakesTheReleaseNotQualifiedWithTheEvidence() throws Exception {
        Path profile = Files.writeString(dir.resolve("failing.yaml"), """
                extends: %s
                fota:
                  update-fails: {value: true, source: assumed, note: "the update fails: END 255, the revision stays"}
                """.formatted(Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath()));
        Path rack = Files.writeString(dir.resolve("one.yaml"), """
                name: one
                platform:
                  address: 127.0.0.1:5683
                defaults:
                  profile: %s
                power:
                  driver: virtual
                  off-time: 500ms
                modules:
                  - {name: a, port: sim, imei: "866971050123456"}
                """.formatted(profile));
        Path o = dir.resolve("dfota");
        int code = qualify(real(), "--dfota", "--baseline-revision", "BC260YCNAAR01A02", "--candidate-revision", BASE,
                "--rack", rack.toString(), "--out", o.toString());
        String md = Files.readString(o.resolve("qualification.md"));
        assertThat(code).as(output() + md).isEqualTo(1);
        assertThat(md).contains("**NOT QUALIFIED**", "the DFOTA stage alone",
                "revisions before the candidate's run on one: every module reports " + BASE,
                "DFOTA " + BASE + " → BC260YCNAAR01A02 on one: **FAILED** (NOT QUALIFIED)",
                "| - | failed |", "expected the campaign to succeed, it ended failed", "update result 8");
        assertThat(ran).noneMatch(c -> c.contains("to-candidate.yaml"));

        // usage: both revisions, different, and no release file beside
        assertThat(qualify(real(), "--dfota", "--candidate-revision", BASE)).isEqualTo(2);
        assertThat(qualify(real(), "--dfota", "--baseline-revision", BASE, "--candidate-revision", BASE)).isEqualTo(2);
        assertThat(qualify(real(), "--baseline-revision", BASE)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dfota needs --baseline-revision REV",
                "nothing to update", "are --dfota's");
    }

    private static String transcripts(Path report) throws Exception {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(report)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
