package org.miplhil.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Impact analysis on hand-written transcript lines: direction, trigger, reply trigger, order. */
class ImpactAnalysisTest {

    private static final String OPEN_CASE = """
            2026-12-07T10:00:00.000001Z +1.000 TX AT+MIPLCREATE
            2026-12-07T10:00:00.000101Z +1.100 RX +MIPLCREATE: 0
            2026-12-07T10:00:00.000201Z +1.200 RX OK
            2026-12-07T10:00:00.000301Z +2.000 TX AT+MIPLOPEN=0,14,30
            2026-12-07T10:00:00.000401Z +2.100 RX +CIS ERROR: 652
            2026-12-07T10:00:00.000501Z +3.000 TX AT+MIPLOPEN=0,3600,30
            2026-12-07T10:00:00.000601Z +3.100 RX OK
            2026-12-07T10:00:00.000701Z +3.200 RX +MIPLEVENT: 0,1
            2026-12-07T10:00:00.000801Z +3.300 RX! (no line end] before it) \\x00\\x80OK
            """;

    private static final String VER_CASE = """
            2026-12-07T10:00:01.000001Z +9.000 TX AT+MIPLVER?
            2026-12-07T10:00:01.000101Z +9.100 RX +MIPLVER: 2.3.0
            2026-12-07T10:00:01.000201Z +9.200 RX OK
            """;

    private static CaseTranscript c(String name, String transcript, long millis) {
        return new CaseTranscript("s", name, CaseTranscript.parse(transcript), Duration.ofMillis(millis));
    }

    @Test
    void theTranscriptIsReadLineByLineWithItsDirection() {
        List<CaseTranscript.Line> lines = CaseTranscript.parse(OPEN_CASE + "a network summary line\n");
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).isEqualTo(new CaseTranscript.Line(true, "AT+MIPLCREATE"));
        assertThat(lines.get(4)).isEqualTo(new CaseTranscript.Line(false, "+CIS ERROR: 652"));
        assertThat(lines.get(8).sent()).isFalse();
        assertThat(lines.get(8).text()).isEqualTo("\\x00\\x80OK");
    }

    @Test
    void aCommandMutantNeedsALineTheHarnessSentAndAUrcMutantALineTheModuleSent() {
        CaseTranscript open = c("open", OPEN_CASE, 100);
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.command("a", Family.DROP, "^AT\\+MIPLOPEN=", ""), open)).isTrue();
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.urc("b", Family.DROP, "^\\+MIPLEVENT: 0,1$", ""), open)).isTrue();
        // the same text in the other direction does not count
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.urc("c", Family.DROP, "^AT\\+MIPLOPEN", ""), open)).isFalse();
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.command("d", Family.DROP, "^\\+MIPLCREATE: 0", ""), open))
                .isFalse();
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.urc("e", Family.DROP, "^\\+MIPLEVENT: 0,6$", ""), open))
                .as("event 6 never came in this case").isFalse();
    }

    @Test
    void aUrcMutantDoesNotActOnAnInformationLineOfTheCommandWaiting() {
        CaseTranscript query = c("query", """
                2026-12-07T10:00:02.000001Z +1.000 TX AT+CEREG?
                2026-12-07T10:00:02.000101Z +1.100 RX +CEREG: 0,1
                2026-12-07T10:00:02.000201Z +1.200 RX OK
                """, 10);
        Mutant cereg = HandMadeMutants.urc("drop/urc-CEREG", Family.DROP, "^\\+CEREG:", "");
        assertThat(ImpactAnalysis.impacts(cereg, query)).isFalse();
        CaseTranscript urc = c("urc", """
                2026-12-07T10:00:02.000001Z +1.000 TX AT+MIPLOPEN=0,3600,30
                2026-12-07T10:00:02.000101Z +1.100 RX +CEREG: 1
                2026-12-07T10:00:02.000201Z +1.200 RX OK
                2026-12-07T10:00:02.000301Z +1.300 RX +CEREG: 5
                """, 10);
        assertThat(ImpactAnalysis.impacts(cereg, urc)).isTrue();
    }

    @Test
    void aReplyTriggerLooksAtTheFinalResultTheCleanModuleGaveThatCommand() {
        CaseTranscript open = c("open", OPEN_CASE, 100);
        // AT+MIPLOPEN=0,14,30 was refused: accept-refused can act on it
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.refused("a", "^AT\\+MIPLOPEN=", "CIS ERROR", ""), open)).isTrue();
        // AT+MIPLCREATE was accepted: accept-refused cannot
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.refused("b", "^AT\\+MIPLCREATE$", "CIS ERROR", ""), open)).isFalse();
        assertThat(ImpactAnalysis.impacts(HandMadeMutants.refused("c", "^AT\\+MIPLCREATE$", "^OK$", ""), open)).isTrue();
        List<CaseTranscript.Line> lines = open.lines();
        assertThat(ImpactAnalysis.finalResult(lines, 0)).contains("OK");
        assertThat(ImpactAnalysis.finalResult(lines, 3)).contains("+CIS ERROR: 652");
        // a command whose answer never came: the next command ends the search
        List<CaseTranscript.Line> unanswered = CaseTranscript.parse("""
                2026-12-07T10:00:00.000001Z +1.000 TX AT+MIPLCLOSE=0
                2026-12-07T10:00:00.000101Z +6.000 TX AT+MIPLDELETE=0
                2026-12-07T10:00:00.000201Z +6.100 RX OK
                """);
        assertThat(ImpactAnalysis.finalResult(unanswered, 0)).isEmpty();
    }

    @Test
    void noImpactedCaseMeansNotCoveredAndTheLikeliestKillersRunFirst() {
        CaseTranscript slow = c("slow", OPEN_CASE + VER_CASE, 900);
        CaseTranscript quick = c("quick", VER_CASE, 50);
        CaseTranscript open = c("open", OPEN_CASE, 100);
        List<CaseTranscript> clean = List.of(slow, quick, open);
        Mutant ver = HandMadeMutants.command("v", Family.RESULT_CODE, "^AT\\+MIPLVER\\?$", "");
        assertThat(ImpactAnalysis.impacted(ver, clean, Map.of())).extracting(CaseTranscript::caseName)
                .containsExactly("quick", "slow");
        assertThat(ImpactAnalysis.impacted(ver, clean, Map.of("s / slow", 3))).extracting(CaseTranscript::caseName)
                .as("a case that killed more mutants goes first").containsExactly("slow", "quick");
        assertThat(ImpactAnalysis.impacted(HandMadeMutants.command("n", Family.DROP, "^AT\\+CGMR$", ""), clean, Map.of()))
                .isEmpty();
    }

    @Test
    void killsOfTheSameSubjectWeighMoreThanKillsOfOthers() {
        Map<String, Integer> w = MutationRunner.weights(Map.of("s / a", 5, "s / b", 1), Map.of("s / b", 1));
        assertThat(w.get("s / b")).isGreaterThan(w.get("s / a"));
        assertThat(MutationRunner.weights(Map.of("s / a", 5), null)).containsEntry("s / a", 5);
    }
}
