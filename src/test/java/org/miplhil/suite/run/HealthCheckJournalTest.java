package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.HandWrittenJournal;
import org.miplhil.dut.JournalEntry;

/** The health check's own exchange on hand-written transcripts: before it, the session; then the check's lines. */
class HealthCheckJournalTest {

    private static final List<JournalEntry> READY = new HandWrittenJournal().lines("RDY", "+CFUN: 1").entries();

    private static List<JournalEntry> check(String... lines) {
        return new HandWrittenJournal().lines(lines).entries();
    }

    @Test
    void aCleanCheckAfterRdyHasNoProblem() {
        assertThat(HealthCheckJournal.problems(READY, check("> AT", "OK", "> AT+CEREG?", "+CEREG: 0,1", "OK"), 0))
                .isEmpty();
    }

    @Test
    void afterRdyAnAtAnsweredLateStillCountsButALostOrWrongAnswerDoesNot() {
        // the first reply late, after the retry: two ATs, two OKs
        assertThat(HealthCheckJournal.problems(READY, check("> AT", "> AT", "OK", "OK", "> AT+CEREG?", "+CEREG: 0,1",
                "OK"), 0)).isEmpty();
        assertThat(HealthCheckJournal.problems(READY, check("> AT", "> AT", "OK", "> AT+CEREG?", "+CEREG: 0,1",
                "OK"), 0)).containsExactly("the health check sent 3 commands after RDY and got 2 final results: a"
                + " ready module answers every command once (V.250 5.7.1); the transcript shows which went unanswered");
        assertThat(HealthCheckJournal.problems(READY, check("> AT", "ERROR", "> AT", "OK"), 0)).singleElement()
                .asString().startsWith("AT answered ERROR (#1) although the module had printed RDY");
    }

    @Test
    void withoutRdyALostFirstAtIsHowASleepingModuleWakesButADoubledOkStillBreaksTheRules() {
        List<JournalEntry> none = List.of();
        assertThat(HealthCheckJournal.problems(none, check("> AT", "> AT", "OK"), 0)).isEmpty();
        assertThat(HealthCheckJournal.problems(none, check("> AT", "OK", "OK"), 0)).singleElement().asString()
                .startsWith("invariant no-orphan-result:");
    }
}
