package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.miplhil.report.SeqRow.Across;
import org.miplhil.report.SeqRow.Arrow;
import org.miplhil.report.SeqRow.FailureMark;
import org.miplhil.report.SeqRow.Fold;
import org.miplhil.report.SeqRow.Party;

/** Folding of repeated cycles on row sequences: what folds, what stays drawn, what a fold says. */
class SequenceCyclesTest {

    private static final long MS = 1_000_000L;

    private final List<SeqRow> rows = new ArrayList<>();
    private final List<Deadline> deadlines = new ArrayList<>();
    private long at;

    private TimelineEvent add(EventKind kind, String text) {
        TimelineEvent e = new TimelineEvent(at, kind, text, "");
        Party[] d = SequenceRows.direction(e);
        rows.add(new Arrow(e, d[0], d[1], false));
        at += 5 * MS;
        return e;
    }

    private void progressAndNotify(int percent) {
        add(EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\"," + percent + "%,1,1");
        add(EventKind.COAP_RESPONSE, "notify /5/0/3 2.05");
    }

    /** What is drawn: an arrow's text, or a fold as "count x cycle". */
    private static List<String> drawn(List<SeqRow> out) {
        return out.stream().map(r -> r instanceof Arrow a ? a.event().text()
                : r instanceof Fold f ? f.count() + " x " + f.pattern().size()
                : r instanceof Across a ? "-- " + a.text() : "!! " + ((FailureMark) r).verdict()).toList();
    }

    private List<SeqRow> fold() {
        return SequenceCycles.fold(rows, deadlines);
    }

    @Test
    void aCycleOfTwoFoldsBetweenItsFirstAndLastRepetition() {
        for (int p = 0; p <= 30; p += 3) {
            progressAndNotify(p);
        }
        List<SeqRow> out = fold();
        assertThat(drawn(out)).containsExactly("+QIND: \"FOTA\",\"UPDATING\",0%,1,1", "notify /5/0/3 2.05", "9 x 2",
                "+QIND: \"FOTA\",\"UPDATING\",30%,1,1", "notify /5/0/3 2.05");
        Fold f = (Fold) out.get(2);
        assertThat(f.hidden()).hasSize(18);
        assertThat(SequenceCycles.pattern(f)).containsExactly("+QIND: \"FOTA\",\"UPDATING\",#%,1,1",
                "notify /5/0/3 2.05");
        assertThat(SequenceCycles.values(f)).containsExactly("3% \u2026 27%");
        assertThat(f.atNanos()).isEqualTo(10 * MS);
        assertThat(f.endNanos()).isEqualTo(95 * MS);
    }

    @Test
    void theTwoInterfacesMayInterleaveEitherWayRoundWithinACycle() {
        for (int p = 0; p <= 30; p += 3) {
            if (p % 2 == 0) {
                progressAndNotify(p);
            } else {
                // the platform's notify raced ahead of the progress URC: a race between two channels, not a change
                add(EventKind.COAP_RESPONSE, "notify /5/0/3 2.05");
                add(EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\"," + p + "%,1,1");
            }
        }
        List<SeqRow> out = fold();
        assertThat(drawn(out)).hasSize(5).element(2).isEqualTo("9 x 2");
        Fold f = (Fold) out.get(2);
        assertThat(SequenceCycles.values(f)).containsExactly("3% \u2026 27%");
        assertThat(SequenceCycles.aligned(f, 1)).extracting(TimelineEvent::text)
                .containsExactly("notify /5/0/3 2.05", "+QIND: \"FOTA\",\"UPDATING\",6%,1,1");
        assertThat(SequenceCycles.aligned(f, 2)).extracting(TimelineEvent::text)
                .containsExactly("notify /5/0/3 2.05", "+QIND: \"FOTA\",\"UPDATING\",9%,1,1");

        // on one interface the order is the behaviour: a command after its OK is no repetition of a command and its OK
        rows.clear();
        for (int i = 0; i < 8; i++) {
            boolean swapped = i == 4;
            add(EventKind.COMMAND, swapped ? "OK" : "AT");
            add(EventKind.FINAL_RESULT, swapped ? "AT" : "OK");
        }
        assertThat(drawn(fold())).doesNotContain("6 x 2");
    }

    @Test
    void aCycleWithACommandStartsAtTheCommand() {
        add(EventKind.COMMAND, "AT");
        add(EventKind.COAP_REQUEST, "GET+observe /3303/0"); // the platform interrupts the first exchange
        add(EventKind.FINAL_RESULT, "OK");
        for (int i = 0; i < 6; i++) {
            add(EventKind.COMMAND, "AT");
            add(EventKind.FINAL_RESULT, "OK");
        }
        add(EventKind.COMMAND, "AT");
        assertThat(drawn(fold())).containsExactly("AT", "GET+observe /3303/0", "OK", "AT", "OK", "4 x 2", "AT", "OK",
                "AT");
    }

