package org.miplhil.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.HandWrittenJournal;

/** Each invariant on hand-written transcripts: one that keeps it, one that breaks it, with the message. */
class InvariantCheckerTest {

    private static final CheckContext CTX = CheckContext.of(0);

    private static List<String> check(HandWrittenJournal j) {
        return check(j, CTX);
    }

    private static List<String> check(HandWrittenJournal j, CheckContext ctx) {
        return InvariantChecker.check(j.entries(), ctx).stream().map(InvariantViolation::message).toList();
    }

    /** Only the duplicate rule's messages (the journals of the update tests give event 14 any lifetime left). */
    private static List<String> duplicates(HandWrittenJournal j) {
        return check(j).stream().filter(m -> m.startsWith("invariant no-duplicate-urc")).toList();
    }

    private static HandWrittenJournal registered() {
        return new HandWrittenJournal().lines("> AT+MIPLCREATE", "+MIPLCREATE: 0", "OK",
                "> AT+MIPLADDOBJ=0,3311,1,\"1\",4,2", "OK", "> AT+MIPLOPEN=0,86400", "OK",
                "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6");
    }

    @Test
    void chapter7TranscriptKeepsEveryInvariant() {
        HandWrittenJournal j = registered().lines("+MIPLOBSERVE: 0,69234,1,3311,0,-1", "> AT+MIPLOBSERVERSP=0,69234,1",
                "OK", "+MIPLDISCOVER: 0,26384,3311", "> AT+MIPLDISCOVERRSP=0,26384,1,19,\"5850;5851;5706;5805\"",
                "OK", "> AT+MIPLNOTIFY=0,69234,3311,0,5850,5,1,1,0,0,255", "OK", "+MIPLEVENT: 0,26,255",
                "> AT+MIPLUPDATE=0,86400,0", "OK", "+MIPLEVENT: 0,11",
                "> AT+MIPLCLOSE=0", "OK", "+MIPLEVENT: 0,15", "> AT+MIPLDELETE=0", "OK",
                "> AT+MIPLCREATE", "+MIPLCREATE: 0", "OK", "> AT+MIPLOPEN=0,86400", "OK", "+MIPLEVENT: 0,6",
                "> AT+MIPLCLOSE=0", "OK", "+MIPLEVENT: 0,15");
        assertThat(check(j)).isEmpty();
    }

    @Test
    void event15TwiceAfterOneCloseIsADuplicate() {
        HandWrittenJournal j = registered().at(3.2).lines("> AT+MIPLCLOSE=0", "OK").at(3.214)
                .lines("+MIPLEVENT: 0,15", "+MIPLEVENT: 0,15");
        assertThat(check(j)).containsExactly("invariant no-duplicate-urc: +MIPLEVENT: 0,15 arrived twice after one"
                + " AT+MIPLCLOSE (#13 +3.214 s, #14 +3.215 s); 5.7 / 7.2.1: one event 15 per deregistration"
                + " (AT+MIPLCLOSE, or AT+MIPLDELETE while registered)");
        // the harness may send the next command between the two copies: a delete after event 15 brings no 15
        HandWrittenJournal crossed = registered().lines("> AT+MIPLCLOSE=0", "OK", "+MIPLEVENT: 0,15",
                "> AT+MIPLDELETE=0", "+MIPLEVENT: 0,15", "OK");
        assertThat(check(crossed)).singleElement().asString().contains("arrived twice after one AT+MIPLCLOSE");
    }

