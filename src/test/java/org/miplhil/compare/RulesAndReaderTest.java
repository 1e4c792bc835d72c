package org.miplhil.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.miplhil.report.CaseInfo;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.ResultsWriter;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.SuiteInfo;

import org.miplhil.compare.QualificationRules;
import org.miplhil.compare.RulesLoader;
import org.miplhil.compare.Verdict;
import org.miplhil.compare.VerdictJudge;
import org.miplhil.yaml.LoadResult;

/** Verdict rules loaded with positions and judged; the results reader on hostile input. */
class RulesAndReaderTest {

    private static MeasurementRecord reg(double ms) {
        return new MeasurementRecord("AT+MIPLOPEN -> +MIPLEVENT: 0,6", ms, null, 30000.0, "ms", "open");
    }

    private static CaseRecord c(String id, String status, List<String> tags, MeasurementRecord... ms) {
        return new CaseRecord("reg", id, id, "", 1, status, 1, status.equals("passed") ? "" : "no URC", tags,
                List.of(ms), "transcripts/reg/" + id + ".txt");
    }

    private static Comparison compare(List<CaseRecord> base, List<CaseRecord> cand) {
        return new Comparer(30, 10).compare(new RunResults(Path.of("b"), List.of(), base, List.of()),
                new RunResults(Path.of("c"), List.of(), cand, List.of()));
    }

    @Test
    void theDefaultRulesLoadAndQualifyAGoodCandidate() {
        LoadResult<QualificationRules> r = RulesLoader.load(Path.of("fixtures/qualification/release.yaml"));
        assertThat(r.errors()).isEmpty();
        QualificationRules rules = r.orElseThrow();
        assertThat(rules.requiredTags()).containsExactly("doc:3.3.7", "doc:5.7");
        assertThat(rules.measurements().get(0).max()).contains(30000.0);
        List<CaseRecord> good = List.of(c("open", "passed", List.of("doc:3.3.7", "doc:5.7"), reg(100)),
                c("create", "passed", List.of(), new MeasurementRecord("AT+MIPLCREATE -> OK", 2.0, null, 5000.0,
                        "ms", "")));
        Verdict v = VerdictJudge.judge(rules, compare(good, good));
        assertThat(v.rules()).allMatch(Verdict.RuleResult::passed);
        assertThat(v.word()).isEqualTo("QUALIFIED");
    }

    @Test
    void eachRuleFailsOnItsOwnEvidence() {
        QualificationRules rules = RulesLoader.parse("r.yaml", """
                qualification: 1
                required-tags: [doc:3.3.7]
                regressions:
                  allowed-suites: [soak]
                measurements:
                  - name: "AT+MIPLOPEN -> +MIPLEVENT: 0,6"
                    max: 150ms
                    max-shift: 30%
                repeats:
                  per-module: 2
                """).orElseThrow();
        List<CaseRecord> base = List.of(c("open", "passed", List.of("doc:3.3.7"), reg(100)),
                c("open", "passed", List.of("doc:3.3.7"), reg(100)));
        List<CaseRecord> cand = List.of(c("open", "failed", List.of("doc:3.3.7"), reg(200)));
        Verdict v = VerdictJudge.judge(rules, compare(base, cand));
        assertThat(v.qualified()).isFalse();
        assertThat(v.rules()).extracting(Verdict.RuleResult::passed).containsExactly(false, false, false, false);
        assertThat(v.rules().get(0).evidence()).extracting(Verdict.Evidence::link)
                .containsExactly("transcripts/reg/open.txt");
        assertThat(v.rules().get(2).evidence().get(0).text()).contains("max 200 ms").contains("+100 %").endsWith("FAIL");
        assertThat(v.rules().get(3).evidence().get(0).text()).isEqualTo("reg / open: ran 1 time(s)");
    }

    @Test
    void problemsCarryFileLineAndColumn() {
        LoadResult<QualificationRules> r = RulesLoader.parse("bad.yaml", """
                qualification: 1
                measurements:
                  - name: x
                    max-shift: lots
                  - pattern: "("
                    max: 1s
                regressionz: {}
                """);
        assertThat(r.errors()).containsExactlyInAnyOrder(
                "bad.yaml:4:16: max-shift must be a percentage such as 30%, found 'lots'",
                "bad.yaml:5:14: pattern is not a regular expression: Unclosed group",
                "bad.yaml:7:1: unknown key 'regressionz' in the rules file (known: qualification, description,"
                        + " required-tags, regressions, measurements, repeats)");
    }

