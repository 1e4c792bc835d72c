package org.miplhil.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.miplhil.compare.Comparison.BehaviourKind;
import org.miplhil.report.CaseInfo;
import org.miplhil.report.Measurement;
import org.miplhil.report.ReportClock;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.ResultsWriter;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteInfo;
import org.miplhil.report.TranscriptWriter;

/**
 * Two runs recorded through the report's real recorder and sinks (results.json, transcripts), the candidate with
 * known differences: a changed error code, a slower registration, a new URC, another event order, a newly failing
 * case, a fixed one, a new and a gone one, a changed profile value. compare must find each and nothing else.
 */
class CompareTest {

    @TempDir
    Path dir;

    static final String T = "2026-12-07T04:28:02.496841Z +%d.000 %s %s";

    private static String transcript(String... lines) {
        StringBuilder b = new StringBuilder();
        int t = 1;
        for (String l : lines) {
            b.append(String.format(java.util.Locale.ROOT, T, t++, l.substring(0, 2), l.substring(3))).append('\n');
        }
        return b.toString();
    }

    private static List<String> registration(String msgId, String... events) {
        List<String> l = new ArrayList<>(List.of("TX AT+MIPLOPEN=0,86400,30", "RX AT+MIPLOPEN=0,86400,30", "RX OK"));
        for (String e : events) {
            l.add("RX " + e);
        }
        l.add("RX +MIPLOBSERVE: 0," + msgId + ",1,3303,0,-1");
        l.add("TX AT+MIPLOBSERVERSP=0," + msgId + ",1");
        l.add("RX AT+MIPLOBSERVERSP=0," + msgId + ",1");
        l.add("RX OK");
        l.add("RX +CGSN: 86" + msgId.charAt(1) + "123456789012"); // the IMEI of another module
        return l;
    }

    /** One run: suite "reg" with cases register, lifetime, flaky, fixed-later and baseline-only/candidate-only. */
    private Path record(String name, boolean candidate, String profileText) throws IOException {
        Path report = dir.resolve(name);
        Path profile = dir.resolve(name + "-profile.yaml");
        Files.writeString(profile, profileText);
        ReportLayout layout = new ReportLayout(report);
        RunRecorder rec = RunRecorder.builder().sink(new TranscriptWriter(layout)).sink(new ResultsWriter(layout))
                .clock(new ReportClock() {
                    private long n;

                    @Override
                    public Instant now() {
                        return Instant.parse("2026-12-07T04:00:00Z").plusMillis(n);
                    }

                    @Override
                    public long nanoTime() {
                        return n += 1_000_000;
                    }
                }).build();
        rec.runStarted(RunInfo.builder().target("sim").profile(profile.toString()).build());
        rec.firmwareRevision(candidate ? "BC260YCNAAR02A02" : "BC260YCNAAR02A01");
        for (int repeat = 0; repeat < 5; repeat++) {
            rec.suiteStarted(SuiteInfo.of("reg [run " + (repeat + 1) + " of 5]"));
            rec.caseStarted(CaseInfo.builder("registers").id("registers").tag("release").build());
            rec.stepStarted("open");
            double reg = candidate ? 135 + repeat : 100 + repeat; // a third slower in the candidate
            rec.measurement(Measurement.deadline("AT+MIPLOPEN -> +MIPLEVENT: 0,6", Duration.ofMillis((long) reg),
                    Duration.ofSeconds(30)));
            rec.measurement(Measurement.deadline("AT+MIPLCREATE -> OK", Duration.ofMillis(candidate ? 3 : 2),
                    Duration.ofSeconds(5)));
            // the platform numbers its requests afresh in every run: the name pairs without its msgId
            rec.measurement(Measurement.deadline("AT+MIPLOPEN -> +MIPLOBSERVE: 0," + (candidate ? "175332" : "109795")
                    + ",1,3303,0,-1", Duration.ofMillis(50), Duration.ofSeconds(10)));
            rec.stepPassed();
            List<String> lines = registration(candidate ? "175332" : "109795", candidate && repeat == 0
                    ? new String[] {"+MIPLEVENT: 0,6", "+MIPLEVENT: 0,4"} : new String[] {"+MIPLEVENT: 0,4",
                    "+MIPLEVENT: 0,6"});
            if (candidate && repeat == 0) {
                lines.add("RX +MIPLEVENT: 0,14");  // a new URC in the candidate
            }
            rec.transcript(transcript(lines.toArray(String[]::new)));
            rec.caseFinished();
            rec.suiteFinished();
        }
        rec.suiteStarted(SuiteInfo.of("misc"));
        rec.caseStarted(CaseInfo.builder("a short lifetime is refused").id("lifetime").build());
        rec.stepStarted("open");
        rec.stepPassed();
        rec.transcript(transcript("TX AT+MIPLOPEN=0,10,30", "RX AT+MIPLOPEN=0,10,30",
                "RX +CIS ERROR: " + (candidate ? "651" : "652")));
        rec.caseFinished();
        rec.caseStarted(CaseInfo.builder("update").id("update").build());
        rec.stepStarted("update");
        rec.stepFinished(candidate ? Status.FAILED : Status.PASSED, candidate ? "no +MIPLEVENT: 0,11 within 5 s" : null);
        rec.caseFinished();
        rec.caseStarted(CaseInfo.builder("close").id("close").build());
        rec.stepStarted("close");
        rec.stepFinished(candidate ? Status.PASSED : Status.FAILED, candidate ? null : "no +MIPLEVENT: 0,15");
        rec.caseFinished();
        rec.caseStarted(CaseInfo.builder(candidate ? "only new" : "only old").id(candidate ? "new" : "old").build());
        rec.stepStarted("x");
        rec.stepPassed();
        rec.caseFinished();
        rec.suiteFinished();
        rec.runFinished();
        return report;
    }