    @Test
    void aCycleOfThreeFoldsAsOne() {
        // a notify, its OK and its ACK, 8 times, the msgId and the value counting up
        for (int i = 0; i < 8; i++) {
            add(EventKind.COMMAND, "AT+MIPLNOTIFY=0," + (100 + i) + ",3303,0,5700,4,4,\"2" + i + ".5\",0,0," + i);
            add(EventKind.FINAL_RESULT, "OK");
            add(EventKind.URC, "+MIPLEVENT: 0,26," + i);
        }
        List<SeqRow> out = fold();
        assertThat(drawn(out)).hasSize(3 + 1 + 3).element(3).isEqualTo("6 x 3");
        Fold f = (Fold) out.get(3);
        assertThat(SequenceCycles.pattern(f)).containsExactly("AT+MIPLNOTIFY=0,#,3303,0,5700,4,4,\"#\",0,0,#", "OK",
                "+MIPLEVENT: 0,26,#");
        assertThat(SequenceCycles.values(f)).containsExactly("101 \u2026 106", "21.5 \u2026 26.5", "1 \u2026 6");
    }

    @Test
    void aLineOfAnotherKindInterruptsTheCycleAndStaysDrawn() {
        for (int p = 0; p < 6; p++) {
            progressAndNotify(p);
        }
        add(EventKind.COAP_REQUEST, "GET /3/0/9"); // the platform reads the battery: the cycles go on after it
        for (int p = 6; p < 12; p++) {
            progressAndNotify(p);
        }
        List<String> d = drawn(fold());
        assertThat(d).containsExactly("+QIND: \"FOTA\",\"UPDATING\",0%,1,1", "notify /5/0/3 2.05", "4 x 2",
                "+QIND: \"FOTA\",\"UPDATING\",5%,1,1", "notify /5/0/3 2.05",
                "GET /3/0/9",
                "+QIND: \"FOTA\",\"UPDATING\",6%,1,1", "notify /5/0/3 2.05", "4 x 2",
                "+QIND: \"FOTA\",\"UPDATING\",11%,1,1", "notify /5/0/3 2.05");
    }

    @Test
    void anExtraLineOfTheSameKindShiftsTheCycleAndIsCountedInTheFold() {
        for (int p = 0; p < 6; p++) {
            progressAndNotify(p);
        }
        add(EventKind.COAP_RESPONSE, "notify /5/0/3 2.05"); // a second notify: the two channels race
        for (int p = 6; p < 12; p++) {
            progressAndNotify(p);
        }
        List<SeqRow> out = fold();
        assertThat(drawn(out)).containsExactly("+QIND: \"FOTA\",\"UPDATING\",0%,1,1", "notify /5/0/3 2.05", "10 x 2",
                "notify /5/0/3 2.05", "+QIND: \"FOTA\",\"UPDATING\",11%,1,1", "notify /5/0/3 2.05");
        assertThat(((Fold) out.get(2)).hidden()).filteredOn(e -> e.text().startsWith("notify")).hasSize(10);
    }

    @Test
    void differentLinesDoNotFoldAndTooShortRunsStay() {
        add(EventKind.COMMAND, "AT+MIPLCREATE");
        add(EventKind.FINAL_RESULT, "OK");
        add(EventKind.COMMAND, "AT+MIPLADDOBJ=0,3303,1,\"1\",4,1");
        add(EventKind.FINAL_RESULT, "OK");
        add(EventKind.COMMAND, "AT+MIPLOPEN=0,86400,30");
        add(EventKind.FINAL_RESULT, "OK");
        // three reads of other resources: the path names what was read, it is not a value
        add(EventKind.COAP_REQUEST, "GET /3/0/3");
        add(EventKind.COAP_RESPONSE, "2.05 CONTENT /3/0/3");
        add(EventKind.COAP_REQUEST, "GET /4/0/8");
        add(EventKind.COAP_RESPONSE, "2.05 CONTENT /4/0/8");
        add(EventKind.COAP_REQUEST, "GET /4/0/2");
        add(EventKind.COAP_RESPONSE, "2.05 CONTENT /4/0/2");
        // three repetitions of one line: a fold would hide one arrow behind a taller row
        add(EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\",3%");
        add(EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\",6%");
        add(EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\",9%");
        assertThat(fold()).isEqualTo(rows);
    }