    @Test
    void theReaderNeverThrowsOnMutatedResults() {
        String good = """
                {"format": 1, "runs": [{"module": "", "target": "sim", "firmwareRevision": "R1", "cases": [
                  {"suite": "reg [run 2 of 3]", "id": "open", "name": "n", "status": "passed", "durationMs": 5,
                   "tags": ["a", "cmd:AT+MIPLOPEN"], "suiteTags": ["a", "AT+MIPLOPEN"],
                   "measurements": [{"name": "m", "value": 1.5, "unit": "ms", "step": "s"}],
                   "transcript": "transcripts/reg/open.txt"}]}]}
                """;
        RunResults ok = ResultsReader.parse(Path.of("."), "results.json", good);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.cases()).singleElement().satisfies(x -> {
            assertThat(x.suite()).isEqualTo("reg");
            assertThat(x.repeat()).isEqualTo(2);
            assertThat(x.measurements().get(0).value()).isEqualTo(1.5);
            assertThat(x.tags()).containsExactly("a", "AT+MIPLOPEN");
        });
        assertThat(ResultsReader.parse(Path.of("."), "f", "{\"format\": 1, \"runs\": [{\"cases\": [{\"suite\": \"s\","
                + " \"id\": \"i\", \"status\": \"odd\", \"transcript\": \"../../etc/passwd\"}]}]}").problems())
                .containsExactly("f: runs[0].cases[0]: status must be passed, failed, broken or skipped, found 'odd'",
                        "f: runs[0].cases[0]: transcript path must stay inside the report directory: ../../etc/passwd");
        Random random = new Random(15);
        String alphabet = "{}[]\",:0123456789.eE-+ abcnrtul\\";
        for (int i = 0; i < 3000; i++) {
            StringBuilder s = new StringBuilder(good);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            RunResults r = ResultsReader.parse(Path.of("."), "results.json", s.toString());
            assertThat(r).isNotNull();
            r.problems().forEach(p -> assertThat(p).startsWith("results.json"));
        }
    }

    @Test
    void lintChecksARulesFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "qualification: 1\nrepeats:\n  per-module: 0\n");
        var cli = org.miplhil.cli.Main.commandLine();
        var out = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out));
        assertThat(cli.execute("lint", "fixtures/qualification/release.yaml")).isZero();
        assertThat(cli.execute("lint", bad.toString())).isEqualTo(2);
        assertThat(out.toString()).contains(bad + ":3:15: repeats.per-module must be in 1..10000, found 0");
    }

    /**
     * results.json records the tags as the suite wrote them (suiteTags) beside the report's labels (tags); rules
     * match the written form only. A file written before suiteTags existed is read from its labels, a command tag's
     * {@code cmd:} taken off.
     */
    @Test
    void tagsAreRecordedAsTheSuiteWroteThemAndRulesMatchThatForm(@TempDir Path dir)
            throws IOException {
        ReportLayout layout = new ReportLayout(dir);
        RunRecorder rec = RunRecorder.builder()
                .sink(new ResultsWriter(layout)).build();
        rec.runStarted(RunInfo.builder().target("sim").build());
        rec.suiteStarted(SuiteInfo.of("version"));
        // as SuiteRunner builds it from a case's tags: AT+/+ tags are commands, the rest goes through tag()
        rec.caseStarted(CaseInfo.builder("AT+MIPLVER? answers").id("ver").command("AT+MIPLVER")
                .command("+MIPLEVENT").tag("doc:3.3.4").tag("ETS-301").tag("cmd:AT+MIPLCONFIG").tag("quick").build());
        rec.stepStarted("ask");
        rec.stepPassed();
        rec.caseFinished();
        rec.suiteFinished();
        rec.runFinished();
        String json = Files.readString(dir.resolve("results.json"));
        JsonNode c = new ObjectMapper().readTree(json)
                .get("runs").get(0).get("cases").get(0);
        assertThat(c.get("tags").toString()).isEqualTo(
                "[\"doc:3.3.4\",\"cmd:AT+MIPLVER\",\"cmd:+MIPLEVENT\",\"cmd:AT+MIPLCONFIG\",\"ets:301\",\"quick\"]");
        assertThat(c.get("suiteTags").toString()).isEqualTo(
                "[\"AT+MIPLVER\",\"+MIPLEVENT\",\"doc:3.3.4\",\"ETS-301\",\"cmd:AT+MIPLCONFIG\",\"quick\"]");
        RunResults run = ResultsReader.read(dir);
        assertThat(run.problems()).isEmpty();
        assertThat(run.cases()).singleElement().extracting(CaseRecord::tags).asList()
                .containsExactly("AT+MIPLVER", "+MIPLEVENT", "doc:3.3.4", "ETS-301", "cmd:AT+MIPLCONFIG", "quick");

        Comparison same = new Comparer(30, 10).compare(run, run);
        assertThat(VerdictJudge.judge(rules("[AT+MIPLVER, ETS-301, cmd:AT+MIPLCONFIG]"), same).rules().get(0).passed())
                .isTrue();
        // the report's label of a command is no tag the suite wrote
        assertThat(VerdictJudge.judge(rules("[cmd:AT+MIPLVER]"), same).rules().get(0).summary())
                .isEqualTo("no case with this tag ran");
        assertThat(VerdictJudge.judge(rules("[ets:301]"), same).qualified()).isFalse();

        // an older results.json: only the labels
        JsonNode doc = new ObjectMapper().readTree(json);
        ((ObjectNode) doc.get("runs").get(0).get("cases").get(0)).remove("suiteTags");
        RunResults old = ResultsReader.parse(dir, "old.json", doc.toString());
        assertThat(old.problems()).isEmpty();
        assertThat(old.cases().get(0).tags())
                .containsExactly("doc:3.3.4", "AT+MIPLVER", "+MIPLEVENT", "AT+MIPLCONFIG", "ets:301", "quick");
        assertThat(VerdictJudge.judge(rules("[AT+MIPLVER]"), new Comparer(30, 10).compare(old, old)).qualified())
                .isTrue();
    }

    private static QualificationRules rules(String requiredTags) {
        return RulesLoader.parse("r.yaml", "qualification: 1\nrequired-tags: " + requiredTags + "\n").orElseThrow();
    }
}