    static final String PROFILE = "errors:\n  open:\n    lifetime-range:\n      value: %s\n      source: doc:4\n"
            + "      note: x\nidentity:\n  imei:\n    value: \"861234567890123\"\n    source: assumed\n    note: y\n";

    @Test
    void findsEachKnownDifferenceAndNothingElse() throws IOException {
        Path base = record("base", false, String.format(PROFILE, 652));
        Path cand = record("cand", true, String.format(PROFILE, 651));
        RunResults b = ResultsReader.read(base);
        RunResults c = ResultsReader.read(cand);
        assertThat(b.problems()).isEmpty();
        assertThat(c.cases()).hasSize(9);
        assertThat(c.firmwareRevisions()).isEqualTo("BC260YCNAAR02A02");

        Comparison cmp = new Comparer(30, 10).compare(b, c);

        assertThat(cmp.cases()).extracting(x -> x.key() + " " + x.change()).containsExactly(
                "misc / close FIXED", "misc / new NEW", "misc / old GONE", "misc / update NEWLY_FAILING");
        assertThat(cmp.regressions()).extracting(Comparison.CaseChange::key).containsExactly("misc / update");
        // registration 30 % slower is flagged (median 102 -> 137 ms); 2 -> 3 ms is +50 % but below 10 ms: jitter
        assertThat(cmp.flaggedShifts()).extracting(Comparison.Shift::name)
                .containsExactly("AT+MIPLOPEN -> +MIPLEVENT: 0,6");
        assertThat(cmp.shifts()).extracting(Comparison.Shift::name).containsExactly(
                "AT+MIPLOPEN -> +MIPLEVENT: 0,6", "AT+MIPLCREATE -> OK",
                "AT+MIPLOPEN -> +MIPLOBSERVE: 0,<msgId>,1,3303,0,-1");
        assertThat(cmp.flaggedShifts().get(0).smallSample()).isFalse();
        // msgIds and the IMEI differ between the runs: normalised away
        assertThat(cmp.behaviours()).extracting(x -> x.key() + " " + x.kind() + " " + x.candidateLines())
                .containsExactlyInAnyOrder(
                        "misc / lifetime ERROR_CODE [+CIS ERROR: 651]",
                        "reg / registers URC_ORDER [+MIPLEVENT: 0,6, +MIPLEVENT: 0,4]",
                        "reg / registers ONLY_IN_CANDIDATE [+MIPLEVENT: 0,14]");
        assertThat(cmp.behaviours().stream().filter(x -> x.kind() == BehaviourKind.ERROR_CODE).findFirst()
                .orElseThrow().baselineLines()).containsExactly("+CIS ERROR: 652");
        assertThat(cmp.profile()).extracting(x -> x.key() + " " + x.baselineValue() + " -> " + x.candidateValue())
                .containsExactly("errors.open.lifetime-range 652 -> 651");
        assertThat(cmp.regressed()).isTrue();
    }

    @Test
    void theCommandWritesThePagesAndExitsByTheOutcome() throws IOException {
        Path base = record("base", false, String.format(PROFILE, 652));
        Path cand = record("cand", true, String.format(PROFILE, 651));
        Path out = dir.resolve("out");
        Path report = dir.resolve("cand-report");
        var cli = org.miplhil.cli.Main.commandLine();
        cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("compare", base.toString(), cand.toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(cli.execute("compare", base.toString(), base.toString(), "--out", dir.resolve("same").toString()))
                .isZero();
        assertThat(cli.execute("compare", base.toString(), cand.toString(), "--out", out.toString(), "--rules",
                "fixtures/qualification/release.yaml", "--report", report.toString())).isEqualTo(1);
        for (String f : List.of("compare.md", "compare.html", "compare.json", "verdict.md", "verdict.html",
                "index.html")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        String md = Files.readString(out.resolve("compare.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("newly failing").contains("+CIS ERROR: 651").contains("errors.open.lifetime-range");
        assertThat(Files.readString(out.resolve("verdict.md"))).contains("NOT QUALIFIED");
        // links from the page reach the candidate's transcripts
        assertThat(Files.readString(out.resolve("compare.html"))).contains("href=\"../cand/transcripts/misc/lifetime.txt\"");
        assertThat(report.resolve("qualification/index.html")).isRegularFile();
        try (var files = Files.list(report.resolve("allure-results"))) {
            assertThat(files.filter(p -> p.toString().endsWith("-result.json")).count()).isGreaterThan(5);
        }
        assertThat(cli.execute("compare", dir.resolve("nothing").toString(), cand.toString())).isEqualTo(2);
    }
}
