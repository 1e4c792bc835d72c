package org.miplhil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miplhil.dut.UrcMatcher.type;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.miplhil.at.MiplRead;
import org.miplhil.at.MiplWrite;
import org.miplhil.at.RequestType;
import org.miplhil.dut.mcu.AnswerMode;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.mcu.McuLogEntry;
import org.miplhil.dut.mcu.McuRequest;
import org.miplhil.dut.Reply;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;

/**
 * The MCU's answer modes seen from the platform: an answer by hand, a refusal by hand, no answer, a late answer,
 * the MCU switched off. The module, its LwM2M client and the platform are real; the MCU is the application.
 */
class McuModesTest {

    static final Duration WITHIN = VirtualBench.WITHIN;
    /** Longer than the MCU's late answer (12 s), shorter than the module's purge (mipl.purge-after, 20 s) plus a margin. */
    static final Duration PATIENT = Duration.ofSeconds(20);

    private static VirtualBench registered(TestInfo info) {
        VirtualBench b = VirtualBench.leshan("modes-" + info.getTestMethod().orElseThrow().getName(),
                ObjectModel.load(VirtualBench.LIGHT), VirtualBench.Platform.quiet());
        try {
            b.mcu.setup();
            return b;
        } catch (RuntimeException | AssertionError e) {
            b.close();
            throw e;
        }
    }

    private static long sentAfterUrc(VirtualBench b, long msgId, String commandPrefix) {
        List<JournalEntry> entries = b.session.journal().entries();
        long urc = entries.stream().filter(e -> e instanceof JournalEntry.Received r && r.isUrc()
                && r.text().contains("," + msgId + ",")).findFirst().orElseThrow().nanoTime();
        long sent = entries.stream().filter(e -> e instanceof JournalEntry.Sent && e.text().startsWith(commandPrefix))
                .findFirst().orElseThrow().nanoTime();
        return sent - urc;
    }

    @Test
    void aManualAnswerAndAManualRefusalReachThePlatform(TestInfo info) throws Exception {
        try (VirtualBench b = registered(info)) {
            b.mcu.setMode(RequestType.READ, AnswerMode.manual());
            b.mcu.setMode(RequestType.WRITE, AnswerMode.manual());

            CompletableFuture<PlatformResult> read = CompletableFuture.supplyAsync(() ->
                    b.platform.read(b.endpoint(), NodePath.resource(3311, 1, 5706), WITHIN));
            McuRequest r = b.mcu.awaitRequest(x -> x.kind() == RequestType.READ, "the read", WITHIN);
            assertThat(b.mcu.manualRequests()).containsExactly(r);
            // the test lets the model answer, when it chooses
            assertThat(b.mcu.answer(r)).singleElement().satisfies(x -> assertThat(x.isOk()).isTrue());
            PlatformResult.Answered a = (PlatformResult.Answered) read.get();
            assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
            assertThat(a.values()).containsExactly(new ResourceData(NodePath.resource(3311, 1, 5706),
                    new ResourceValue.StringValue("1234567890")));

            Cursor c = b.session.now();
            CompletableFuture<PlatformResult> write = CompletableFuture.supplyAsync(() -> b.platform.write(
                    b.endpoint(), NodePath.resource(3311, 1, 5706), WriteMode.REPLACE,
                    List.of(new ResourceWrite(5706, new ResourceValue.StringValue("blue"))), WITHIN));
            long m = b.session.expectUrc(c, type(MiplWrite.class), WITHIN).value().msgId();
            // the test answers with its own command: 14, method not allowed (3.3.12)
            Reply refusal = b.session.send("AT+MIPLWRITERSP=0," + m + ",14");
            assertThat(refusal.isOk()).isTrue();
            assertThat(((PlatformResult.Answered) write.get()).code()).isEqualTo(CoapCode.METHOD_NOT_ALLOWED);
            assertThat(b.mcu.model().value(3311, 1, 5706)).hasValueSatisfying(v ->
                    assertThat(v.format()).isEqualTo("\"1234567890\""));
        }
    }

