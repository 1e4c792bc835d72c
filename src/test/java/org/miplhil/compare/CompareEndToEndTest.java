package org.miplhil.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miplhil.compare.CompareEndToEnd.BASELINE;
import static org.miplhil.compare.CompareEndToEnd.CANDIDATE;
import static org.miplhil.compare.CompareEndToEnd.CONTROL_CASE;
import static org.miplhil.compare.CompareEndToEnd.ERROR_CASE;
import static org.miplhil.compare.CompareEndToEnd.OUT;
import static org.miplhil.compare.CompareEndToEnd.OUT_TOLERANT;
import static org.miplhil.compare.CompareEndToEnd.REGISTRATION;
import static org.miplhil.compare.CompareEndToEnd.REGISTRATION_CASE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.miplhil.compare.Comparison.Behaviour;
import org.miplhil.compare.Comparison.BehaviourKind;
import org.miplhil.compare.Comparison.Change;
import org.miplhil.compare.Comparison.Shift;

/**
 * compare over two real runs of the virtual module ({@link CompareEndToEnd}): the candidate's fault plan changes one
 * error code, delays the registration's event 6 and adds a URC, and compare finds exactly that — the error-code case
 * newly failing with another error code, the registration's measurement flagged, the new URC as a line only in the
 * candidate — and nothing in the untouched case or anywhere else. The verdict follows the rules given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareEndToEndTest {

    private CompareEndToEnd.Runs runs;
    private Comparison cmp;

    @BeforeAll
    void runBothFirmwares() throws IOException {
        runs = CompareEndToEnd.runs();
        cmp = new Comparer(30, Double.parseDouble(CompareEndToEnd.MIN_CHANGE_MS))
                .compare(ResultsReader.read(BASELINE), ResultsReader.read(CANDIDATE));
    }

    @Test
    void theBaselinePassesAndOnlyTheErrorCodeCaseFailsInTheCandidate() {
        assertThat(runs.baselineRun()).as(runs.log()).isZero();
        assertThat(runs.candidateRun()).as(runs.log()).isEqualTo(1);
        assertThat(cmp.baseline().problems()).isEmpty();
        assertThat(cmp.candidate().problems()).isEmpty();
        for (RunResults r : List.of(cmp.baseline(), cmp.candidate())) {
            assertThat(r.cases()).extracting(c -> c.key(false) + " #" + c.repeat()).containsExactlyInAnyOrder(
                    java.util.stream.IntStream.rangeClosed(1, CompareEndToEnd.REPEAT).boxed().flatMap(k -> Stream.of(
                            ERROR_CASE + " #" + k, REGISTRATION_CASE + " #" + k, CONTROL_CASE + " #" + k))
                            .toArray(String[]::new));
        }
        assertThat(cmp.candidate().cases()).filteredOn(c -> !c.passed()).hasSize(CompareEndToEnd.REPEAT)
                .allSatisfy(c -> assertThat(c.key(false)).isEqualTo(ERROR_CASE));
        assertThat(cmp.baseline().firmwareRevisions()).isEqualTo(CompareEndToEnd.BASELINE_REVISION);
        assertThat(cmp.candidate().firmwareRevisions()).isEqualTo(CompareEndToEnd.CANDIDATE_REVISION);
    }

    @Test
    void exactlyTheChangedCodeTheSlowerRegistrationAndTheNewUrcAreFound() {
        assertThat(cmp.cases()).extracting(c -> c.key() + ": " + c.change())
                .containsExactly(ERROR_CASE + ": " + Change.NEWLY_FAILING);
        assertThat(cmp.regressions().get(0).candidate().failure()).contains("+CIS ERROR: 651");

        // the registration, and the observe after it (awaited from the same AT+MIPLOPEN, so later by the stall too)
        assertThat(cmp.flaggedShifts()).extracting(Shift::name)
                .containsExactly(REGISTRATION, CompareEndToEnd.OBSERVE_AFTER_REGISTRATION);
        Shift reg = cmp.flaggedShifts().get(0);
        assertThat(reg.unit()).isEqualTo("ms");
        assertThat(reg.candidate().median()).as("the stall adds its %d ms", CompareEndToEnd.REGISTRATION_PAUSE_MS)
                .isGreaterThanOrEqualTo(CompareEndToEnd.REGISTRATION_PAUSE_MS);
        assertThat(reg.change()).isGreaterThan(30);
        assertThat(reg.baseline().n()).as("one registration per repeat").isEqualTo(CompareEndToEnd.REPEAT);
        assertThat(reg.smallSample()).isTrue();
        // every other measurement of the three cases was compared and none is flagged
        assertThat(cmp.shifts()).hasSizeGreaterThan(10).filteredOn(Shift::flagged).hasSize(2);

        assertThat(cmp.behaviours()).extracting(b -> b.key() + ": " + b.kind() + " " + b.baselineLines() + " -> "
                + b.candidateLines()).containsExactlyInAnyOrder(
                ERROR_CASE + ": " + BehaviourKind.ERROR_CODE + " [+CIS ERROR: 655, +CIS ERROR: 652] -> "
                        + "[+CIS ERROR: 655, +CIS ERROR: 651]",
                REGISTRATION_CASE + ": " + BehaviourKind.ONLY_IN_CANDIDATE + " [] -> [+CSCON: 1]");
        for (Behaviour b : cmp.behaviours()) {
            assertThat(BASELINE.resolve(b.baselineTranscript())).isRegularFile();
            assertThat(CANDIDATE.resolve(b.candidateTranscript())).isRegularFile();
        }
        assertThat(cmp.profile()).extracting(p -> p.key() + " " + p.baselineValue() + " -> " + p.candidateValue())
                .containsExactly("identity.revision " + CompareEndToEnd.BASELINE_REVISION + " -> "
                        + CompareEndToEnd.CANDIDATE_REVISION);
        assertThat(cmp.regressed()).isTrue();
        assertThat(runs.plainCompare()).as(runs.log()).isEqualTo(1);
    }

    @Test
    void theVerdictFollowsTheRules() throws IOException {
        assertThat(runs.strictCompare()).as(runs.log()).isEqualTo(1);
        JsonNode verdict = new ObjectMapper().readTree(OUT.resolve("compare.json").toFile()).get("verdict");
        assertThat(verdict.get("qualified").asBoolean()).isFalse();
        List<String> outcome = new java.util.ArrayList<>();
        verdict.get("results").forEach(r -> outcome.add((r.get("passed").asBoolean() ? "PASS " : "FAIL ")
                + r.get("rule").asText().replaceAll(" \\(line \\d+\\)$", "")));
        assertThat(outcome).containsExactly(
                "PASS cases tagged doc:7.2.3 ran and passed",
                // AT+MIPLOPEN as the suites write it: the error-code case and the registration carry it
                "FAIL cases tagged AT+MIPLOPEN ran and passed",
                "FAIL no regression",
                "FAIL AT+MIPLOPEN -> +MIPLEVENT: 0,6: max 30 s, median at most 30 % above the baseline",
                "PASS /^AT\\+MIPL\\w+ -> OK$/: p95 at most 5 s",
                "PASS every case ran at least 3 time(s) on each module");
        String md = Files.readString(OUT.resolve("verdict.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("NOT QUALIFIED", "3 of 6 runs passed", "+CIS ERROR: 651");

        assertThat(runs.tolerantCompare()).as(runs.log()).isZero();
        assertThat(Files.readString(OUT_TOLERANT.resolve("verdict.md"), StandardCharsets.UTF_8))
                .contains("QUALIFIED", "1 regression(s), none forbidden").doesNotContain("NOT QUALIFIED");
    }

    @Test
    void resultsJsonRecordsTheWrittenTagsAndTheProfileTheEnvironmentNames() throws IOException {
        CaseRecord error = ResultsReader.read(CANDIDATE).cases().stream().filter(c -> c.key(false).equals(ERROR_CASE))
                .findFirst().orElseThrow();
        // error-codes.yaml writes [doc:4, doc:3.3.7, AT+MIPLOPEN], its suite [catalogue, errors]
        assertThat(error.tags()).contains("doc:4", "doc:3.3.7", "AT+MIPLOPEN").doesNotContain("cmd:AT+MIPLOPEN");
        for (Path report : List.of(BASELINE, CANDIDATE)) {
            JsonNode run = new ObjectMapper().readTree(report.resolve("results.json").toFile()).get("runs").get(0);
            Properties env = new Properties();
            try (Reader r = Files.newBufferedReader(report.resolve("allure-results/environment.properties"),
                    StandardCharsets.ISO_8859_1)) {
                env.load(r);
            }
            assertThat(run.get("profileSha256").asText()).hasSize(64)
                    .startsWith(env.getProperty("profile.sha256"))
                    .isEqualTo(org.miplhil.report.ResultsWriter.sha256(report.resolve("profile.yaml")).orElseThrow());
        }
    }
}
