package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.MatchResult;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.UrcArrival;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;

/**
 * Chapter 7 end to end: the MCU's commands over a real pseudo-terminal, the virtual module's real LwM2M client,
 * the embedded platform over loopback UDP. The replies and URCs come in the note's order; msgIds are taken from
 * the URCs; the platform's view is checked too (the value it read is the value the MCU answered, with its type).
 */
class VirtualModuleLwm2mTest {

    static final String ENDPOINT = "866971050123456;460041234567890";
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private LeshanPlatform platform;
    private ModuleOverPty m;

    @AfterEach
    void tearDown() {
        if (m != null) {
            m.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    // ---------------------------------------------------------------- 7.2 registration and discover

    @Test
    void registersWithoutBootstrapObservedAndDiscoveredThenDeregisters_7_2_3() throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).start();
        m = ModuleOverPty.start();

        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort());
        assertThat(m.ok("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0");
        m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,4");
        m.urc("\\+MIPLEVENT: 0,6");
        UrcArrival<MatchResult> observe = m.urc("\\+MIPLOBSERVE: 0,(\\d+),1,3311,0,-1");
        m.ok("AT+MIPLOBSERVERSP=0," + m.msgId(observe) + ",1");
        UrcArrival<MatchResult> discover = m.urc("\\+MIPLDISCOVER: 0,(\\d+),3311");
        m.ok("AT+MIPLDISCOVERRSP=0," + m.msgId(discover) + ",1,19,\"5850;5851;5706;5805\"");

        await("the discover answer at the platform").atMost(DEADLINE).until(() -> platform.knownResources(ENDPOINT)
                .containsAll(List.of(NodePath.resource(3311, 0, 5850), NodePath.resource(3311, 0, 5805))));
        var device = platform.device(ENDPOINT).orElseThrow();
        assertThat(device.lifetimeSeconds()).isEqualTo(86400);
        assertThat(device.objectInstances()).contains(NodePath.instance(3311, 0));
        assertThat(platform.observations(ENDPOINT)).extracting(o -> o.path()).containsExactly(NodePath.instance(3311, 0));

        m.ok("AT+MIPLDELOBJ=0,3311");
        m.ok("AT+MIPLCLOSE=0");
        m.urc("\\+MIPLEVENT: 0,15");
        m.ok("AT+MIPLDELETE=0");
        await("deregistered at the platform").atMost(DEADLINE).until(() -> platform.device(ENDPOINT).isEmpty());
    }

