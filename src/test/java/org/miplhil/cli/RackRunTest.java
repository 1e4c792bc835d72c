package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil run --rack FILE} with a rack of several virtual modules ({@code port: sim}, each its own power
 * input), in-process through the real fleet: real pseudo-terminals, the embedded platform on real UDP ports.
 */
class RackRunTest {

    static final String PROFILE = RunCommandTest.PROFILE;
    static final Path VIRTUAL_3 = Path.of("fixtures/racks/virtual-3.yaml").toAbsolutePath();
    static final List<String> IMEIS = List.of("866971050123456", "866971050123464", "866971050123472");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RunCli.run(out, err, args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Path suite(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("PROFILE", PROFILE), StandardCharsets.UTF_8);
        return f;
    }

    /** Every file under {@code root} whose name ends so. */
    private static List<Path> files(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Cases that answer with the module's own IMEI, long enough that every module of the shard gets some. */
    private Path identitySuite(int cases, String hold) throws IOException {
        StringBuilder sb = new StringBuilder("""
                suite: identity
                fixtures:
                  profile: PROFILE
                cases:
                """);
        for (int i = 1; i <= cases; i++) {
            sb.append("""
                      - name: the module gives its own IMEI, %d
                        steps:
                          - send: AT+CGSN=1
                            lines: ['+CGSN: ${module.imei}']
                """.formatted(i));
            if (!hold.isEmpty()) {
                sb.append("          - wait: ").append(hold).append('\n');
            }
        }
        return suite("identity.yaml", sb.toString());
    }

    @Test
    void aShardSpreadsTheCasesOverTheRacksModules() throws Exception {
        Path s = identitySuite(6, "3s"); // 18 s of cases: a module 6 s late to start still gets some
        Path reports = dir.resolve("reports");

        int code = run(s.toString(), "--rack", VIRTUAL_3.toString(), "--report", reports.toString());

        assertThat(code).as(output()).isZero();
        assertThat(output()).contains("3 modules (a, b, c), shard, 6 cases").contains("[a] ").contains("[b] ")
                .contains("[c] ");
        int ran = 0;
        for (int m = 0; m < 3; m++) {
            String name = List.of("a", "b", "c").get(m);
            List<Path> junit = files(reports.resolve("junit").resolve(name), ".xml");
            assertThat(junit).as("junit/%s/ (%s)", name, output()).isNotEmpty();
            List<Path> transcripts = files(reports.resolve("transcripts").resolve(name), ".txt");
            assertThat(transcripts).as("transcripts/%s/", name).isNotEmpty();
            // each module answers with the rack's IMEI for it, never another's
            for (Path t : transcripts) {
                assertThat(read(t)).contains("RX +CGSN: " + IMEIS.get(m));
                for (String other : IMEIS) {
                    if (!other.equals(IMEIS.get(m))) {
                        assertThat(read(t)).doesNotContain(other);
                    }
                }
            }
            ran += (int) junit.stream().map(RackRunTest::read)
                    .mapToLong(x -> x.split("<testcase ", -1).length - 1).sum();
        }
        assertThat(ran).as("each case once, on one module").isEqualTo(6);
    }

    @Test
    void replicatedEveryModuleRunsEveryCaseAndTheExitCodeIsTheFleets() throws Exception {
        Path s = suite("replicated.yaml", """
                suite: replicated
                fixtures:
                  profile: PROFILE
                cases:
                  - name: the module gives its own IMEI
                    steps:
                      - send: AT+CGSN=1
                        lines: ['+CGSN: ${module.imei}']
                  - name: the version is asked
                    steps:
                      - send: AT+MIPLVER?
                        lines: ['re:^\\+MIPLVER: ']
                """);
        Path reports = dir.resolve("reports");

        int code = run(s.toString(), "--rack", VIRTUAL_3.toString(), "--replicate", "--modules", "a,c",
                "--report", reports.toString());

        assertThat(code).as(output()).isZero();
        assertThat(output()).contains("2 modules (a, c), replicate, 4 cases");
        assertThat(reports.resolve("junit/b")).doesNotExist();
        for (String m : List.of("a", "c")) {
            String junit = read(files(reports.resolve("junit").resolve(m), ".xml").get(0));
            assertThat(junit).as(m).contains("the module gives its own IMEI").contains("the version is asked");
        }
        assertThat(read(files(reports.resolve("transcripts/a"), ".txt").get(0)) + read(files(reports.resolve(
                "transcripts/a"), ".txt").get(1))).contains("+CGSN: " + IMEIS.get(0));
        assertThat(read(files(reports.resolve("transcripts/c"), ".txt").get(0)) + read(files(reports.resolve(
                "transcripts/c"), ".txt").get(1))).contains("+CGSN: " + IMEIS.get(2));

        // a case that fails on one module makes the fleet's exit 1
        out.reset();
        err.reset();
        Path failing = suite("failing.yaml", """
                suite: one module differs
                fixtures:
                  profile: PROFILE
                cases:
                  - name: the IMEI is module a's
                    steps:
                      - send: AT+CGSN=1
                        lines: ['+CGSN: %s']
                """.formatted(IMEIS.get(0)));
        assertThat(run(failing.toString(), "--rack", VIRTUAL_3.toString(), "--replicate", "--modules", "a,b",
                "--report", dir.resolve("r2").toString())).as(output()).isEqualTo(1);
    }

    @Test
    void aPowerCutOnOneModuleLeavesTheOthersSessionAlone() throws Exception {
        Path rack = dir.resolve("racks/two.yaml");
        Files.createDirectories(rack.getParent());
        Files.writeString(rack, """
                platform: {address: 127.0.0.1:5683}
                defaults: {profile: %s}
                power: {driver: virtual, off-time: 1s}
                modules:
                  - {name: a, port: sim, imei: "866971050123456"}
                  - {name: b, port: sim, imei: "866971050123464"}
                """.formatted(PROFILE));
        // the session is tagged slow so that the shard hands it out first: both cases then run at once, one each
        Path s = suite("isolation.yaml", """
                suite: isolation
                fixtures:
                  profile: PROFILE
                cases:
                  - name: a power cut
                    steps:
                      - send: AT
                      - power: cycle
                        for: 1s
                        recover: ready
                      - send: AT
                  - name: a session that outlasts the cut
                    tags: [slow]
                    steps:
                      - send: AT+MIPLCREATE
                        lines: ['+MIPLCREATE: 0']
                      - wait: 8s
                      - send: AT+MIPLDELETE=0
                """);
        Path reports = dir.resolve("reports");

        int code = run(s.toString(), "--rack", rack.toString(), "--report", reports.toString());

        assertThat(code).as(output()).isZero();
        Path cut = only(files(reports.resolve("transcripts"), "a-power-cut.txt"));
        Path session = only(files(reports.resolve("transcripts"), "a-session-that-outlasts-the-cut.txt"));
        assertThat(cut.getParent().getParent()).as("the two cases ran on different modules (%s)", output())
                .isNotEqualTo(session.getParent().getParent());
        List<String> cutLines = read(cut).lines().toList();
        List<String> sessionLines = read(session).lines().toList();
        // the cut: the module restarted (RDY after the case's first command)
        Instant restart = rdyAfterFirstCommand(cutLines).orElseThrow(() -> new AssertionError(
                "no RDY after the power cut in " + cut + ":\n" + read(cut)));
        Instant first = time(sessionLines.stream().filter(l -> l.contains(" TX ")).findFirst().orElseThrow());
        Instant last = time(sessionLines.get(sessionLines.size() - 1));
        assertThat(restart).as("the other module restarted during the session (%s .. %s)", first, last)
                .isBetween(first, last);
        assertThat(rdyAfterFirstCommand(sessionLines)).as("the session's module never restarted:\n%s", read(session))
                .isEmpty();
        assertThat(read(session)).contains("RX +MIPLCREATE: 0").contains("TX AT+MIPLDELETE=0");
    }

    private static Path only(List<Path> found) {
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Optional<Instant> rdyAfterFirstCommand(List<String> lines) {
        boolean sent = false;
        for (String l : lines) {
            sent |= l.contains(" TX ");
            if (sent && l.endsWith(" RX RDY")) {
                return Optional.of(time(l));
            }
        }
        return Optional.empty();
    }

    private static Instant time(String transcriptLine) {
        return Instant.parse(transcriptLine.substring(0, transcriptLine.indexOf(' ')));
    }

    @Test
    void usageErrorsOfARackOfSeveral() throws Exception {
        Path s = identitySuite(1, "");
        List<String[]> calls = new ArrayList<>();
        calls.add(new String[] {"--modules", "a,x,y"});
        calls.add(new String[] {"--target", "sim"});
        calls.add(new String[] {"--imei", "866971050123456"});
        calls.add(new String[] {"--parallel", "2"});
        calls.add(new String[] {"--shard", "--replicate"});
        calls.add(new String[] {"--platform", "onenet"});
        List<String> expected = List.of(
                "mipl-hil run: --modules: no modules x, y in " + VIRTUAL_3 + " (its modules: a, b, c)",
                "mipl-hil run: --target: a rack of several modules gives each module's port",
                "mipl-hil run: --imei: a rack of several modules gives each module's identity",
                "mipl-hil run: --parallel starts virtual modules; a rack of several modules runs its own",
                "mipl-hil run: --shard and --replicate exclude each other",
                "mipl-hil run: a rack of several modules runs with the embedded platform only (each module its own,"
                        + " on ports of its own), not OneNET");
        for (int i = 0; i < calls.size(); i++) {
            err.reset();
            List<String> args = new ArrayList<>(List.of(s.toString(), "--rack", VIRTUAL_3.toString(), "--report",
                    dir.resolve("r").toString()));
            args.addAll(List.of(calls.get(i)));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(expected.get(i));
        }
        err.reset();
        assertThat(run(s.toString(), "--modules", "a")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--modules picks modules of a rack: give --rack FILE");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void eachModuleRunsTheSuitesUnderItsOwnProfile() throws Exception {
        Path rack = Path.of("fixtures/racks/virtual-2-profiles.yaml").toAbsolutePath();
        Path reports = dir.resolve("reports");

        int code = run(Path.of("suites/fleet/profiles.yaml").toString(), "--rack", rack.toString(), "--replicate",
                "--report", reports.toString());

        // the profiles' T3324 differ (10 s and 2 s): each module expected, and was answered, its own
        String psmA = "+CPSMS: 1,,,\"00111000\",\"00000101\"";
        String psmB = "+CPSMS: 1,,,\"00111000\",\"00000001\"";
        assertThat(code).as(output()).isZero();
        assertThat(output()).contains("firmware profiles: a=bc260y-cn.yaml, b=bc260y-cn-quick-sleep.yaml",
                "[a bc260y-cn.yaml] ", "[b bc260y-cn-quick-sleep.yaml] ");
        String transcriptsA = String.join("\n", files(reports.resolve("transcripts/a"), ".txt").stream()
                .map(RackRunTest::read).toList());
        String transcriptsB = String.join("\n", files(reports.resolve("transcripts/b"), ".txt").stream()
                .map(RackRunTest::read).toList());
        assertThat(transcriptsA).contains(psmA).doesNotContain(psmB);
        assertThat(transcriptsB).contains(psmB).doesNotContain(psmA);
        List<Path> junitA = files(reports.resolve("junit/a"), ".xml");
        List<Path> junitB = files(reports.resolve("junit/b"), ".xml");
        assertThat(junitA).isNotEmpty();
        assertThat(junitB).isNotEmpty();
        assertThat(read(junitA.get(0))).containsPattern("<property name=\"profile\" value=\"[^\"]*/bc260y-cn.yaml\"");
        assertThat(read(junitB.get(0)))
                .containsPattern("<property name=\"profile\" value=\"[^\"]*/bc260y-cn-quick-sleep.yaml\"");
        List<String> results = files(reports.resolve("allure-results"), "-result.json").stream()
                .map(RackRunTest::read).toList();
        assertThat(results).hasSize(2);
        assertThat(results).anySatisfy(r -> assertThat(r).contains("\"value\":\"a\"")
                .contains("\"name\":\"profile\",\"value\":\"bc260y-cn.yaml\""));
        assertThat(results).anySatisfy(r -> assertThat(r).contains("\"value\":\"b\"")
                .contains("\"name\":\"profile\",\"value\":\"bc260y-cn-quick-sleep.yaml\""));
    }

    @Test
    void aShardOverTwoProfilesSaysWhichProfileEachCaseRanUnder() throws Exception {
        Path rack = Path.of("fixtures/racks/virtual-2-profiles.yaml").toAbsolutePath();
        Path reports = dir.resolve("reports");

        int code = run(Path.of("suites/fleet/profiles.yaml").toString(), "--rack", rack.toString(),
                "--report", reports.toString());

        assertThat(code).as(output()).isZero();
        assertThat(output()).contains("each case runs once, under the profile of the module that takes it")
                .containsPattern("\\[(a bc260y-cn|b bc260y-cn-quick-sleep)\\.yaml\\] .*AT\\+CPSMS\\?");
        List<String> results = files(reports.resolve("allure-results"), "-result.json").stream()
                .map(RackRunTest::read).toList();
        assertThat(results).hasSize(1);
        assertThat(results.get(0)).containsPattern("\"name\":\"profile\",\"value\":\"bc260y-cn(-quick-sleep)?\\.yaml\"");
    }

    @Test
    void oneModulePickedFromARackOfSeveralRunsAlone() throws Exception {
        Path s = identitySuite(1, "");
        Path reports = dir.resolve("reports");

        int code = run(s.toString(), "--rack", VIRTUAL_3.toString(), "--modules", "b", "--report", reports.toString());

        assertThat(code).as(output()).isZero();
        assertThat(output()).doesNotContain("modules (");
        assertThat(reports.resolve("junit/b")).doesNotExist();
        String transcript = read(files(reports.resolve("transcripts"), ".txt").get(0));
        assertThat(transcript).contains("+CGSN: " + IMEIS.get(1));
    }
}
