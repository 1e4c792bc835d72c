package org.miplhil.dut.mcu;

import org.miplhil.dut.Cursor;
import org.miplhil.dut.FakeModule;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.at.MiplValue;
import org.miplhil.at.RequestType;
import org.miplhil.link.PipeLink;
import org.miplhil.objects.ObjectModel;
import org.miplhil.objects.ObjectPath;
import org.miplhil.objects.RecvDataFormat;

/**
 * The MCU application against a scripted module on an in-memory link: what it sends for each URC of chapter 5, in the
 * words of chapter 7's examples. The same flows run end to end against the virtual module in {@code Chapter7Test}.
 */
class McuApplicationTest {

    static final Path LIGHT = Path.of("fixtures/objects/light-control-3311.yaml");
    static final Path TEMPERATURE = Path.of("fixtures/objects/temperature-3303.yaml");
    static final Path LIGHT_AS_PRINTED = Path.of("src/test/resources/objects/note-7.3-light-control-3311.yaml");
    static final Duration WAIT = Duration.ofSeconds(10);

    private PipeLink.Pair pipe;
    private FakeModule module;
    private ModuleSession session;
    private McuApplication mcu;

    @BeforeEach
    void connect() {
        pipe = PipeLink.pair("pipe:mcu", "pipe:module");
        module = new FakeModule(pipe.b());
        session = ModuleSession.open(pipe.a());
    }

    @AfterEach
    void disconnect() {
        if (mcu != null) {
            mcu.close();
        }
        session.close();
        pipe.close();
    }

    private McuApplication start(McuApplication.Builder b) {
        mcu = b.start();
        return mcu;
    }

    private McuApplication start(Path... fixtures) {
        return start(McuApplication.builder(session, ObjectModel.load(fixtures)));
    }

    private List<String> awaitCommands(String prefix, int count) {
        await().atMost(WAIT).until(() -> module.commandsStartingWith(prefix).size() >= count);
        return module.commandsStartingWith(prefix);
    }

    // ---------------------------------------------------------------- 7.2.1

