package org.miplhil.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

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
                   "tags": ["a"], "measurements": [{"name": "m", "value": 1.5, "unit": "ms", "step": "s"}],
                   "transcript": "transcripts/reg/open.txt"}]}]}
                """;
        RunResults ok = ResultsReader.parse(Path.of("."), "results.json", good);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.cases()).singleElement().satisfies(x -> {
            assertThat(x.suite()).isEqualTo("reg");
            assertThat(x.repeat()).isEqualTo(2);
            assertThat(x.measurements().get(0).value()).isEqualTo(1.5);
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
    void lintChecksARulesFile(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, "qualification: 1\nrepeats:\n  per-module: 0\n");
        var cli = org.miplhil.cli.Main.commandLine();
        var out = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out));
        assertThat(cli.execute("lint", "fixtures/qualification/release.yaml")).isZero();
        assertThat(cli.execute("lint", bad.toString())).isEqualTo(2);
        assertThat(out.toString()).contains(bad + ":3:15: repeats.per-module must be in 1..10000, found 0");
    }
}