    @Test
    void aRequestTheMcuNeverAnswersAndOneItAnswersLate(TestInfo info) throws Exception {
        try (VirtualBench b = registered(info)) {
            b.mcu.setMode(RequestType.READ, AnswerMode.never());
            b.mcu.setMode(RequestType.WRITE, AnswerMode.late(Duration.ofSeconds(12)));

            Cursor c = b.session.now();
            CompletableFuture<PlatformResult> read = CompletableFuture.supplyAsync(() ->
                    b.platform.read(b.endpoint(), NodePath.resource(3311, 1, 5805), PATIENT));
            CompletableFuture<PlatformResult> write = CompletableFuture.supplyAsync(() -> b.platform.write(
                    b.endpoint(), NodePath.resource(3311, 1, 5706), WriteMode.REPLACE,
                    List.of(new ResourceWrite(5706, new ResourceValue.StringValue("late"))), PATIENT));
            long readId = b.session.expectUrc(c, type(MiplRead.class), WITHIN).value().msgId();
            long writeId = b.session.expectUrc(c, type(MiplWrite.class), WITHIN).value().msgId();

            assertThat(b.mcu.awaitAnswer(readId, WITHIN).outcome()).isEqualTo(McuLogEntry.Outcome.NOT_ANSWERED);
            // the module invents no answer: the read runs out at the platform (cis_packet.c purges it silently);
            // the write answered at 12 s, past the MCU's window, still goes out piggy-backed (the SDK keeps it 20 s)
            PlatformResult readResult = read.get();
            PlatformResult writeResult = write.get();
            assertThat(readResult).as(readResult.describe()).isInstanceOf(PlatformResult.TimedOut.class);
            assertThat(writeResult.isSuccess()).as(writeResult.describe()).isTrue();

            McuLogEntry late = b.mcu.awaitAnswer(writeId, PATIENT);
            assertThat(late.sent()).containsExactly("AT+MIPLWRITERSP=0," + writeId + ",2");
            assertThat(Duration.ofNanos(sentAfterUrc(b, writeId, "AT+MIPLWRITERSP")))
                    .isGreaterThan(Duration.ofSeconds(12));
            assertThat(b.session.journal().entries()).noneMatch(e -> e.text().startsWith("AT+MIPLREADRSP"));
        }
    }

    @Test
    void withTheMcuOffTheTestAnswersByHand(TestInfo info) throws Exception {
        try (VirtualBench b = registered(info)) {
            b.mcu.setEnabled(false);
            Cursor c = b.session.now();
            CompletableFuture<PlatformResult> read = CompletableFuture.supplyAsync(() ->
                    b.platform.read(b.endpoint(), NodePath.resource(3311, 0, 5852), WITHIN));
            long m = b.session.expectUrc(c, type(MiplRead.class), WITHIN).value().msgId();
            assertThat(b.mcu.awaitAnswer(m, WITHIN).outcome()).isEqualTo(McuLogEntry.Outcome.OFF);
            assertThat(b.session.send("AT+MIPLREADRSP=0," + m + ",1,3311,0,5852,3,4,4242,0,0").isOk()).isTrue();
            PlatformResult.Answered a = (PlatformResult.Answered) read.get();
            assertThat(a.values()).containsExactly(new ResourceData(NodePath.resource(3311, 0, 5852),
                    new ResourceValue.IntegerValue(4242)));
        }
    }
    @Test
    void aRequestTheServerRetransmitsBeforeTheMcuAnswersIsShownAgainAndAnsweredOnce(TestInfo info) throws Exception {
        try (VirtualBench b = registered(info)) {
            // past the platform's first retransmission (ACK_TIMEOUT 2 s, at most 3 s with its random factor)
            b.mcu.setMode(RequestType.READ, AnswerMode.auto(Duration.ofSeconds(4)));
            Cursor c = b.session.now();
            PlatformResult result = b.platform.read(b.endpoint(), NodePath.resource(3311, 1, 5706), WITHIN);

            assertThat(result.isSuccess()).as(result.describe()).isTrue();
            long m = b.session.expectUrc(c, type(MiplRead.class), WITHIN).value().msgId();
            McuLogEntry answer = b.mcu.awaitAnswer(m, WITHIN);
            assertThat(answer.outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
            List<String> lines = b.session.journal().entries(c.index(), Integer.MAX_VALUE).stream()
                    .map(JournalEntry::text).toList();
            // the SDK prints the URC for every copy of the request (cis_objects.c), with the same msgId
            assertThat(lines).filteredOn(t -> t.startsWith("+MIPLREAD:")).as("%s", lines).hasSizeGreaterThanOrEqualTo(2)
                    .containsOnly("+MIPLREAD: 0," + m + ",3311,1,5706");
            assertThat(b.session.journal().entries(c.index(), Integer.MAX_VALUE))
                    .filteredOn(e -> e instanceof JournalEntry.Sent && e.text().startsWith("AT+MIPLREADRSP"))
                    .as("answered once").hasSize(1);
            assertThat(b.mcu.log()).filteredOn(e -> e.msgId() == m && e.outcome() == McuLogEntry.Outcome.COPY)
                    .isNotEmpty();
            var logged = b.platform.requestLog().stream().filter(e -> e.uri().equals("/3311/1/5706")).toList();
            assertThat(logged).singleElement().satisfies(e -> assertThat(e.retransmissions()).isPositive());
        }
    }
}
