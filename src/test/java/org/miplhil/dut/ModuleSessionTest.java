package org.miplhil.dut;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.at.AtLine;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplRead;
import org.miplhil.at.MiplVer;
import org.miplhil.link.PipeLink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.miplhil.dut.UrcMatcher.event;
import static org.miplhil.dut.UrcMatcher.text;

class ModuleSessionTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private final long seed = System.nanoTime();
    private PipeLink.Pair pipe;
    private ScriptedModule module;
    private ModuleSession session;

    @BeforeEach
    void connect() {
        pipe = PipeLink.pair("pipe:harness", "pipe:module");
        module = new ScriptedModule(pipe.b(), seed);
        session = ModuleSession.open(pipe.a());
    }

    @AfterEach
    void disconnect() {
        session.close();
        pipe.close();
    }

    @Test
    void aReplyCarriesInformationLinesEchoAndLatency() {
        module.on("AT+MIPLVER?", "+MIPLVER: 2.3.0", "OK");
        Reply reply = session.send(new MiplVer());
        assertThat(reply.command()).isEqualTo("AT+MIPLVER?");
        assertThat(reply.isOk()).as("seed %d", seed).isTrue();
        assertThat(reply.lines()).containsExactly("+MIPLVER: 2.3.0");
        assertThat(reply.line("+MIPLVER:")).contains("+MIPLVER: 2.3.0");
        assertThat(reply.echoSeen()).isTrue();
        // the reply can be read before write() returns to the sender (it may be preempted): never negative
        assertThat(reply.latency()).isEqualTo(
                Duration.ofNanos(Math.max(0, reply.result().raw().lastByteNanos() - reply.writtenNanos())));
        List<JournalEntry> range = session.journal().entries(reply.firstIndex(), reply.lastIndex() + 1);
        assertThat(range).extracting(JournalEntry::text)
                .containsExactly("AT+MIPLVER?", "AT+MIPLVER?", "+MIPLVER: 2.3.0", "OK");
        assertThat(range.get(0)).isInstanceOf(JournalEntry.Sent.class);
        assertThat(((JournalEntry.Received) range.get(1)).line()).isInstanceOf(AtLine.Echo.class);
    }

    @Test
    void withEchoOffNoEchoIsSeen() {
        module.echo = false;
        module.on("AT+MIPLCREATE", "+MIPLCREATE: 0", "OK");
        Reply reply = session.send("AT+MIPLCREATE");
        assertThat(reply.echoSeen()).isFalse();
        assertThat(reply.lines()).containsExactly("+MIPLCREATE: 0");
    }

    @Test
    void errorResultsCarryTheirKindAndCode() {
        module.on("AT+MIPLCREATE", "+CIS ERROR: 653")
                .on("AT+MIPLDELETE=0", "ERROR")
                .on("AT+CFUN=9", "+CME ERROR: 4");
        Reply cis = session.send("AT+MIPLCREATE");
        assertThat(cis.kind()).isEqualTo(AtLine.FinalResult.Kind.CIS_ERROR);
        assertThat(cis.code()).hasValue(653);
        assertThat(cis.isOk()).isFalse();
        assertThat(session.send("AT+MIPLDELETE=0").kind()).isEqualTo(AtLine.FinalResult.Kind.ERROR);
        Reply cme = session.send("AT+CFUN=9");
        assertThat(cme.kind()).isEqualTo(AtLine.FinalResult.Kind.CME_ERROR);
        assertThat(cme.code()).hasValue(4);
    }

    @Test
    void aUrcBetweenTheCommandAndItsFinalResultGoesToTheUrcJournal() {
        module.on("AT+MIPLOPEN=0,86400", "+MIPLEVENT: 0,1", "OK");
        module.on("AT+MIPLCREATE", "+MIPLCREATE: 0", "+MIPLEVENT: 0,15", "OK");
        Reply create = session.send("AT+MIPLCREATE");
        assertThat(create.lines()).containsExactly("+MIPLCREATE: 0");
        Reply open = session.send("AT+MIPLOPEN=0,86400");
        assertThat(open.lines()).isEmpty();
        assertThat(session.journal().urcs()).extracting(JournalEntry::text)
                .containsExactly("+MIPLEVENT: 0,15", "+MIPLEVENT: 0,1");
        // the session cursor sits on the last command: its URC counts, the earlier one does not
        UrcArrival<MiplEvent> started = session.expectUrc(event(EventId.BOOTSTRAP_START), GENEROUS);
        assertThat(started.entry().index()).isBetween(open.firstIndex(), open.lastIndex());
        assertThat(started.value().evtId()).isEqualTo(1);
    }

    @Test
    void aMissedDeadlineNamesTheCommandTheDeadlineAndWhatArrived() {
        module.on("AT+MIPLOPEN=0,3600", c -> {
            module.urc("+MIPLEVENT: 0,4");
            return List.of(); // never a final result
        });
        assertThatThrownBy(() -> session.send("AT+MIPLOPEN=0,3600", SHORT))
                .isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("AT+MIPLOPEN=0,3600: no final result within 300 ms")
                .hasMessageContaining("AT+MIPLOPEN=0,3600 (echo)")
                .hasMessageContaining("+MIPLEVENT: 0,4 (URC)")
                .hasMessageMatching("(?s).*\\+\\d+\\.\\d{3} ms\\s+#\\d+ RX \\+MIPLEVENT: 0,4.*")
                .satisfies(e -> assertThat(((DeadlineExceeded) e).deadline()).isEqualTo(SHORT));
    }

    @Test
    void aFinalResultAfterTheDeadlineIsAttributedToItsCommandNotToTheNextOne() {
        module.on("AT+MIPLCLOSE=0", c -> List.of()); // answers only later, by hand
        module.on("AT+MIPLVER?", "+MIPLVER: 2.3.0", "OK");
        assertThatThrownBy(() -> session.send("AT+MIPLCLOSE=0", SHORT)).isInstanceOf(DeadlineExceeded.class);
        module.urc("+CIS ERROR: 651");
        await().atMost(GENEROUS).until(() -> !session.lateReplies().isEmpty());
        ModuleSession.LateReply late = session.lateReplies().get(0);
        assertThat(late.command()).isEqualTo("AT+MIPLCLOSE=0");
        assertThat(late.finalResult().text()).isEqualTo("+CIS ERROR: 651");
        assertThat(late.after()).isGreaterThanOrEqualTo(SHORT);
        assertThat(late.describe()).contains("late final result of AT+MIPLCLOSE=0: +CIS ERROR: 651")
                .contains("(deadline 300 ms)");
        // the next command gets its own reply
        Reply next = session.send("AT+MIPLVER?");
        assertThat(next.isOk()).isTrue();
        assertThat(next.lines()).containsExactly("+MIPLVER: 2.3.0");
        assertThat(session.lateReplies()).hasSize(1);
    }

    @Test
    void aDeadlineWithNothingReceivedSaysSo() {
        module.echo = false;
        module.on("AT+QSCLK=0", c -> List.of());
        assertThatThrownBy(() -> session.send("AT+QSCLK=0", SHORT))
                .isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("(nothing)");
    }

    @Test
    void concurrentCallersAreServedOneCommandAtATime() throws Exception {
        for (int i = 0; i < 8; i++) {
            int n = i;
            module.on("AT+MIPLNOTIFY=" + n, "+N: " + n, "OK");
        }
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            replies.add(CompletableFuture.supplyAsync(() -> session.send("AT+MIPLNOTIFY=" + n)));
        }
        for (int i = 0; i < 8; i++) {
            Reply reply = replies.get(i).get(20, TimeUnit.SECONDS);
            assertThat(reply.lines()).as("seed %d", seed).containsExactly("+N: " + i);
            assertThat(reply.isOk()).isTrue();
        }
    }

    @Test
    void aTypedUrcGivesItsFields() {
        module.urc("+MIPLREAD: 0,3123,3311,0,5805");
        UrcArrival<MiplRead> read = session.expectUrc(MiplRead.class, GENEROUS);
        assertThat(read.value().msgId()).isEqualTo(3123);
        assertThat(read.value().resId()).isEqualTo(5805);
        assertThat(read.delay()).isPositive();
        assertThat(read.entry().urc()).contains(read.value());
    }

    @Test
    void aRegexWaitGivesTheMatch() {
        module.urc("+MIPLEVENT: 0,26,255");
        UrcArrival<MatchResult> ack = session.expectUrc("\\+MIPLEVENT: 0,26,(\\d+)", GENEROUS);
        assertThat(ack.value().group(1)).isEqualTo("255");
    }

    @Test
    void urcsInOrderWithOthersBetween() {
        List.of("+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+IP: 10.0.0.7", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6")
                .forEach(module::urc);
        List<UrcArrival<?>> seen = session.expectInOrder(List.of(event(EventId.BOOTSTRAP_START),
                event(EventId.BOOTSTRAP_SUCCESS), event(EventId.CONNECT_SUCCESS), event(EventId.REG_SUCCESS)), GENEROUS);
        assertThat(seen).extracting(UrcArrival::text)
                .containsExactly("+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6");
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).delay()).isGreaterThanOrEqualTo(seen.get(i - 1).delay());
        }
        // the cursor moved past the last match
        assertThat(session.cursor()).isEqualTo(seen.get(3).after());
    }

    @Test
    void urcsOutOfOrderFailAtOnceNamingBoth() {
        module.urc("+MIPLEVENT: 0,2");
        module.urc("+MIPLEVENT: 0,1");
        assertThatThrownBy(() -> session.expectInOrder(
                List.of(event(EventId.BOOTSTRAP_START), event(EventId.BOOTSTRAP_SUCCESS)), GENEROUS))
                .isInstanceOf(UnexpectedUrc.class)
                .hasMessageContaining("+MIPLEVENT: 0,2 (+MIPLEVENT 2 (BOOTSTRAP_SUCCESS)) arrived before +MIPLEVENT 1");
    }

    @Test
    void aMissingUrcFailureListsWhatArrivedInstead() {
        module.urc("+MIPLEVENT: 0,1");
        module.urc("+MIPLEVENT: 0,2");
        module.urc("+MIPLEVENT: 0,5");
        assertThatThrownBy(() -> session.expectInOrder(List.of(event(EventId.BOOTSTRAP_START),
                event(EventId.BOOTSTRAP_SUCCESS), event(EventId.CONNECT_SUCCESS)), SHORT))
                .isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("within 300 ms")
                .hasMessageContaining("missing +MIPLEVENT 4 (CONNECT_SUCCESS)")
                .hasMessageContaining("matched so far")
                .hasMessageContaining("RX +MIPLEVENT: 0,5 (URC)");
    }

    @Test
    void fromNowOnIgnoresEarlierUrcs() {
        module.urc("+MIPLEVENT: 0,6");
        session.expectUrc(text("+MIPLEVENT: 0,6"), GENEROUS);
        Cursor now = session.now();
        assertThatThrownBy(() -> session.expectUrc(now, text("+MIPLEVENT: 0,6"), SHORT))
                .isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("awaited URC \"+MIPLEVENT: 0,6\" within 300 ms");
        // but since the start it is there
        assertThat(session.expectUrc(session.sinceStart(), text("+MIPLEVENT: 0,6"), GENEROUS).entry().index()).isZero();
    }

    @Test
    void aUrcArrivingAfterItsDeadlineIsLate() {
        module.urc("+MIPLEVENT: 0,6");
        await().atMost(GENEROUS).until(() -> session.journal().urcs().size() == 1);
        // reference one second before the URC arrived, 10 ms allowed
        long arrived = session.journal().urcs().get(0).nanoTime();
        Cursor early = new Cursor(0, arrived - Duration.ofSeconds(1).toNanos());
        assertThatThrownBy(() -> session.expectUrc(early, event(EventId.REG_SUCCESS), Duration.ofMillis(10)))
                .isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("too late");
    }

    @Test
    void expectNoneWaitsOutTheWindowAndReportsWhatCame() {
        Cursor from = session.now();
        module.urc("+MIPLEVENT: 0,11");
        List<JournalEntry.Received> seen = session.expectNone(from, event(EventId.NOTIFY_FAILED), SHORT);
        assertThat(seen).extracting(JournalEntry::text).containsExactly("+MIPLEVENT: 0,11");
    }

    @Test
    void expectNoneFailsWhenTheUrcComes() {
        Cursor from = session.now();
        module.urc("+MIPLEVENT: 0,25,122179");
        assertThatThrownBy(() -> session.expectNone(from, event(EventId.NOTIFY_FAILED), GENEROUS))
                .isInstanceOf(UnexpectedUrc.class)
                .hasMessageContaining("expected no +MIPLEVENT 25 (NOTIFY_FAILED) within 10000 ms")
                .hasMessageContaining("+MIPLEVENT: 0,25,122179 arrived");
    }

    @Test
    void theLinkClosingEndsAWaitAtOnce() {
        module.on("AT+MIPLCLOSE=0", c -> {
            pipe.b().close();
            return List.of();
        });
        assertThatThrownBy(() -> session.send("AT+MIPLCLOSE=0", GENEROUS))
                .isInstanceOf(LinkClosedException.class)
                .hasMessageContaining("closed while waiting for the final result of AT+MIPLCLOSE=0");
        assertThatThrownBy(() -> session.send("AT"))
                .isInstanceOf(LinkClosedException.class);
    }

    @Test
    void theTranscriptIsWrittenAsItHappens(@TempDir Path dir) throws Exception {
        session.close();
        pipe.close();
        pipe = PipeLink.pair("pipe:harness", "pipe:module");
        module = new ScriptedModule(pipe.b(), seed);
        Path file = dir.resolve("uart.log");
        session = ModuleSession.builder(pipe.a()).transcript(file).open();
        module.on("AT+MIPLVER?", "+MIPLVER: 2.3.0", "OK");
        session.send("AT+MIPLVER?");
        module.urc("+MIPLEVENT: 0,6");
        module.raw(new byte[] {'\r', '\n', 'x', 0x01, (byte) 0xff, '\r', '\n'});
        module.urc("+MIPLEVENT: 0,\u0007 bell");
        await().atMost(GENEROUS).until(() -> session.journal().size() == 7);

        // read before close: everything received is already on disk
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("# mipl-hil session on pipe:harness");
        String stamp = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z [+-]\\d+\\.\\d{3} ";
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.matches(stamp + "(TX|RX|RX!) .*"), "timestamped");
        assertThat(lines).anyMatch(l -> l.matches(stamp + "TX AT\\+MIPLVER\\?"))
                .anyMatch(l -> l.matches(stamp + "RX AT\\+MIPLVER\\?"))
                .anyMatch(l -> l.matches(stamp + "RX \\+MIPLVER: 2\\.3\\.0"))
                .anyMatch(l -> l.matches(stamp + "RX OK"))
                .anyMatch(l -> l.matches(stamp + "RX \\+MIPLEVENT: 0,6"))
                .anyMatch(l -> l.matches(stamp + "RX! \\(.+\\) x.*\\\\x01.*"))
                .anyMatch(l -> l.matches(stamp + "RX! \\(.+\\) \\+MIPLEVENT: 0,\\\\x07 bell"));
        // times only go forward
        List<Double> offsets = lines.stream().filter(l -> !l.startsWith("#"))
                .map(l -> Double.parseDouble(l.split(" ")[1])).toList();
        assertThat(offsets).isSorted();
        session.close();
        assertThat(Files.readAllLines(file).get(Files.readAllLines(file).size() - 1)).isEqualTo("# link closed");
    }

    @Test
    void urcListenersSeeEveryUrcInOrderAndNothingElse() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        AutoCloseable handle = session.addUrcListener(urc -> {
            seen.add(urc.text());
            threads.add(Thread.currentThread().getName());
        });
        session.addUrcListener(urc -> {
            throw new IllegalStateException("a broken listener does not stop the reader");
        });
        module.on("AT+MIPLVER?", c -> {
            module.urc("+MIPLREAD: 0,3123,3311,0,5805"); // between the command and its answer
            return List.of("+MIPLVER: 2.3.0", "OK");
        });
        module.urc("+MIPLEVENT: 0,6");
        assertThat(session.send("AT+MIPLVER?").isOk()).isTrue();
        module.urc("+MIPLDISCOVER: 0,26384,3311");
        await().atMost(GENEROUS).until(() -> seen.size() == 3);
        assertThat(seen).as("seed %d", seed)
                .containsExactly("+MIPLEVENT: 0,6", "+MIPLREAD: 0,3123,3311,0,5805", "+MIPLDISCOVER: 0,26384,3311");
        assertThat(threads).doesNotContain(Thread.currentThread().getName());

        handle.close();
        module.urc("+MIPLEVENT: 0,15");
        session.expectUrc(session.sinceStart(), UrcMatcher.event(EventId.DEREG_DONE), GENEROUS);
        assertThat(seen).hasSize(3);
    }

    @Test
    void sendKeepingCursorLeavesTheSessionCursorAlone() {
        module.on("AT+MIPLVER?", "+MIPLVER: 2.3.0", "OK");
        module.on("AT+MIPLCREATE", "+MIPLCREATE: 0", "OK");
        Reply first = session.send("AT+MIPLVER?");
        assertThat(session.cursor()).isEqualTo(first.cursor());
        Reply aside = session.sendKeepingCursor("AT+MIPLCREATE", GENEROUS);
        assertThat(aside.lines()).containsExactly("+MIPLCREATE: 0");
        assertThat(session.cursor()).isEqualTo(first.cursor());
    }
}