    @Test
    void observeAndDiscoverAreAnsweredAsIn721() {
        start(LIGHT);
        module.urc("+MIPLOBSERVE: 0,69234,1,3311,0,-1");
        assertThat(awaitCommands("AT+MIPLOBSERVERSP", 1)).containsExactly("AT+MIPLOBSERVERSP=0,69234,1");
        module.urc("+MIPLDISCOVER: 0,26384,3311");
        assertThat(awaitCommands("AT+MIPLDISCOVERRSP", 1))
                .containsExactly("AT+MIPLDISCOVERRSP=0,26384,1,19,\"5850;5851;5706;5805\"");
        assertThat(mcu.observations()).extracting(Observation::msgId, Observation::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(69234L, ObjectPath.instance(3311, 0)));
        McuLogEntry discover = mcu.awaitAnswer(26384, WAIT);
        assertThat(discover.outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
        assertThat(discover.replies()).containsExactly("OK");
        assertThat(discover.received()).containsExactly("+MIPLDISCOVER: 0,26384,3311");
    }

    @Test
    void theAnswerFollowsItsUrcInTheJournalAndDoesNotMoveTheSessionCursor() {
        start(LIGHT);
        Cursor before = session.cursor();
        module.urc("+MIPLOBSERVE: 0,69234,1,3311,0,-1");
        mcu.awaitAnswer(69234, WAIT);
        assertThat(session.cursor()).isEqualTo(before);
        List<String> texts = session.journal().entries().stream().map(JournalEntry::text).toList();
        assertThat(texts).containsSubsequence("+MIPLOBSERVE: 0,69234,1,3311,0,-1", "AT+MIPLOBSERVERSP=0,69234,1", "OK");
    }

    @Test
    void aCancelEndsTheObservationOfThatPath() {
        start(LIGHT);
        module.urc("+MIPLOBSERVE: 0,100,1,3311,0,5850");
        module.urc("+MIPLOBSERVE: 0,101,1,3311,1,-1");
        module.urc("+MIPLOBSERVE: 0,102,0,3311,0,5850");
        mcu.awaitAnswer(102, WAIT);
        assertThat(awaitCommands("AT+MIPLOBSERVERSP", 3)).containsExactly("AT+MIPLOBSERVERSP=0,100,1",
                "AT+MIPLOBSERVERSP=0,101,1", "AT+MIPLOBSERVERSP=0,102,1");
        assertThat(mcu.observations()).extracting(Observation::msgId).containsExactly(101L);
        // 5.7: a new registration ends every observation
        module.urc("+MIPLEVENT: 0,6");
        await().atMost(WAIT).until(() -> mcu.observations().isEmpty());
    }

    @Test
    void closingLetsAnAnswerUnderWayFinishSoThatItsReplyIsNotTakenForTheNextCommand() throws Exception {
        start(LIGHT);
        // a module that answers in order: the answer to the observe is held until the test releases it, or until
        // the next command comes (then it prints the held reply first, as a module working through its queue)
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
        module.on("AT+MIPLOBSERVERSP", c -> {
            held.set(true);
            return List.of();
        });
        module.on("AT+CMEE", c -> held.getAndSet(false) ? List.of("+CIS ERROR: 653", "OK") : List.of("OK"));
        module.urc("+MIPLOBSERVE: 0,69234,1,3311,0,-1");
        awaitCommands("AT+MIPLOBSERVERSP", 1);

        Thread closing = new Thread(mcu::close, "closing the mcu");
        closing.start();
        // closing waits for the answer's final result (it must not leave the command in flight)
        await().atMost(WAIT).until(() -> !closing.isAlive() || closing.getState() == Thread.State.TIMED_WAITING);
        if (closing.isAlive() && held.getAndSet(false)) {
            module.urc("+CIS ERROR: 653");
        }
        closing.join(WAIT.toMillis());
        assertThat(closing.isAlive()).as("close() returned").isFalse();

        // the next command (the next case's first) gets its own reply, not the answer's
        Reply r = session.send("AT+CMEE=1", WAIT);
        assertThat(r.isOk()).as("AT+CMEE=1 got %s", r).isTrue();
        assertThat(r.information()).isEmpty();
        // nothing is answered after close
        module.urc("+MIPLOBSERVE: 0,69235,1,3311,1,-1");
        assertThat(session.send("AT", WAIT).isOk()).isTrue();
        assertThat(module.commandsStartingWith("AT+MIPLOBSERVERSP")).hasSize(1);
    }

    // ---------------------------------------------------------------- 7.3

    @Test
    void readsAnswerAsPrintedIn73() {
        start(LIGHT_AS_PRINTED);
        // 7.3.1
        mcu.model().set(3311, 0, 5805, new MiplValue.FloatValue("1.88"));
        module.urc("+MIPLREAD: 0,3123,3311,0,5805");
        mcu.awaitAnswer(3123, WAIT);
        assertThat(module.commandsStartingWith("AT+MIPLREADRSP")).containsExactly(
                "AT+MIPLREADRSP=0,3123,1,3311,0,5805,4,4,1.88,0,0");
        // 7.3.2: four messages, index 3 down to 0 (3.2: the examples do not follow on from each other)
        mcu.model().set(3311, 0, 5706, new MiplValue.StringValue("1234567890"));
        module.urc("+MIPLREAD: 0,25466,3311,0,-1");
        mcu.awaitAnswer(25466, WAIT);
        assertThat(module.commandsStartingWith("AT+MIPLREADRSP=0,25466")).containsExactly(
                "AT+MIPLREADRSP=0,25466,1,3311,0,5851,5,1,1,3,0",
                "AT+MIPLREADRSP=0,25466,1,3311,0,5852,3,2,123,2,0",
                "AT+MIPLREADRSP=0,25466,1,3311,0,5706,1,10,\"1234567890\",1,0",
                "AT+MIPLREADRSP=0,25466,1,3311,0,5805,4,4,1.88,0,0");
    }

    @Test
    void anObjectReadCountsDownAcrossInstancesAsIn733() {
        start(LIGHT_AS_PRINTED);
        module.urc("+MIPLREAD: 0,39299,3311,-1,-1");
        mcu.awaitAnswer(39299, WAIT);
        assertThat(module.commandsStartingWith("AT+MIPLREADRSP")).containsExactly(
                "AT+MIPLREADRSP=0,39299,1,3311,0,5851,5,1,1,5,0",
                "AT+MIPLREADRSP=0,39299,1,3311,0,5852,3,2,123,4,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5851,5,1,1,3,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5852,3,2,123,2,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5706,1,10,\"1234567890\",1,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5805,4,4,1.88,0,0");
    }

    @Test
    void theShippedFixtureAnswersTheDimmerAsAnInteger() {
        start(LIGHT);
        module.urc("+MIPLREAD: 0,39299,3311,-1,-1");
        mcu.awaitAnswer(39299, WAIT);
        assertThat(module.commandsStartingWith("AT+MIPLREADRSP")).containsExactly(
                "AT+MIPLREADRSP=0,39299,1,3311,0,5851,3,2,1,5,0",
                "AT+MIPLREADRSP=0,39299,1,3311,0,5852,3,2,123,4,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5851,3,2,1,3,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5852,3,2,123,2,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5706,1,10,\"1234567890\",1,0",
                "AT+MIPLREADRSP=0,39299,1,3311,1,5805,4,4,1.88,0,0");
    }

    @Test
    void whatTheModelDoesNotHaveIsNotFoundAndWhatItForbidsIsNotAllowed() {
        start(LIGHT, TEMPERATURE);
        module.urc("+MIPLREAD: 0,1,3312,0,5850");      // no such object
        module.urc("+MIPLREAD: 0,2,3311,7,-1");        // no such instance
        module.urc("+MIPLREAD: 0,3,3311,0,9999");      // no such resource
        module.urc("+MIPLREAD: 0,4,3311,0,5850");      // defined, but instance 0 has no value
        module.urc("+MIPLREAD: 0,5,3303,0,5605");      // executable: not readable
        module.urc("+MIPLDISCOVER: 0,6,3312");
        module.urc("+MIPLOBSERVE: 0,7,1,3311,9,-1");
        module.urc("+MIPLEXECUTE: 0,8,3311,0,5850");   // not executable
        module.urc("+MIPLEXECUTE: 0,9,3303,0,5699");
        module.urc("+MIPLPARAMETER: 0,10,3303,4,5700,6,\"pmin=2\"");
        module.urc("+MIPLWRITE: 0,11,3303,0,5700,2,4,41CC0000,0,0"); // 5700 is read-only
        module.urc("+MIPLWRITE: 0,12,3311,0,5850,2,2,0101,0,0");     // a boolean is one byte
        mcu.awaitAnswer(12, WAIT);
        assertThat(module.commands()).containsExactly(
                "AT+MIPLREADRSP=0,1,13", "AT+MIPLREADRSP=0,2,13", "AT+MIPLREADRSP=0,3,13", "AT+MIPLREADRSP=0,4,13",
                "AT+MIPLREADRSP=0,5,14", "AT+MIPLDISCOVERRSP=0,6,13,0,\"\"", "AT+MIPLOBSERVERSP=0,7,13",
                "AT+MIPLEXECUTERSP=0,8,14", "AT+MIPLEXECUTERSP=0,9,13", "AT+MIPLPARAMETERRSP=0,10,13",
                "AT+MIPLWRITERSP=0,11,14", "AT+MIPLWRITERSP=0,12,11");
        assertThat(mcu.awaitAnswer(3, WAIT).note()).contains("no resource 9999");
        assertThat(mcu.awaitAnswer(12, WAIT).note()).contains("a boolean is one byte");
        assertThat(mcu.model().value(3311, 0, 5850)).isEmpty();
        assertThat(mcu.executions()).isEmpty();
        assertThat(mcu.parameters()).isEmpty();
        assertThat(mcu.writes()).isEmpty();
    }

    // ---------------------------------------------------------------- copies of a request

    @Test
    void aRequestShownAgainWithItsMsgIdIsAnsweredOnceAndTheCopiesAreLogged() {
        // the SDK prints the URC again for each retransmission that comes before the answer (cis_objects.c)
        start(McuApplication.builder(session, ObjectModel.load(LIGHT))
                .mode(RequestType.READ, AnswerMode.auto(Duration.ofMillis(500))));
        module.urc("+MIPLREAD: 0,3123,3311,0,5805");
        module.urc("+MIPLREAD: 0,3123,3311,0,5805"); // while the answer is due
        McuLogEntry answer = mcu.awaitAnswer(3123, WAIT);
        module.urc("+MIPLREAD: 0,3123,3311,0,5805"); // after it: crossed the answer on its way
        module.urc("+MIPLREAD: 0,3124,3311,0,5805"); // the next request
        mcu.awaitAnswer(3124, WAIT);
        await().atMost(WAIT).until(() -> mcu.log().stream()
                .filter(e -> e.outcome() == McuLogEntry.Outcome.COPY).count() == 2);

        assertThat(answer.outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
        assertThat(module.commandsStartingWith("AT+MIPLREADRSP")).extracting(c -> c.split(",")[1])
                .containsExactly("3123", "3124");
        assertThat(mcu.requests()).extracting(McuRequest::msgId).containsExactly(3123L, 3124L);
        assertThat(mcu.log()).filteredOn(e -> e.outcome() == McuLogEntry.Outcome.COPY)
                .allSatisfy(e -> {
                    assertThat(e.msgId()).isEqualTo(3123);
                    assertThat(e.sent()).isEmpty();
                    assertThat(e.note()).contains("answered once");
                });
    }

    @Test
    void aWriteShownAgainIsWrittenAndAnsweredOnce() {
        start(LIGHT);
        for (int copy = 0; copy < 2; copy++) {
            module.urc("+MIPLWRITE: 0,38020,3311,0,5850,2,1,01,0,1");
            module.urc("+MIPLWRITE: 0,38020,3311,0,5706,2,5,68656C6C6F,0,0");
        }
        await().atMost(WAIT).until(() -> mcu.log().stream().anyMatch(e -> e.outcome() == McuLogEntry.Outcome.COPY));
        assertThat(module.commands()).containsExactly("AT+MIPLWRITERSP=0,38020,2");
        assertThat(mcu.writes()).hasSize(1);
    }

    @Test
    void aMsgIdSeenInAnEarlierRegistrationIsANewRequest() {
        start(LIGHT);
        module.urc("+MIPLDISCOVER: 0,26384,3311");
        mcu.awaitAnswer(26384, WAIT);
        module.urc("+MIPLEVENT: 0,6");
        module.urc("+MIPLDISCOVER: 0,26384,3311");
        assertThat(awaitCommands("AT+MIPLDISCOVERRSP", 2)).hasSize(2);
    }

    // ---------------------------------------------------------------- 7.4

    @Test
    void aOnePartWriteIsDecodedAndAnsweredAsIn741() {
        start(LIGHT);
        module.urc("+MIPLWRITE: 0,38017,3311,0,5706,2,5,68656C6C6F,0,0");
        mcu.awaitAnswer(38017, WAIT);
        assertThat(module.commands()).containsExactly("AT+MIPLWRITERSP=0,38017,2");
        assertThat(mcu.model().value(3311, 0, 5706)).contains(new MiplValue.StringValue("hello"));
        assertThat(mcu.writes()).singleElement().satisfies(w -> assertThat(w.msgId()).isEqualTo(38017));
    }

    @Test
    void aWriteThatStopsShortOfIndexZeroIsTakenAsCompleteAfterTheAssemblyTime() {
        // 7.4.1's second write has index 2 and no further part; 5.4 says a write's last part has index 0.
        start(McuApplication.builder(session, ObjectModel.load(LIGHT)).writeAssembly(Duration.ofMillis(300)));
        long sent = System.nanoTime();
        module.urc("+MIPLWRITE: 0,38018,3311,0,5706,2,5,68656C6C6F,0,2");
        McuLogEntry e = mcu.awaitAnswer(38018, WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(module.commands()).containsExactly("AT+MIPLWRITERSP=0,38018,2");
        assertThat(e.note()).contains("no part with index 0");
        assertThat(mcu.model().value(3311, 0, 5706)).contains(new MiplValue.StringValue("hello"));
    }

    @Test
    void anInstanceWriteIsCollectedThenAnsweredOnceAsIn742() {
        start(LIGHT);
        module.urc("+MIPLWRITE: 0,46584,3311,0,5706,2,5,68656C6C6F,0,2");
        module.urc("+MIPLWRITE: 0,46584,3311,0,5850,2,1,01,0,1");
        module.urc("+MIPLWRITE: 0,46584,3311,0,5851,2,8,00000002DFDC1C3E,0,0");
        McuLogEntry e = mcu.awaitAnswer(46584, WAIT);
        assertThat(e.received()).hasSize(3);
        assertThat(module.commands()).containsExactly("AT+MIPLWRITERSP=0,46584,2");
        assertThat(mcu.model().value(3311, 0, 5706)).contains(new MiplValue.StringValue("hello"));
        assertThat(mcu.model().value(3311, 0, 5850)).contains(new MiplValue.BooleanValue(true));
        assertThat(mcu.model().value(3311, 0, 5851)).contains(new MiplValue.IntegerValue(12345678910L));
    }

    @Test
    void textWritesAreDecodedByTheResourceType() {
        start(McuApplication.builder(session, ObjectModel.load(LIGHT)).recvDataFormat(RecvDataFormat.TEXT));
        module.urc("+MIPLWRITE: 0,5,3311,1,5706,1,5,hello,0,2");
        module.urc("+MIPLWRITE: 0,5,3311,1,5851,1,2,42,0,1");
        module.urc("+MIPLWRITE: 0,5,3311,1,5850,1,1,0,0,0");
        McuLogEntry e = mcu.awaitAnswer(5, WAIT);
        assertThat(e.note()).doesNotContain("although");
        assertThat(module.commands()).containsExactly("AT+MIPLWRITERSP=0,5,2");
        assertThat(mcu.model().value(3311, 1, 5706)).contains(new MiplValue.StringValue("hello"));
        assertThat(mcu.model().value(3311, 1, 5851)).contains(new MiplValue.IntegerValue(42));
        assertThat(mcu.model().value(3311, 1, 5850)).contains(new MiplValue.BooleanValue(false));
        // a hex part while text is configured is still decoded, and the log says so
        module.urc("+MIPLWRITE: 0,6,3311,1,5706,2,2,6869,0,0");
        assertThat(mcu.awaitAnswer(6, WAIT).note()).contains("although recv_data_format is 1");
        assertThat(mcu.model().value(3311, 1, 5706)).contains(new MiplValue.StringValue("hi"));
    }

    // ---------------------------------------------------------------- 7.5, 7.6

    @Test
    void executeAndWriteAttributesAreRecordedAndAnsweredTwo() {
        start(TEMPERATURE);
        module.urc("+MIPLEXECUTE: 0,36476,3303,0,5605,5,\"reset\"");
        module.urc("+MIPLPARAMETER: 0,56642,3303,0,5700,38,\"pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2\"");
        mcu.awaitAnswer(56642, WAIT);
        assertThat(module.commands()).containsExactly("AT+MIPLEXECUTERSP=0,36476,2", "AT+MIPLPARAMETERRSP=0,56642,2");
        assertThat(mcu.executions()).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo(ObjectPath.resource(3303, 0, 5605));
            assertThat(x.arguments()).contains("reset");
        });
        assertThat(mcu.parameters()).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo("pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2");
            assertThat(p.attributes()).containsEntry("pmin", "2").containsEntry("pmax", "190")
                    .containsEntry("gt", "100.0").containsEntry("lt", "1.0").containsEntry("st", "0.2");
        });
    }

    // ---------------------------------------------------------------- 7.8

    @Test
    void notificationsCountDownPerInstanceAsIn78() {
        start(TEMPERATURE);
        ObjectModel m = mcu.model();
        module.urc("+MIPLOBSERVE: 0,122179,1,3303,0,5700");
        module.urc("+MIPLOBSERVE: 0,653687,1,3303,0,-1");
        module.urc("+MIPLOBSERVE: 0,196301,1,3303,-1,-1");
        mcu.awaitAnswer(196301, WAIT);
        // 7.8.1
        m.set(3303, 0, 5700, new MiplValue.FloatValue("25.6"));
        assertThat(mcu.notify(122179)).allMatch(Reply::isOk).hasSize(1);
        // 7.8.2
        m.set(3303, 0, 5700, new MiplValue.FloatValue("10.24"));
        m.set(3303, 0, 5602, new MiplValue.FloatValue("100.86"));
        mcu.notify(ObjectPath.instance(3303, 0));
        // 7.8.3, values as the fixture has them
        m.set(3303, 0, 5700, new MiplValue.FloatValue("9.8"));
        m.set(3303, 0, 5602, new MiplValue.FloatValue("99.8"));
        mcu.notify(196301);
        assertThat(module.commandsStartingWith("AT+MIPLNOTIFY")).containsExactly(
                "AT+MIPLNOTIFY=0,122179,3303,0,5700,4,4,25.6,0,0",
                "AT+MIPLNOTIFY=0,653687,3303,0,5700,4,4,10.24,3,0",
                "AT+MIPLNOTIFY=0,653687,3303,0,5701,1,3,\"Cel\",2,0",
                "AT+MIPLNOTIFY=0,653687,3303,0,5601,4,4,0.16,1,0",
                "AT+MIPLNOTIFY=0,653687,3303,0,5602,4,4,100.86,0,0",
                "AT+MIPLNOTIFY=0,196301,3303,0,5700,4,4,9.8,3,0",
                "AT+MIPLNOTIFY=0,196301,3303,0,5701,1,3,\"Cel\",2,0",
                "AT+MIPLNOTIFY=0,196301,3303,0,5601,4,4,0.16,1,0",
                "AT+MIPLNOTIFY=0,196301,3303,0,5602,4,4,99.8,0,0",
                "AT+MIPLNOTIFY=0,196301,3303,1,5700,4,4,0.2,3,0",
                "AT+MIPLNOTIFY=0,196301,3303,1,5701,1,3,\"Cel\",2,0",
                "AT+MIPLNOTIFY=0,196301,3303,1,5601,4,4,3.2,1,0",
                "AT+MIPLNOTIFY=0,196301,3303,1,5602,4,4,100.1,0,0");
        assertThat(mcu.log()).filteredOn(e -> e.request().isEmpty()).extracting(McuLogEntry::outcome)
                .containsOnly(McuLogEntry.Outcome.NOTIFIED).hasSize(3);
    }

    @Test
    void anAckIdGoesOnEveryPartAsIn784And785() {
        start(TEMPERATURE);
        module.urc("+MIPLOBSERVE: 0,307353,1,3303,0,5701");
        module.urc("+MIPLOBSERVE: 0,487674,1,3303,0,-1");
        mcu.awaitAnswer(487674, WAIT);
        mcu.notify(307353, 255);
        mcu.model().set(3303, 0, 5700, new MiplValue.FloatValue("170.1"));
        mcu.model().set(3303, 0, 5601, new MiplValue.FloatValue("106.1"));
        mcu.model().set(3303, 0, 5602, new MiplValue.FloatValue("660.9"));
        mcu.notify(487674, 258);
        assertThat(module.commandsStartingWith("AT+MIPLNOTIFY")).containsExactly(
                "AT+MIPLNOTIFY=0,307353,3303,0,5701,1,3,\"Cel\",0,0,255",
                "AT+MIPLNOTIFY=0,487674,3303,0,5700,4,4,170.1,3,0,258",
                "AT+MIPLNOTIFY=0,487674,3303,0,5701,1,3,\"Cel\",2,0,258",
                "AT+MIPLNOTIFY=0,487674,3303,0,5601,4,4,106.1,1,0,258",
                "AT+MIPLNOTIFY=0,487674,3303,0,5602,4,4,660.9,0,0,258");
    }

    @Test
    void aRefusedNotifyPartStopsTheRest() {
        start(TEMPERATURE);
        module.on("AT+MIPLNOTIFY=0,9,3303,0,5701", "+CIS ERROR: 652");
        List<Reply> replies = mcu.notify(9, ObjectPath.instance(3303, 0), OptionalInt.empty());
        assertThat(replies).extracting(r -> r.result().text()).containsExactly("OK", "+CIS ERROR: 652");
        assertThat(module.commandsStartingWith("AT+MIPLNOTIFY")).hasSize(2);
        assertThat(mcu.log().get(mcu.log().size() - 1).outcome()).isEqualTo(McuLogEntry.Outcome.REFUSED_BY_MODULE);
        assertThatThrownBy(() -> mcu.notify(12345)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no observation with msgId 12345");
    }

    // ---------------------------------------------------------------- modes

    @Test
    void neverManualAndOffLeaveTheAnswerAlone() {
        start(McuApplication.builder(session, ObjectModel.load(LIGHT)).mode(RequestType.READ, AnswerMode.never())
                .mode(RequestType.DISCOVER, AnswerMode.manual()));
        module.urc("+MIPLREAD: 0,1,3311,1,5706");
        module.urc("+MIPLDISCOVER: 0,2,3311");
        assertThat(mcu.awaitAnswer(1, WAIT).outcome()).isEqualTo(McuLogEntry.Outcome.NOT_ANSWERED);
        assertThat(mcu.awaitAnswer(2, WAIT).outcome()).isEqualTo(McuLogEntry.Outcome.LEFT_TO_TEST);
        assertThat(mcu.manualRequests()).singleElement().satisfies(r -> assertThat(r.msgId()).isEqualTo(2));

        mcu.setEnabled(false);
        module.urc("+MIPLOBSERVE: 0,3,1,3311,0,-1");
        assertThat(mcu.awaitAnswer(3, WAIT).outcome()).isEqualTo(McuLogEntry.Outcome.OFF);
        // the requests are dealt with in order: nothing was sent for any of them
        assertThat(module.commands()).isEmpty();

        List<Reply> replies = mcu.answer(mcu.manualRequests().get(0));
        assertThat(replies).singleElement().satisfies(r -> assertThat(r.isOk()).isTrue());
        assertThat(module.commands()).containsExactly("AT+MIPLDISCOVERRSP=0,2,1,19,\"5850;5851;5706;5805\"");
        assertThat(mcu.manualRequests()).isEmpty();

        mcu.setEnabled(true);
        module.urc("+MIPLOBSERVE: 0,4,1,3311,0,-1");
        assertThat(mcu.awaitAnswer(4, WAIT).outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
    }

    @Test
    void aDelayedAnswerComesNoEarlierThanItsDelay() {
        Duration delay = Duration.ofMillis(400);
        start(McuApplication.builder(session, ObjectModel.load(LIGHT)).answerDelay(delay));
        List<Long> seen = new CopyOnWriteArrayList<>();
        session.addUrcListener(u -> seen.add(u.nanoTime()));
        module.urc("+MIPLOBSERVE: 0,5,1,3311,0,-1");
        mcu.awaitAnswer(5, WAIT);
        JournalEntry sent = session.journal().entries().stream()
                .filter(e -> e instanceof JournalEntry.Sent && e.text().startsWith("AT+MIPLOBSERVERSP")).findFirst()
                .orElseThrow();
        assertThat(Duration.ofNanos(sent.nanoTime() - seen.get(0))).isGreaterThanOrEqualTo(delay);
    }

    @Test
    void aLateAnswerComesAfterTheTenSecondWindow() {
        assertThatThrownBy(() -> AnswerMode.late(Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
        start(McuApplication.builder(session, ObjectModel.load(LIGHT))
                .mode(RequestType.OBSERVE, AnswerMode.late(Duration.ofMillis(10_050))));
        module.urc("+MIPLOBSERVE: 0,6,1,3311,0,-1");
        McuLogEntry e = mcu.awaitAnswer(6, Duration.ofSeconds(20));
        JournalEntry urc = session.journal().urcs().get(0);
        JournalEntry sent = session.journal().entries().stream().filter(x -> x instanceof JournalEntry.Sent)
                .findFirst().orElseThrow();
        assertThat(Duration.ofNanos(sent.nanoTime() - urc.nanoTime())).isGreaterThan(AnswerMode.ANSWER_WINDOW);
        assertThat(e.sent()).containsExactly("AT+MIPLOBSERVERSP=0,6,1");
    }

    @Test
    void aModuleThatRefusesTheAnswerIsLogged() {
        start(LIGHT);
        module.on("AT+MIPLOBSERVERSP", "+CIS ERROR: 652");
        module.urc("+MIPLOBSERVE: 0,7,1,3311,0,-1");
        McuLogEntry e = mcu.awaitAnswer(7, WAIT);
        assertThat(e.outcome()).isEqualTo(McuLogEntry.Outcome.REFUSED_BY_MODULE);
        assertThat(e.replies()).containsExactly("+CIS ERROR: 652");
    }

    // ---------------------------------------------------------------- setup / teardown

    @Test
    void setupBringsTheModuleFromPowerUpToRegistered() {
        module.on("AT+CEREG?", "+CEREG: 0,1", "OK");
        module.on("AT+MIPLCREATE", "+MIPLCREATE: 0", "OK");
        module.on("AT+MIPLOPEN", c -> {
            new Thread(() -> {
                module.urc("+MIPLEVENT: 0,1");
                module.urc("+MIPLEVENT: 0,2");
                module.urc("+MIPLEVENT: 0,4");
                module.urc("+MIPLEVENT: 0,6");
                module.urc("+MIPLOBSERVE: 0,69234,1,3311,0,-1");
            }).start();
            return List.of("OK");
        });
        start(McuApplication.builder(session, ObjectModel.load(LIGHT, TEMPERATURE)).openTimeout(30));
        SetupResult r = mcu.setup();
        assertThat(r.registered().text()).isEqualTo("+MIPLEVENT: 0,6");
        assertThat(module.commands()).startsWith("AT", "AT+QSCLK=0", "AT+CEREG?", "AT+MIPLCREATE",
                "AT+MIPLADDOBJ=0,3311,2,\"11\",5,0", "AT+MIPLADDOBJ=0,3303,2,\"11\",4,1", "AT+MIPLOPEN=0,86400,30");
        // the platform's first request comes after event 6: the session cursor is there
        assertThat(session.expectUrc(org.miplhil.at.MiplObserve.class, WAIT).value().msgId()).isEqualTo(69234);
        mcu.awaitAnswer(69234, WAIT);
    }

    @Test
    void setupStopsAtAFailureEventWithTheEvidence() {
        module.on("AT+CEREG?", "+CEREG: 0,1", "OK");
        module.on("AT+MIPLCREATE", "+MIPLCREATE: 0", "OK");
        module.on("AT+MIPLOPEN", c -> {
            new Thread(() -> {
                module.urc("+MIPLEVENT: 0,1");
                module.urc("+MIPLEVENT: 0,3");
            }).start();
            return List.of("OK");
        });
        start(LIGHT);
        assertThatThrownBy(() -> mcu.setup()).isInstanceOf(McuSetupFailed.class)
                .hasMessageContaining("+MIPLEVENT: 0,3").hasMessageContaining("BOOTSTRAP_FAILED");
    }

    @Test
    void setupReportsARefusedCommand() {
        module.on("AT+CEREG?", "+CEREG: 0,1", "OK");
        module.on("AT+MIPLCREATE", "+CIS ERROR: 653");
        start(LIGHT);
        assertThatThrownBy(() -> mcu.setup()).isInstanceOf(McuSetupFailed.class)
                .hasMessageContaining("AT+MIPLCREATE answered +CIS ERROR: 653");
    }

    @Test
    void teardownOfARegisteredModuleClosesWaitsForFifteenAndDeletes() {
        module.on("AT+MIPLCLOSE=0", c -> {
            new Thread(() -> module.urc("+MIPLEVENT: 0,15")).start();
            return List.of("OK");
        });
        start(LIGHT);
        TeardownReport report = mcu.teardown();
        assertThat(report.steps()).containsExactly("AT+MIPLCLOSE=0 -> OK", "+MIPLEVENT: 0,15", "AT+MIPLDELETE=0 -> OK");
    }

    @Test
    void teardownOfAModuleWithNothingCreatedProvesItWithACreate() {
        module.on("AT+MIPLCLOSE=0", "+CIS ERROR: 655");
        boolean[] created = {false};
        module.on("AT+MIPLDELETE=0", c -> created[0] ? List.of("OK") : List.of("+CIS ERROR: 655"));
        module.on("AT+MIPLCREATE", c -> {
            created[0] = true;
            return List.of("+MIPLCREATE: 0", "OK");
        });
        start(LIGHT);
        TeardownReport report = mcu.teardown();
        assertThat(report.steps()).containsExactly("AT+MIPLCLOSE=0 -> +CIS ERROR: 655",
                "AT+MIPLDELETE=0 -> +CIS ERROR: 655", "AT+MIPLCREATE -> OK", "AT+MIPLDELETE=0 -> OK");
    }

    @Test
    void teardownThatCannotDeleteFailsWithTheSteps() {
        module.on("AT+MIPLCLOSE=0", "+CIS ERROR: 655");
        module.on("AT+MIPLDELETE=0", "+CIS ERROR: 654");
        module.on("AT+MIPLCREATE", "+CIS ERROR: 653");
        start(McuApplication.builder(session, ObjectModel.load(LIGHT)).closeWithin(Duration.ofMillis(500)));
        assertThatThrownBy(() -> mcu.teardown()).isInstanceOf(McuSetupFailed.class)
                .hasMessageContaining("not left deleted").hasMessageContaining("AT+MIPLDELETE=0 -> +CIS ERROR: 654");
    }

    @Test
    void teardownDropsDelayedAnswersStillDue() {
        module.on("AT+MIPLCLOSE=0", "+CIS ERROR: 655");
        start(McuApplication.builder(session, ObjectModel.load(LIGHT)).answerDelay(Duration.ofSeconds(30)));
        module.urc("+MIPLOBSERVE: 0,8,1,3311,0,-1");
        mcu.awaitRequest(r -> r.msgId() == 8, "observe 8", WAIT);
        TeardownReport report = mcu.teardown();
        assertThat(report.steps().get(0)).startsWith("dropped the delayed answer to OBSERVE 8");
        assertThat(mcu.awaitAnswer(8, WAIT).outcome()).isEqualTo(McuLogEntry.Outcome.CANCELLED);
        assertThat(module.commandsStartingWith("AT+MIPLOBSERVERSP")).isEmpty();
    }

    // ---------------------------------------------------------------- robustness

    /**
     * Random requests — real and unknown paths, -1 where it is allowed and where it is not, random write values of
     * every valueType, parts missing or out of order — never stop the application, and every command it sends is a
     * valid command of chapter 3 (or the short failed-read answer {@code AT+MIPLREADRSP=0,<msgId>,<result>}).
     */
    @Test
    void randomRequestsGetWellFormedAnswersAndNeverStopTheApplication() {
        start(McuApplication.builder(session, ObjectModel.load(LIGHT, TEMPERATURE)).writeAssembly(Duration.ofMillis(50)));
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        int[] objects = {3311, 3303, 3312, 0};
        int[] resources = {5850, 5851, 5852, 5706, 5805, 5700, 5701, 5601, 5602, 5605, 1, 65535};
        String[] values = {"1,5,hello", "2,1,01", "2,2,0001", "2,8,00000002DFDC1C3E", "2,4,41CC0000", "2,3,FFFFFF",
                "2,1,02", "3,2,12", "4,4,1.5", "5,1,1", "1,0,", "2,2,C3A9", "2,1,22"};
        for (int i = 0; i < 300; i++) {
            long msgId = 1000 + i;
            int obj = objects[random.nextInt(objects.length)];
            int ins = random.nextInt(4) - 1;
            int res = random.nextBoolean() ? -1 : resources[random.nextInt(resources.length)];
            switch (random.nextInt(6)) {
                case 0 -> module.urc("+MIPLREAD: 0," + msgId + "," + obj + "," + ins + "," + res);
                case 1 -> module.urc("+MIPLOBSERVE: 0," + msgId + "," + random.nextInt(2) + "," + obj + "," + ins + "," + res);
                case 2 -> module.urc("+MIPLDISCOVER: 0," + msgId + "," + obj);
                case 3 -> module.urc("+MIPLEXECUTE: 0," + msgId + "," + obj + "," + Math.max(0, ins) + ","
                        + Math.max(0, res) + (random.nextBoolean() ? ",5,\"reset\"" : ""));
                case 4 -> module.urc("+MIPLPARAMETER: 0," + msgId + "," + obj + "," + ins + "," + res + ",6,\"pmin=2\"");
                default -> {
                    int parts = 1 + random.nextInt(3);
                    for (int k = parts - 1; k >= 0; k--) {
                        if (random.nextInt(10) == 0) {
                            continue; // a part that never comes
                        }
                        module.urc("+MIPLWRITE: 0," + msgId + "," + obj + "," + Math.max(0, ins) + ","
                                + resources[random.nextInt(resources.length)] + ","
                                + values[random.nextInt(values.length)] + ",0," + k);
                    }
                }
            }
        }
        module.urc("+MIPLOBSERVE: 0,9999,1,3311,0,-1");
        assertThat(mcu.awaitAnswer(9999, Duration.ofSeconds(60)).outcome()).as("seed %d", seed)
                .isEqualTo(McuLogEntry.Outcome.ANSWERED);
        // every request but the writes that lost their last part was answered (at least one command each)
        assertThat(module.commands()).as("seed %d", seed).hasSizeGreaterThan(200);
        for (String command : module.commands()) {
            if (command.matches("AT\\+MIPLREADRSP=0,\\d+,1[1-5]")) {
                continue;
            }
            assertThat(org.miplhil.at.MiplCommands.parseAndValidate(command))
                    .as("seed %d: %s", seed, command).isInstanceOf(org.miplhil.at.Parsed.Ok.class);
        }
        assertThat(mcu.log()).as("seed %d", seed).noneMatch(e -> e.outcome() == McuLogEntry.Outcome.SEND_FAILED);
    }
}
