package org.miplhil.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine;

import org.miplhil.cli.Main;

/**
 * Two real runs of three catalogue cases on the virtual module, through {@code ./mipl-hil run} in-process (real
 * pseudo-terminal, real embedded platform), then {@code ./mipl-hil compare} over them: the baseline plain, the
 * candidate with a fault plan standing for a firmware that differs in three known ways. Run once per JVM and shared
 * by {@link CompareEndToEndTest} and the browser check of the pages it writes
 * ({@code org.miplhil.report.QualificationPagesBrowserTest}).
 *
 * <ul>
 *   <li>error-codes.yaml, "652 parameter error: AT+MIPLOPEN with a lifetime below 15": the candidate answers 651
 *       (newly failing, another error code);</li>
 *   <li>chapter7-registration.yaml, 7.2.3 (registration, observe, discover, deregistration, every URC answered by
 *       hand): the candidate's {@code +MIPLEVENT: 0,6} comes {@link #REGISTRATION_PAUSE_MS} ms later (the module's
 *       output stalls there, the lines behind it keep their order), and {@code +CSCON: 1} follows event 4 (a URC the
 *       baseline never sends; 27.007's connection status, which the invariants allow);</li>
 *   <li>chapter7-initialization.yaml, 7.1: untouched, the control.</li>
 * </ul>
 * The candidate also runs with a copy of the shipped profile that names its own revision ({@link #CANDIDATE_REVISION}):
 * the one profile difference. Each run repeats the selection {@link #REPEAT} times, so a median is not one value.
 */
public final class CompareEndToEnd {

    /** Where everything goes; the browser check opens the pages from here. */
    public static final Path DIR = Path.of("target", "compare-e2e").toAbsolutePath();
    public static final Path BASELINE = DIR.resolve("baseline");
    public static final Path CANDIDATE = DIR.resolve("candidate");
    /** compare's output with the strict rules (NOT QUALIFIED). */
    public static final Path OUT = DIR.resolve("compare");
    /** compare's output with the tolerant rules (QUALIFIED). */
    public static final Path OUT_TOLERANT = DIR.resolve("compare-tolerant");
    /** compare's output without rules. */
    public static final Path OUT_PLAIN = DIR.resolve("compare-plain");
    /** {@code compare --report CANDIDATE}: the qualification page beside the candidate's report. */
    public static final Path QUALIFICATION_PAGE = CANDIDATE.resolve("qualification").resolve("index.html");

    /**
     * How long the candidate's output stalls at event 6. Below the platform's CoAP ACK_TIMEOUT (2 s): the observe
     * the platform sends at the registration waits in the stalled output, and a longer stall would see it
     * retransmitted and printed twice (a duplicate the invariants rightly fail).
     */
    public static final long REGISTRATION_PAUSE_MS = 1500;
    /** compare's --min-change: jitter of a loaded machine on a few-ms exchange is no shift, the stall is. */
    static final String MIN_CHANGE_MS = "750";

    static final int REPEAT = 3;
    static final String PROFILE = "fixtures/firmware/bc260y-cn.yaml";
    public static final String BASELINE_REVISION = "BC260YCNAAR01A03";
    public static final String CANDIDATE_REVISION = "BC260YCNAAR01A04";

    static final List<String> SUITES = List.of("suites/catalogue/error-codes.yaml",
            "suites/catalogue/chapter7-registration.yaml", "suites/catalogue/chapter7-initialization.yaml");
    static final String TAGS = "(doc:4 & AT+MIPLOPEN) | doc:7.2.3 | (doc:7.1 & AT+QSCLK)";

    public static final String ERROR_CASE = "Error codes of chapter 4 / "
            + "652-parameter-error-at-miplopen-with-a-lifetime-below-15";
    public static final String REGISTRATION_CASE = "Chapter 7.2: registration and discover transcripts / "
            + "7-2-3-registration-without-bootstrap-observe-discover-object-deleted-deregistration";
    public static final String CONTROL_CASE = "Chapter 7.1: initialisation transcript / "
            + "7-1-at-qsclk-0-at-cereg-reports-registered-at-cgpaddr-reports-the-ip-address";
    public static final String REGISTRATION = "AT+MIPLOPEN -> +MIPLEVENT: 0,6";
    /**
     * The platform's observe after the registration, awaited from the same AT+MIPLOPEN: the stall delays it too. Its
     * name pairs across the runs only without the msgId (compare normalises it).
     */
    public static final String OBSERVE_AFTER_REGISTRATION = "AT+MIPLOPEN -> +MIPLOBSERVE: 0,<msgId>,1,3311,0,-1";