    @Test
    void event6TwiceForOneOpenIsADuplicateButNotAfterANewOpen() {
        assertThat(check(registered().lines("+MIPLEVENT: 0,6"))).singleElement().asString()
                .startsWith("invariant no-duplicate-urc: +MIPLEVENT: 0,6 arrived twice for one registration (#10");
        assertThat(check(registered().lines("> AT+MIPLCLOSE=0", "OK", "+MIPLEVENT: 0,15", "> AT+MIPLOPEN=0,600",
                "OK", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6"))).isEmpty();
    }

    @Test
    void anUpdateResultTwiceForOneUpdateIsADuplicate() {
        HandWrittenJournal j = registered().at(2.0).lines("> AT+MIPLUPDATE=0,86400,0", "OK").at(2.1)
                .lines("+MIPLEVENT: 0,11", "+MIPLEVENT: 0,11");
        assertThat(duplicates(j)).singleElement().asString().startsWith("invariant no-duplicate-urc: +MIPLEVENT: 0,11"
                + " arrived after +MIPLEVENT: 0,11 with no update in between (#13 +2.100 s, #14");
        // 7.9 twice, and the module's own update after its warning (3.3.1 remark 2): one result each
        assertThat(duplicates(registered().lines("> AT+MIPLUPDATE=0,86400,0", "OK", "+MIPLEVENT: 0,11",
                "> AT+MIPLUPDATE=0,600,1", "OK", "+MIPLEVENT: 0,11", "+MIPLEVENT: 0,14,13", "+MIPLEVENT: 0,11")))
                .isEmpty();
    }

    @Test
    void event14AgainSoonerThanTheLifetimeItReportsIsADuplicate() {
        HandWrittenJournal j = registered().at(10.0).lines("+MIPLEVENT: 0,14,13").at(10.001)
                .lines("+MIPLEVENT: 0,14,13");
        assertThat(duplicates(j)).singleElement().asString().startsWith("invariant no-duplicate-urc: +MIPLEVENT: 0,14,13"
                + " warned again 0.001 s after +MIPLEVENT: 0,14,13, sooner than the 13 s it reports left");
        // the SDK warns again once more time than the lifetime left has passed, and afresh after an update
        assertThat(duplicates(registered().at(10.0).lines("+MIPLEVENT: 0,14,13").at(17.0).lines("+MIPLEVENT: 0,14,6")))
                .isEmpty();
        assertThat(duplicates(registered().at(10.0).lines("+MIPLEVENT: 0,14,13", "+MIPLEVENT: 0,11").at(10.5)
                .lines("+MIPLEVENT: 0,14,13"))).isEmpty();
    }

    @Test
    void aConnectionEventTwiceForOneAttemptIsADuplicate() {
        assertThat(check(registered().lines("+MIPLEVENT: 0,4"))).singleElement().asString()
                .startsWith("invariant no-duplicate-urc: +MIPLEVENT: 0,4 arrived twice for one registration attempt");
        HandWrittenJournal retries = new HandWrittenJournal().lines("> AT+MIPLOPEN=0,86400", "OK", "+MIPLEVENT: 0,1",
                "+MIPLEVENT: 0,3", "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,3", "> AT+MIPLOPEN=0,86400", "OK",
                "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6");
        assertThat(check(retries)).isEmpty();
        HandWrittenJournal timeouts = new HandWrittenJournal().lines("> AT+MIPLOPEN=0,86400,5", "OK",
                "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,7", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,7", "+MIPLEVENT: 0,4",
                "+MIPLEVENT: 0,8");
        assertThat(check(timeouts)).isEmpty();
        assertThat(check(timeouts.lines("> AT+MIPLCLOSE=0", "+MIPLEVENT: 0,8"))).singleElement().asString()
                .startsWith("invariant no-duplicate-urc: +MIPLEVENT: 0,8 arrived twice for one registration attempt");
        assertThat(check(registered().lines("> AT+MIPLCLOSE=0", "OK", "+MIPLEVENT: 0,15", "+MIPLEVENT: 0,6")))
                .singleElement().asString().startsWith("invariant no-duplicate-urc: +MIPLEVENT: 0,6 arrived after the"
                        + " deregistration with no AT+MIPLOPEN since");
    }

    @Test
    void event14ReportsTheLifetimeLeft() {
        HandWrittenJournal opened = new HandWrittenJournal().lines("> AT+MIPLOPEN=0,30,30", "OK").at(0.2)
                .lines("+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6");
        assertThat(check(opened.at(13.7).lines("+MIPLEVENT: 0,14,13"))).isEmpty();
        assertThat(check(new HandWrittenJournal().lines("> AT+MIPLOPEN=0,30,30", "OK").at(0.2)
                .lines("+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6").at(13.7).lines("+MIPLEVENT: 0,14,1")))
                .singleElement().asString().startsWith("invariant urc-line-format: +MIPLEVENT: 0,14,1 reports 1 s of"
                        + " lifetime left, 13.5 s after +MIPLEVENT: 0,6 with a lifetime of 30 s: between 14 and 16 s"
                        + " are left");
        // after AT+MIPLUPDATE's event 11 the new lifetime runs from the update
        assertThat(check(new HandWrittenJournal().lines("> AT+MIPLOPEN=0,30,30", "OK", "+MIPLEVENT: 0,6")
                .at(5.0).lines("> AT+MIPLUPDATE=0,100,0", "OK", "+MIPLEVENT: 0,11").at(55.0)
                .lines("+MIPLEVENT: 0,14,40"))).isEmpty();
    }

    @Test
    void notifyOutcomeTwiceForOneAckIdIsADuplicate() {
        HandWrittenJournal j = registered().lines("> AT+MIPLNOTIFY=0,1,3311,0,5850,5,1,1,0,0,7", "OK",
                "+MIPLEVENT: 0,26,7", "+MIPLEVENT: 0,26,7");
        assertThat(check(j)).singleElement().asString().contains("invariant no-duplicate-urc: the outcome of ackId 7"
                + " was reported twice for one AT+MIPLNOTIFY");
        HandWrittenJournal two = registered().lines("> AT+MIPLNOTIFY=0,1,3311,0,5850,5,1,1,0,0,7", "OK",
                "+MIPLEVENT: 0,26,7", "> AT+MIPLNOTIFY=0,1,3311,0,5850,5,1,0,0,0,7", "OK", "+MIPLEVENT: 0,25,7");
        assertThat(check(two)).isEmpty();
    }

    @Test
    void aRequestCopyIsLegalOnlyAsARetransmissionBeforeTheAnswer() {
        HandWrittenJournal retransmitted = registered().at(10).lines("+MIPLREAD: 0,9,3311,0,5850").at(12.5)
                .lines("+MIPLREAD: 0,9,3311,0,5850", "> AT+MIPLREADRSP=0,9,1,3311,0,5850,5,1,1,0,0", "OK");
        assertThat(check(retransmitted)).isEmpty();
        HandWrittenJournal doubled = registered().at(10).lines("+MIPLREAD: 0,9,3311,0,5850",
                "+MIPLREAD: 0,9,3311,0,5850", "> AT+MIPLREADRSP=0,9,1,3311,0,5850,5,1,1,0,0", "OK");
        assertThat(check(doubled)).containsExactly("invariant no-duplicate-urc: +MIPLREAD: 0,9,3311,0,5850 arrived"
                + " twice, 0.001 s apart: sooner than any retransmission (#11 +10.000 s, #12 +10.001 s); 5.1-5.6 and"
                + " docs/evidence.md: the module prints a request once, again only for the platform's retransmission"
                + " of a request the MCU has not answered (RFC 7252 4.8: ACK_TIMEOUT 2 s or more apart)");
        assertThat(check(doubled, CTX.withNetworkDuplicates(true))).isEmpty();
        HandWrittenJournal afterAnswer = registered().at(10).lines("+MIPLREAD: 0,9,3311,0,5850",
                "> AT+MIPLREADRSP=0,9,1,3311,0,5850,5,1,1,0,0", "OK").at(14).lines("+MIPLREAD: 0,9,3311,0,5850");
        assertThat(check(afterAnswer)).singleElement().asString().contains("arrived again 3.999 s after its answer");
        // an answer counts once the module took its last part (3.3.11: index 0) with OK
        HandWrittenJournal partial = registered().at(10).lines("+MIPLREAD: 0,9,3311,0,-1",
                "> AT+MIPLREADRSP=0,9,1,3311,0,5850,5,1,1,1,0", "OK",
                "> AT+MIPLREADRSP=0,9,1,3311,0,5851,5,1,1,0,0", "+CIS ERROR: 652").at(12.2)
                .lines("+MIPLREAD: 0,9,3311,0,-1");
        assertThat(check(partial)).isEmpty();
    }

    @Test
    void aRetransmittedRequestIsPrintedAsTheSameLine() {
        // a copy under the same msgId that names another object: no retransmission of the same request
        HandWrittenJournal edited = registered().at(10).lines("+MIPLEXECUTE: 0,33542,65534,0,5850,0,\"\"").at(12.5)
                .lines("+MIPLEXECUTE: 0,33542,3311,0,5850,0,\"\"", "> AT+MIPLEXECUTERSP=0,33542,2", "OK");
        assertThat(check(edited)).singleElement().asString().contains("invariant no-duplicate-urc: msgId 33542"
                + " printed again as another request");
        HandWrittenJournal same = registered().at(10).lines("+MIPLEXECUTE: 0,33542,3311,0,5850,0,\"\"").at(12.5)
                .lines("+MIPLEXECUTE: 0,33542,3311,0,5850,0,\"\"", "> AT+MIPLEXECUTERSP=0,33542,2", "OK");
        assertThat(check(same)).isEmpty();
        // 5.2: the parts of one write share the msgId, index counting down
        HandWrittenJournal parts = registered().at(10).lines("+MIPLWRITE: 0,3025,3311,0,5850,2,1,01,0,1",
                "+MIPLWRITE: 0,3025,3311,0,5706,2,5,68656C6C6F,0,0", "> AT+MIPLWRITERSP=0,3025,2", "OK");
        assertThat(check(parts)).isEmpty();
    }

    @Test
    void unlistedUrcsAreFlaggedButDeclaredOnesAndCutLinesAreNot() {
        assertThat(check(registered().lines("+CSCON: 0", "+CEREG: 1", "+QNBIOTEVENT: \"ENTER DEEPSLEEP\"")))
                .isEmpty();
        assertThat(check(registered().lines("+MIPLEVENT: 0,30"))).containsExactly("invariant no-unlisted-urc:"
                + " \"+MIPLEVENT: 0,30\": event 30 is not one of 5.7 (#11 +0.011 s); chapter 5 (table 4, 5.7) and 6.3"
                + " list every URC; the firmware profile and 27.007 the others");
        assertThat(check(registered().lines("+MIPLPING: 0"))).singleElement().asString()
                .startsWith("invariant no-unlisted-urc: \"+MIPLPING: 0\" is no URC the note or the profile lists");
        assertThat(check(registered().lines("+QIND: \"FOTA\",\"PAUSED\""))).singleElement().asString()
                .contains("is not in the syntax of chapter 5");
        // a power cut broke the line off: the module's next line is RDY
        assertThat(check(registered().lines("+MIPLEV", "RDY", "+CFUN: 1", "+CPIN: READY", "+IP: 10.0.0.1")))
                .isEmpty();
    }

    @Test
    void aFinalResultNeedsACommand() {
        assertThat(check(registered().lines("> AT", "OK"))).isEmpty();
        assertThat(check(registered().lines("> AT", "OK", "OK"))).containsExactly("invariant no-orphan-result:"
                + " \"OK\" with no command waiting for it (the last command ended with \"OK\") (#12 +0.012 s,"
                + " #13 +0.013 s); V.250 5.7.1 and chapter 3: one final result code ends each command");
        // a restart loses the command the power cut interrupted; the next one is answered
        assertThat(check(registered().lines("> AT+CSQ", "RDY", "> AT", "OK"))).isEmpty();
    }

    @Test
    void aRequestTheMcuShouldAnswerIsAnsweredOrExpires() {
        HandWrittenJournal unanswered = registered().at(5).lines("+MIPLREAD: 0,9,3311,0,5850").at(7)
                .lines("> AT+CSQ", "+CSQ: 8,0", "OK", "> AT+MIPLCLOSE=0", "OK", "+MIPLEVENT: 0,15");
        CheckContext stepsEndAtCsq = CTX.withStepsEnd(12);
        assertThat(check(unanswered, stepsEndAtCsq)).containsExactly("invariant request-answered-or-expired:"
                + " +MIPLREAD: 0,9,3311,0,5850 was neither answered nor left to expire: the case's steps ended 2.000 s"
                + " into its 10 s window with the registration still up (#11 +5.000 s); 5.1-5.6: the TE answers a"
                + " request within 10 s of its URC");
        // the same with the MCU off (the runner's own check), never (expiry on purpose), or the window over
        assertThat(check(unanswered, stepsEndAtCsq.withAnswerer((k, i) -> CheckContext.Answerer.STEPS))).isEmpty();
        assertThat(check(unanswered, stepsEndAtCsq.withAnswerer((k, i) -> CheckContext.Answerer.NOBODY))).isEmpty();
        assertThat(check(unanswered, CTX.withStepsEnd(17))).isEmpty(); // the close ended the registration
        HandWrittenJournal expired = registered().at(5).lines("+MIPLREAD: 0,9,3311,0,5850").at(15.5)
                .lines("> AT+CSQ", "+CSQ: 8,0", "OK");
        assertThat(check(expired, CTX.withStepsEnd(12))).isEmpty();
        HandWrittenJournal answered = registered().at(5).lines("+MIPLREAD: 0,9,3311,0,5850",
                "> AT+MIPLREADRSP=0,9,1,3311,0,5850,5,1,1,0,0", "OK");
        assertThat(check(answered, CTX.withStepsEnd(13))).isEmpty();
        // a request that came just before the steps ended found the MCU application switched off for the teardown:
        // the teardown's close within the window ends it
        HandWrittenJournal atTheEnd = registered().at(5).lines("+MIPLREAD: 0,9,3311,0,5850").at(5.004)
                .lines("> AT+MIPLCLOSE=0", "OK", "+MIPLEVENT: 0,15");
        assertThat(check(atTheEnd, CTX.withStepsEnd(12))).isEmpty();
        HandWrittenJournal noTeardown = registered().at(5).lines("+MIPLREAD: 0,9,3311,0,5850").at(5.004)
                .lines("> AT+CSQ", "+CSQ: 8,0", "OK");
        assertThat(check(noTeardown, CTX.withStepsEnd(12))).singleElement().asString()
                .startsWith("invariant request-answered-or-expired:");
    }

    @Test
    void urcLinesKeepChapter5sSpacing() {
        assertThat(check(registered().lines("+MIPLEXECUTE: 0,36476,3303,0,5605,4,\"a, b\""))).isEmpty();
        assertThat(check(registered().lines("+MIPLEVENT:0,11"))).containsExactly("invariant urc-line-format:"
                + " \"+MIPLEVENT:0,11\": not one space after the colon (#11 +0.011 s); chapter 5: \"+MIPLEVENT:"
                + " <ref>,<evtid>\", one space after the colon, no space after a comma; the ranges of 5.1-5.7");
        assertThat(check(registered().lines("+MIPLEVENT: 0, 11"))).singleElement().asString()
                .contains("a space beside a comma");
    }

    @Test
    void upgradeLinesComeOnlyInACaseThatRunsAnUpgrade() {
        HandWrittenJournal j = registered().lines("+MIPLEVENT: 0,40", "+MIPLEVENT: 0,42", "+MIPLEVENT: 0,43",
                "+QIND: \"FOTA\",\"START\"", "+QIND: \"FOTA\",\"UPDATING\",50", "+QIND: \"FOTA\",\"END\",0");
        assertThat(check(j, CTX.withUpgrade(true))).isEmpty();
        List<String> without = check(j);
        assertThat(without).hasSize(6).allMatch(m -> m.startsWith("invariant no-unlisted-urc:")
                && m.contains("in a case that runs no upgrade: 6.1.1"));
        assertThat(without.get(3)).contains("\"+QIND: \"FOTA\",\"START\"\"");
        // 48/49 report the package erased after an upgrade, at the next registration: not tied to this case's steps
        assertThat(check(registered().lines("+MIPLEVENT: 0,48"))).isEmpty();
    }

    @Test
    void rdyTwiceForOneStartIsADuplicateButNotAcrossACutACommandOrAnUpgrade() {
        HandWrittenJournal twice = new HandWrittenJournal().at(1).lines("RDY", "RDY", "+CFUN: 1");
        assertThat(check(twice)).singleElement().asString().startsWith("invariant no-duplicate-urc: RDY arrived twice"
                + " for one start");
        assertThat(check(new HandWrittenJournal().lines("RDY", "+CFUN: 1", "> AT+QRST=1", "OK", "RDY"))).isEmpty();
        assertThat(check(new HandWrittenJournal().lines("RDY", "+QIND: \"FOTA\",\"UPDATING\",100", "RDY",
                "+QIND: \"FOTA\",\"END\",0"), CTX.withUpgrade(true))).isEmpty();
        HandWrittenJournal cut = new HandWrittenJournal().at(1).lines("RDY").at(3).lines("RDY");
        long between = cut.entries().get(0).nanoTime() + 1_000_000;
        assertThat(check(cut, CTX.withPowerCuts(List.of(between)))).isEmpty();
    }

    @Test
    void aStatusLineTwiceWithNoChangeInBetweenIsADuplicate() {
        assertThat(check(new HandWrittenJournal().lines("RDY", "+CFUN: 1", "+CPIN: READY", "+CPIN: READY")))
                .singleElement().asString().startsWith("invariant no-duplicate-urc: \"+CPIN: READY\" arrived twice"
                        + " with no change in between");
        assertThat(check(new HandWrittenJournal().lines("+QNBIOTEVENT: \"ENTER DEEPSLEEP\"",
                "+QNBIOTEVENT: \"EXIT DEEPSLEEP\"", "+QNBIOTEVENT: \"ENTER DEEPSLEEP\""))).isEmpty();
        assertThat(check(new HandWrittenJournal().lines("+CFUN: 1", "> AT+CFUN=1", "OK", "+CFUN: 1"))).isEmpty();
    }

    @Test
    void anOptOutSkipsOnlyTheRulesItNames() {
        HandWrittenJournal j = registered().lines("+MIPLEVENT: 0,6", "+MIPLEVENT:0,11");
        CheckContext optOut = CTX.withOptOut(new InvariantOptOut(Set.of(Invariant.NO_DUPLICATE_URC),
                "the fault plan doubles event 6"));
        assertThat(check(j, optOut)).singleElement().asString().startsWith("invariant urc-line-format:");
        assertThat(Invariant.ofWord("no-duplicate-urc")).contains(Invariant.NO_DUPLICATE_URC);
    }
}