    @Test
    void registersThroughTheBootstrapServer_7_2_2() throws Exception {
        platform = LeshanPlatform.builder().oneNetBehaviour(false).start();
        m = ModuleOverPty.start();

        m.ok("AT+MIPLCONFIG=0,1,1,\"127.0.0.1\"," + platform.bootstrapPort());
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        m.ok("AT+MIPLOPEN=0,86400");
        m.session.expectInOrder(List.of(
                org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,1"), org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,2"),
                org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,4"), org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,6")),
                ModuleOverPty.WITHIN);

        // the bootstrap server hears the answer to Bootstrap-Finish on its own threads: it may be behind event 6
        await("end of the bootstrap session at the platform").atMost(DEADLINE).untilAsserted(() ->
                assertThat(platform.events()).as("events")
                        .hasAtLeastOneElementOfType(DeviceEvent.BootstrapFinished.class));
        assertThat(platform.device(ENDPOINT)).isPresent();
    }

    @Test
    void anUnreachableServerEndsInTheFailureEventsWithinTheTimeout() throws Exception {
        m = ModuleOverPty.start();
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        m.ok("AT+MIPLCONFIG=0,1,1,\"127.0.0.1\"," + closed);
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        long t0 = System.nanoTime();
        m.ok("AT+MIPLOPEN=0,86400,2");
        m.urc("\\+MIPLEVENT: 0,1");
        UrcArrival<MatchResult> failed = m.urc("\\+MIPLEVENT: 0,3");
        // 3.3.7: the <timeout> of 2 s, not the default 30 s (the bound leaves room for a loaded machine)
        assertThat(Duration.ofNanos(failed.nanoTime() - t0)).as("3.3.7: failure after the <timeout> of 2 s")
                .isLessThan(Duration.ofSeconds(10));

        // the module is idle again: a new AT+MIPLOPEN is accepted
        m.ok("AT+MIPLOPEN=0,86400,1");
        m.urc("\\+MIPLEVENT: 0,3");
    }

    // ---------------------------------------------------------------- 7.3 - 7.6 the platform's requests

    @Test
    void readWriteExecuteAndWriteAttributesRoundTrips_7_3_to_7_6() throws Exception {
        registered("AT+MIPLADDOBJ=0,3311,2,\"11\",4,2", "AT+MIPLADDOBJ=0,3303,1,\"1\",2,1");

        // 7.3.1 read a resource
        CompletableFuture<PlatformResult> read = m.async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805),
                DEADLINE));
        long r1 = m.msgId(m.urc("\\+MIPLREAD: 0,(\\d+),3311,0,5805"));
        m.ok("AT+MIPLREADRSP=0," + r1 + ",1,3311,0,5805,4,4,1.88,0,0");
        assertThat(answered(read.join()).values()).containsExactly(
                new ResourceData(NodePath.resource(3311, 0, 5805), ResourceValue.of(1.88)));

        // 7.3.2 read an instance: four parts, index counting down
        read = m.async(() -> platform.read(ENDPOINT, NodePath.instance(3311, 0), DEADLINE));
        long r2 = m.msgId(m.urc("\\+MIPLREAD: 0,(\\d+),3311,0,-1"));
        m.ok("AT+MIPLREADRSP=0," + r2 + ",1,3311,0,5850,5,1,1,3,0");
        m.ok("AT+MIPLREADRSP=0," + r2 + ",1,3311,0,5852,3,2,123,2,0");
        m.ok("AT+MIPLREADRSP=0," + r2 + ",1,3311,0,5706,1,10,\"1234567890\",1,0");
        m.ok("AT+MIPLREADRSP=0," + r2 + ",1,3311,0,5805,4,4,1.88,0,0");
        assertThat(answered(read.join()).values()).containsExactlyInAnyOrder(
                new ResourceData(NodePath.resource(3311, 0, 5850), ResourceValue.of(true)),
                new ResourceData(NodePath.resource(3311, 0, 5852), ResourceValue.of(123L)),
                new ResourceData(NodePath.resource(3311, 0, 5706), ResourceValue.of("1234567890")),
                new ResourceData(NodePath.resource(3311, 0, 5805), ResourceValue.of(1.88)));

        // 7.4.2 write an instance: one URC per resource, index counting down, values in hex
        CompletableFuture<PlatformResult> write = m.async(() -> platform.write(ENDPOINT, NodePath.instance(3311, 0),
                WriteMode.PARTIAL_UPDATE, List.of(new ResourceWrite(5706, ResourceValue.of("hello")),
                        new ResourceWrite(5850, ResourceValue.of(true)),
                        new ResourceWrite(5851, ResourceValue.of(12345678910L))), DEADLINE));
        long w = m.msgId(m.urc("\\+MIPLWRITE: 0,(\\d+),3311,0,5706,2,5,68656C6C6F,0,2"));
        m.urc("\\+MIPLWRITE: 0," + w + ",3311,0,5850,2,1,01,0,1");
        m.urc("\\+MIPLWRITE: 0," + w + ",3311,0,5851,2,8,00000002DFDC1C3E,0,0");
        m.ok("AT+MIPLWRITERSP=0," + w + ",2");
        assertThat(answered(write.join()).code()).isEqualTo(CoapCode.CHANGED);

        // 7.5 execute with arguments
        CompletableFuture<PlatformResult> exec = m.async(() -> platform.execute(ENDPOINT,
                NodePath.resource(3303, 0, 5605), "reset", DEADLINE));
        long x = m.msgId(m.urc("\\+MIPLEXECUTE: 0,(\\d+),3303,0,5605,5,\"reset\""));
        m.ok("AT+MIPLEXECUTERSP=0," + x + ",2");
        assertThat(answered(exec.join()).code()).isEqualTo(CoapCode.CHANGED);

        // 7.6 write attributes
        CompletableFuture<PlatformResult> attrs = m.async(() -> platform.writeAttributes(ENDPOINT,
                NodePath.resource(3303, 0, 5700), NotificationAttributes.NONE.withPmin(2).withPmax(190).withGt(100.5)
                        .withLt(1.5).withSt(0.2), DEADLINE));
        long p = m.msgId(m.urc("\\+MIPLPARAMETER: 0,(\\d+),3303,0,5700,38,\"pmin=2;pmax=190;gt=100.5;lt=1.5;st=0.2\""));
        m.ok("AT+MIPLPARAMETERRSP=0," + p + ",2");
        assertThat(answered(attrs.join()).code()).isEqualTo(CoapCode.CHANGED);

        // an error result is the platform's answer code (3.3.11: 13 → 4.04)
        read = m.async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 1, 5706), DEADLINE));
        long r3 = m.msgId(m.urc("\\+MIPLREAD: 0,(\\d+),3311,1,5706"));
        m.ok("AT+MIPLREADRSP=0," + r3 + ",13");
        assertThat(answered(read.join()).code()).isEqualTo(CoapCode.NOT_FOUND);
    }

    @Test
    void anUnansweredRequestGetsNoAnswerAndItsAnswerAfterThePurgeIsRefused() throws Exception {
        registered(ModuleOverPty.profile(t -> t.replace("answer-window: {value: 10s", "answer-window: {value: 1s")
                        .replace("purge-after: {value: 20s", "purge-after: {value: 2s")),
                "AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");

        PlatformResult r = m.async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805),
                Duration.ofSeconds(5))).join();
        long msgId = m.msgId(m.session.expectUrc(m.session.sinceStart(),
                org.miplhil.dut.UrcMatcher.regex("\\+MIPLREAD: 0,(\\d+),3311,0,5805"), ModuleOverPty.WITHIN));

        // the SDK purges the request (cis_packet.c packet_step) and sends nothing: the platform times out
        assertThat(r).as("%s", r.describe()).isInstanceOf(PlatformResult.TimedOut.class);
        assertThat(platform.requestLog()).filteredOn(e -> e.uri().equals("/3311/0/5805")).singleElement()
                .satisfies(e -> assertThat(e.outcome()).as(e.describe()).startsWith("timeout"));
        // and its AT layer no longer knows the msgId (rsp.expired-msgid)
        var late = m.session.send("AT+MIPLREADRSP=0," + msgId + ",1,3311,0,5805,4,4,1.88,0,0");
        assertThat(late.isOk()).as("%s", late).isFalse();
    }

    @Test
    void aReadTheMcuAnswersAfterThreeSecondsGoesPiggyBackedAfterThePlatformRetransmitted() throws Exception {
        registered("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");

        CompletableFuture<PlatformResult> read = m.async(() -> platform.read(ENDPOINT,
                NodePath.resource(3311, 0, 5805), DEADLINE));
        long msgId = m.msgId(m.urc("\\+MIPLREAD: 0,(\\d+),3311,0,5805"));
        // the MCU takes its time (5.1 allows 10 s); the platform retransmits after 2 to 3 s meanwhile
        m.session.expectNone(org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: .*"), Duration.ofSeconds(3));
        m.ok("AT+MIPLREADRSP=0," + msgId + ",1,3311,0,5805,4,4,1.88,0,0");

        PlatformResult.Answered a = answered(read.join());
        assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(a.values()).extracting(ResourceData::value).containsExactly(ResourceValue.of(1.88));
        assertThat(platform.requestLog()).filteredOn(e -> e.uri().equals("/3311/0/5805")).singleElement()
                .satisfies(e -> assertThat(e.retransmissions()).as(e.describe()).isGreaterThan(0));
    }

    // ---------------------------------------------------------------- 7.7 - 7.9 observe, notify, update

    @Test
    void notificationsWithAndWithoutAckIdAndUpdate_7_7_to_7_9() throws Exception {
        registered("AT+MIPLADDOBJ=0,3303,1,\"1\",4,1");

        // 7.7 the platform observes the instance
        CompletableFuture<PlatformResult> obs = m.async(() -> platform.observe(ENDPOINT, NodePath.instance(3303, 0),
                DEADLINE));
        long o = m.msgId(m.urc("\\+MIPLOBSERVE: 0,(\\d+),1,3303,0,-1"));
        m.ok("AT+MIPLOBSERVERSP=0," + o + ",1");
        String observationId = answered(obs.join()).observationId().orElseThrow();
        // observe_asynAckNodata (cis_observe.c): 2.05 without payload, and still an observation at the platform
        assertThat(platform.requestLog()).filteredOn(e -> e.method().equals("GET+observe")).singleElement()
                .satisfies(e -> assertThat(e.responsePayload()).as(e.describe()).isEmpty());

        // 7.8.2 four parts make one notification; no +MIPLREAD for it
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5700,4,4,10.24,3,0");
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5701,1,3,\"Cel\",2,0");
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5601,4,4,0.16,1,0");
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5602,4,4,100.86,0,0");
        await("one notification").atMost(DEADLINE).until(() -> platform.notifications(observationId).size() == 1);
        assertThat(platform.notifications(observationId).get(0).values()).extracting(ResourceData::value)
                .containsExactlyInAnyOrder(ResourceValue.of(10.24), ResourceValue.of("Cel"), ResourceValue.of(0.16),
                        ResourceValue.of(100.86));

        // 7.8.5 with an ackId: confirmable, +MIPLEVENT: 0,26,258
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5700,4,4,170.1,3,0,258");
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5701,1,3,\"Cel\",2,0,258");
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5601,4,4,106.1,1,0,258");
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5602,4,4,660.9,0,0,258");
        m.urc("\\+MIPLEVENT: 0,26,258");
        // the module hears the platform's ACK (event 26) before the platform's listener has stored the value
        await("the confirmable notification at the platform").atMost(DEADLINE).untilAsserted(() ->
                assertThat(platform.notifications(observationId)).as("notifications").hasSize(2));
        m.session.expectNone(org.miplhil.dut.UrcMatcher.regex("\\+MIPLREAD: .*"), Duration.ofMillis(300));

        // 7.9 update
        m.ok("AT+MIPLUPDATE=0,86400,0");
        m.urc("\\+MIPLEVENT: 0,11");
        awaitUpdated();
    }

    @Test
    void whenThePlatformStopsMidSessionTheModuleReportsFailuresAndNothingHangs() throws Exception {
        registered(ModuleOverPty.profile(t -> t.replace("ack-timeout: {value: 2s", "ack-timeout: {value: 200ms")
                        .replace("max-retransmit: {value: 4", "max-retransmit: {value: 2")),
                "AT+MIPLADDOBJ=0,3303,1,\"1\",4,1");
        CompletableFuture<PlatformResult> obs = m.async(() -> platform.observe(ENDPOINT, NodePath.instance(3303, 0),
                DEADLINE));
        long o = m.msgId(m.urc("\\+MIPLOBSERVE: 0,(\\d+),1,3303,0,-1"));
        m.ok("AT+MIPLOBSERVERSP=0," + o + ",1");
        answered(obs.join());

        platform.close();

        long t0 = System.nanoTime();
        m.ok("AT+MIPLNOTIFY=0," + o + ",3303,0,5700,4,4,25.6,0,0,7");
        m.urc("\\+MIPLEVENT: 0,25,7");
        // the SDK's span, not randomised: 200 ms + 400 ms + 800 ms (cis_transaction.c)
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("25 not before the last doubled wait")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        m.ok("AT+MIPLUPDATE=0,86400,0");
        m.urc("\\+MIPLEVENT: 0,13");
        m.ok("AT+MIPLCLOSE=0");
        m.urc("\\+MIPLEVENT: 0,15");
        m.ok("AT+MIPLDELETE=0");
    }

    // ---------------------------------------------------------------- lifetime (3.3.7, 3.3.1 remark 2)

    @Test
    @Tag("slow")
    void withAutoUpdateTheModuleWarnsThenUpdatesBeforeItsLifetimeEnds() throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start();
        m = ModuleOverPty.start();
        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort() + ",1");
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        m.ok("AT+MIPLOPEN=0,20");
        UrcArrival<MatchResult> registered = m.urc("\\+MIPLEVENT: 0,6");

        // lifetime 20 s → the module's own is 18 s; warned at half of it with the seconds left
        UrcArrival<MatchResult> warned = m.session.expectUrc(
                org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,14,(\\d+)"), Duration.ofSeconds(15));
        assertThat(Long.parseLong(warned.value().group(1))).isBetween(7L, 10L);
        m.session.expectUrc(org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,11"), Duration.ofSeconds(5));
        long sinceRegistration = (System.nanoTime() - registered.nanoTime()) / 1_000_000_000L;
        // the first lifetime would have run out at 18 s: no event 9
        m.session.expectNone(org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,9"),
                Duration.ofSeconds(Math.max(1, 20 - sinceRegistration)));
        awaitUpdated();
        assertThat(platform.device(ENDPOINT)).isPresent();
    }

    @Test
    @Tag("slow")
    void withoutAutoUpdateTheLifetimeRunsOutWithEventNine() throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start();
        m = ModuleOverPty.start();
        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort() + ",0");
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        m.ok("AT+MIPLOPEN=0,15");
        m.urc("\\+MIPLEVENT: 0,6");

        // lifetime 15 s → 13.5 s: 14 at about 6.75 s, then 9 at 13.5 s, no update sent
        m.session.expectUrc(org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,14,(\\d+)"), Duration.ofSeconds(12));
        m.session.expectUrc(org.miplhil.dut.UrcMatcher.regex("\\+MIPLEVENT: 0,9"), Duration.ofSeconds(12));
        assertThat(platform.events()).noneMatch(e -> e instanceof DeviceEvent.Updated);
        // idle again: AT+MIPLUPDATE is refused (3.3.16 needs a registration), AT+MIPLOPEN registers anew
        assertThat(m.session.send("AT+MIPLUPDATE=0,15,0").code()).hasValue(654);
        m.ok("AT+MIPLOPEN=0,3600");
        m.urc("\\+MIPLEVENT: 0,6");
    }

    // ---------------------------------------------------------------- fixtures

    /** 7.2.3's start against the embedded platform without OneNET's automatic observe/discover. */
    void registered(String... addObj) throws Exception {
        registered(ModuleOverPty.profile(t -> t), addObj);
    }

    void registered(org.miplhil.sim.profile.FirmwareProfile profile, String... addObj) throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start();
        m = ModuleOverPty.start(profile);
        m.ok("AT+MIPLCONFIG=0,0,0,\"127.0.0.1\"," + platform.coapPort());
        m.ok("AT+MIPLCREATE");
        for (String a : addObj) {
            m.ok(a);
        }
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,6");
    }

    /** Leshan reports an update once its answer is sent: the module's event 11 can come first. */
    void awaitUpdated() {
        await("the registration update at the platform").atMost(DEADLINE).untilAsserted(() ->
                assertThat(platform.events()).as("events").hasAtLeastOneElementOfType(DeviceEvent.Updated.class));
    }

    static PlatformResult.Answered answered(PlatformResult r) {
        assertThat(r).as("%s", r.describe()).isInstanceOf(PlatformResult.Answered.class);
        return (PlatformResult.Answered) r;
    }
}