    static final String FAULTS = """
            # The candidate firmware of the end-to-end compare test: three known differences from the baseline.
            defect: "another error code, a slower registration, a new URC"
            faults:
              - on: command                       # 3.3.7: a lifetime below 15 refused with 651 instead of 652
                match: '^AT\\+MIPLOPEN=0,(?:[1-9]|1[0-4])(?:,|$)'
                action: reply
                value: "+CIS ERROR: 651"
              - on: urc                           # registration reported later: the output stalls at event 6
                match: '^\\+MIPLEVENT: 0,6$'
                action: pause
                value: %dms
              - on: urc                           # a URC the baseline never sends, right behind event 4
                match: '^\\+MIPLEVENT: 0,4$'
                action: emit
                value: "+CSCON: 1"
            """.formatted(REGISTRATION_PAUSE_MS);

    /** Asks what the three cases show; every rule but the OK pattern's and the repeats' fails. */
    static final String STRICT_RULES = """
            qualification: 1
            description: end-to-end compare test, strict
            required-tags: [doc:7.2.3, AT+MIPLOPEN]
            regressions:
              allowed: false
            measurements:
              - name: "AT+MIPLOPEN -> +MIPLEVENT: 0,6"
                max: 30s
                max-shift: 30%
              - pattern: '^AT\\+MIPL\\w+ -> OK$'
                p95-max: 5s
            repeats:
              per-module: 3
            """;

    /** Tolerates the error-code regression (doc:4) and asks no shift limit: qualified. */
    static final String TOLERANT_RULES = """
            qualification: 1
            description: end-to-end compare test, tolerant
            required-tags: [doc:7.2.3]
            regressions:
              allowed: false
              allowed-tags: [doc:4]
            measurements:
              - name: "AT+MIPLOPEN -> +MIPLEVENT: 0,6"
                max: 30s
            """;

    /**
     * Exit statuses and output of each command.
     *
     * @param log every command as typed, with its exit status and output
     */
    public record Runs(int baselineRun, int candidateRun, int strictCompare, int tolerantCompare, int plainCompare,
                       String log) {
    }

    private static Runs runs;

    private CompareEndToEnd() {
    }

    /** Runs both firmwares and compares them, the first time it is asked in this JVM. */
    public static synchronized Runs runs() throws IOException {
        if (runs == null) {
            runs = runAll();
        }
        return runs;
    }

    private static Runs runAll() throws IOException {
        deleteTree(DIR);
        Files.createDirectories(DIR);
        Path faults = Files.writeString(DIR.resolve("candidate-faults.yaml"), FAULTS);
        Path strict = Files.writeString(DIR.resolve("strict-rules.yaml"), STRICT_RULES);
        Path tolerant = Files.writeString(DIR.resolve("tolerant-rules.yaml"), TOLERANT_RULES);
        String shipped = Files.readString(Path.of(PROFILE), StandardCharsets.UTF_8);
        String revision = "revision: {value: " + BASELINE_REVISION;
        if (!shipped.contains(revision)) {
            throw new IllegalStateException(PROFILE + " no longer has '" + revision + "': adjust this test");
        }
        Path profile = Files.writeString(DIR.resolve("candidate-profile.yaml"),
                shipped.replace(revision, "revision: {value: " + CANDIDATE_REVISION), StandardCharsets.UTF_8);
        StringBuilder log = new StringBuilder();
        List<String> run = new ArrayList<>(List.of("run"));
        run.addAll(SUITES);
        run.addAll(List.of("--tags", TAGS, "--repeat", Integer.toString(REPEAT), "--report"));
        int base = cli(log, concat(run, BASELINE.toString()));
        int cand = cli(log, concat(run, CANDIDATE.toString(), "--sim-faults", faults.toString(), "--profile",
                profile.toString()));
        List<String> compare = List.of("compare", BASELINE.toString(), CANDIDATE.toString(), "--min-change",
                MIN_CHANGE_MS, "--out");
        int strictCode = cli(log, concat(compare, OUT.toString(), "--rules", strict.toString(), "--report",
                CANDIDATE.toString()));
        int tolerantCode = cli(log, concat(compare, OUT_TOLERANT.toString(), "--rules", tolerant.toString()));
        int plainCode = cli(log, concat(compare, OUT_PLAIN.toString()));
        Files.writeString(DIR.resolve("commands.log"), log, StandardCharsets.UTF_8);
        return new Runs(base, cand, strictCode, tolerantCode, plainCode, log.toString());
    }

    private static int cli(StringBuilder log, List<String> args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args.toArray(String[]::new));
        log.append("$ ./mipl-hil ").append(String.join(" ", args)).append("\n").append(out).append("exit ")
                .append(code).append("\n\n");
        return code;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