    @Test
    void aFailureInsideACycleStaysDrawnAndSplitsTheRun() {
        for (int i = 0; i < 12; i++) {
            add(EventKind.COMMAND, "AT+MIPLNOTIFY=0," + i + ",3303,0,5700,4,4,\"1\",0,0," + i);
            add(EventKind.FINAL_RESULT, "OK");
            if (i == 5) {
                // the ACK of the sixth never came: its deadline was missed, the failure mark lies between the cycles
                deadlines.add(new Deadline("sent -> +MIPLEVENT: 0,26,5", at - 5 * MS, 3 * MS, null));
                rows.add(new FailureMark(at - 2 * MS, "+MIPLEVENT: 0,26,5", "MISSED", List.of()));
                continue;
            }
            add(EventKind.URC, "+MIPLEVENT: 0,26," + i);
        }
        List<String> d = drawn(fold());
        assertThat(d).filteredOn(s -> s.startsWith("!!")).containsExactly("!! MISSED");
        int failure = d.indexOf("!! MISSED");
        assertThat(d.subList(failure - 2, failure)).containsExactly("AT+MIPLNOTIFY=0,5,3303,0,5700,4,4,\"1\",0,0,5", "OK");
        assertThat(d.get(failure + 1)).isEqualTo("AT+MIPLNOTIFY=0,6,3303,0,5700,4,4,\"1\",0,0,6");
        assertThat(d).contains("3 x 3", "4 x 3");
    }

    @Test
    void errorsAndLinesThatArrivedInsteadAreNeverFolded() {
        for (int i = 0; i < 9; i++) {
            add(EventKind.COMMAND, "AT");
            add(EventKind.FINAL_RESULT, i == 4 ? "+CME ERROR: 3" : "OK");
        }
        TimelineEvent urc = new TimelineEvent(at, EventKind.URC, "+MIPLEVENT: 0,26,0", "");
        for (int i = 0; i < 6; i++) {
            TimelineEvent e = new TimelineEvent(at + i * MS, EventKind.URC, "+MIPLEVENT: 0,26,0", "");
            rows.add(new Arrow(i == 3 ? urc : e, Party.MODULE, Party.MCU, i == 3));
        }
        List<String> d = drawn(fold());
        assertThat(d).contains("+CME ERROR: 3").contains("2 x 2", "2 x 2");
        assertThat(fold()).filteredOn(r -> r instanceof Arrow a && a.instead()).hasSize(1);
        // the line that arrived instead splits the six URCs: three before it, two after, none folds
        assertThat(d.subList(d.size() - 6, d.size())).allMatch(s -> s.equals("+MIPLEVENT: 0,26,0"));
    }

    @Test
    void marksAcrossTheLanesSplitARun() {
        for (int p = 0; p < 8; p++) {
            progressAndNotify(p);
        }
        rows.add(new Across(at, "power off", "", Across.Kind.POWER_OFF));
        rows.add(new Across(at, "FOTA update", "", Across.Kind.PHASE_END));
        for (int p = 8; p < 16; p++) {
            progressAndNotify(p);
        }
        List<String> d = drawn(fold());
        assertThat(d).containsSubsequence("6 x 2", "notify /5/0/3 2.05", "-- power off", "-- FOTA update",
                "+QIND: \"FOTA\",\"UPDATING\",8%,1,1", "6 x 2");
    }

    @Test
    void aMetDeadlineWithinARepetitionFoldsOneReachingBeyondStaysDrawn() {
        for (int i = 0; i < 10; i++) {
            long start = at + 10_000; // the clock starts a little after the command is logged
            add(EventKind.COMMAND, "AT");
            TimelineEvent ok = add(EventKind.FINAL_RESULT, "OK");
            deadlines.add(new Deadline("AT -> OK", start, 300 * MS, ok.offsetNanos() - start));
        }
        assertThat(drawn(fold())).containsExactly("AT", "OK", "8 x 2", "AT", "OK");

        // a deadline from the fourth command to the seventh OK: those stay drawn, the run ends at its start
        deadlines.add(new Deadline("step -> seventh OK", rows.get(6).atNanos(), 300 * MS,
                rows.get(13).atNanos() - rows.get(6).atNanos()));
        List<String> d = drawn(fold());
        // repetitions 3 (the start) and 6 (the end) stay drawn, each ending a run; the next run starts after it (a run
        // that would hide one repetition of two lines stays as it is: a fold row is taller than two arrows)
        assertThat(d).containsExactly("AT", "OK", "2 x 2", "AT", "OK", "AT", "OK", "AT", "OK", "AT", "OK", "2 x 2",
                "AT", "OK");
    }
}
