package org.miplhil.sim;

import org.miplhil.sim.registrar.Notification;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;
import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.ResourceValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.miplhil.sim.VirtualModuleErrorTest.OBJ;
import static org.miplhil.sim.VirtualModuleErrorTest.created;
import static org.miplhil.sim.VirtualModuleErrorTest.msgId;
import static org.miplhil.sim.VirtualModuleErrorTest.ok;
import static org.miplhil.sim.VirtualModuleErrorTest.registration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.at.ValueType;
import org.miplhil.sim.registrar.PlatformRequest.WriteItem;

/** Registration through the stand-in platform, the platform's requests and the MCU's answers, end to end. */
class VirtualModuleRegistrationTest {

    /** The registrar hears of an answer right after its OK is written: wait (bounded) for the n-th one. */
    static List<PlatformResponse> responses(SimTerminal t, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> t.platform.responses().size() >= count);
        return t.platform.responses();
    }

    @Test
    void registrationWithBootstrapFollows721() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
            assertThat(t.send(OBJ).lines()).containsExactly("OK");
            int mark = t.mark();
            assertThat(t.send("AT+MIPLOPEN=0,86400").lines()).containsExactly("OK");
            t.awaitLine("^\\+MIPLDISCOVER: ");
            assertThat(t.linesSince(mark)).containsExactly("OK", "+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2",
                    "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6", "+MIPLOBSERVE: 0,26384,1,3311,0,-1",
                    "+MIPLDISCOVER: 0,26385,3311");
            OpenRequest open = t.platform.openRequest().orElseThrow();
            assertThat(open.config().host()).isEqualTo("183.230.40.39");
            assertThat(open.config().bootstrap()).isTrue();
            assertThat(open.lifetimeSeconds()).isEqualTo(86400);
            assertThat(open.timeoutSeconds()).isEqualTo(30);
            assertThat(open.endpointName()).isEqualTo(t.profile.identity().imei() + ";" + t.profile.identity().imsi());
            assertThat(open.objects()).containsExactly(new ObjectSpec(3311, 1, "1", 4, 2));

            assertThat(t.send("AT+MIPLOBSERVERSP=0,26384,1").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLDISCOVERRSP=0,26385,1,19,\"5850;5851;5706;5805\"").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLDELOBJ=0,3311").lines()).containsExactly("OK");
            mark = t.mark();
            assertThat(t.send("AT+MIPLCLOSE=0").lines()).containsExactly("OK");
            t.awaitLine("^\\+MIPLEVENT: 0,15$");
            assertThat(t.send("AT+MIPLDELETE=0").lines()).containsExactly("OK");
            assertThat(t.linesSince(mark)).containsExactly("OK", "+MIPLEVENT: 0,15", "OK");
            assertThat(responses(t, 2)).containsExactly(
                    new PlatformResponse.Observe(26384, 1, 0, true),
                    new PlatformResponse.Discover(26385, 1, List.of(5850, 5851, 5706, 5805), 0, true));
            assertThat(t.platform.calls()).containsExactly("open 183.230.40.39:5683 lifetime 86400", "close");
        }
    }

    @Test
    void withoutBootstrapOnlyConnectAndRegisterFollow723() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            ok(t, "AT+MIPLCONFIG=0,1,0,\"183.230.40.40\",5683");
            created(t);
            ok(t, "AT+MIPLADDOBJ=0,3311,3,\"101\",4,2");
            int mark = t.mark();
            ok(t, "AT+MIPLOPEN=0,0,10");
            t.awaitLine("^\\+MIPLDISCOVER: ");
            assertThat(t.linesSince(mark)).containsExactly("OK", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6",
                    "+MIPLOBSERVE: 0,26384,1,3311,0,-1", "+MIPLOBSERVE: 0,26385,1,3311,2,-1",
                    "+MIPLDISCOVER: 0,26386,3311");
            OpenRequest open = t.platform.openRequest().orElseThrow();
            assertThat(open.config().bootstrap()).isFalse();
            assertThat(open.config().host()).isEqualTo("183.230.40.40");
            assertThat(open.lifetimeSeconds()).isEqualTo(3600); // 3.3.7: 0 means 3600
            assertThat(open.timeoutSeconds()).isEqualTo(10);
        }
    }

    @Test
    void notifyWithAckIdIsAcknowledgedWithEvent26() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            var reg = registration(t);
            ok(t, "AT+MIPLOBSERVERSP=0," + reg.observe() + ",1");
            // 7.8.5: four parts, index counting down, ackId on each
            String head = "AT+MIPLNOTIFY=0," + reg.observe() + ",3311,0,";
            ok(t, head + "5700,4,4,170.1,3,0,258");
            ok(t, head + "5701,1,3,\"Cel\",2,0,258");
            ok(t, head + "5601,4,4,106.1,1,0,258");
            assertThat(t.platform.notifications()).isEmpty(); // nothing sent before index 0
            ok(t, head + "5602,4,4,660.9,0,0,258");
            assertThat(t.awaitLine("^\\+MIPLEVENT: 0,26")).isEqualTo("+MIPLEVENT: 0,26,258");
            Notification n = t.platform.notifications().get(0);
            assertThat(n.ackId()).isEqualTo(258);
            assertThat(n.complete()).isTrue();
            assertThat(n.values()).extracting(ResourceValue::resId).containsExactly(5700, 5701, 5601, 5602);
            assertThat(n.values().get(1)).isEqualTo(new ResourceValue(3311, 0, 5701, ValueType.STRING, 3, "Cel"));
            // without ackId: non-confirmable, no event
            int mark = t.mark();
            ok(t, head + "5700,4,4,25.6,0,0");
            await().atMost(Duration.ofSeconds(5)).until(() -> t.platform.notifications().size() == 2);
            assertThat(t.platform.notifications().get(1).ackId()).isZero();
            ok(t, "AT");
            assertThat(t.linesSince(mark)).doesNotContain("+MIPLEVENT: 0,26,0");
        }
    }

    @Test
    void typedValuesOfNotifyAreCheckedAsTheAtLayerDoes() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            var reg = registration(t);
            ok(t, "AT+MIPLOBSERVERSP=0," + reg.observe() + ",1");
            String head = "AT+MIPLNOTIFY=0," + reg.observe() + ",3311,0,5700,";
            for (String good : List.of("3,2,-32768,0,0", "3,4,2147483647,0,0", "3,8,-9000000000,0,0", "4,4,1.88,0,0",
                    "4,8,1e10,0,0", "5,1,1,0,0", "2,2,0AFF,0,0", "1,0,\"\",0,0")) {
                assertThat(t.send(head + good).finalLine()).as(good).isEqualTo("OK");
            }
            for (String bad : List.of("3,2,32768,0,0", "3,3,1,0,0", "4,4,abc,0,0", "5,1,2,0,0", "2,2,0AF,0,0",
                    "2,1,ZZ,0,0", "1,4,\"Cel\",0,0", "6,1,1,0,0")) {
                assertThat(t.send(head + bad).finalLine()).as(bad).isEqualTo("+CIS ERROR: 652");
            }
        }
    }

    @Test
    void readAnsweredInPartsReachesThePlatformAsOneResponse() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            registration(t);
            long id = t.platform.read(3311, 0, -1);
            assertThat(t.awaitLine("^\\+MIPLREAD: ")).isEqualTo("+MIPLREAD: 0," + id + ",3311,0,-1");
            // 7.3.2
            ok(t, "AT+MIPLREADRSP=0," + id + ",1,3311,0,5851,5,1,1,3,0");
            ok(t, "AT+MIPLREADRSP=0," + id + ",1,3311,0,5852,3,2,123,2,0");
            ok(t, "AT+MIPLREADRSP=0," + id + ",1,3311,0,5706,1,10,\"1234567890\",1,0");
            ok(t, "AT+MIPLREADRSP=0," + id + ",1,3311,0,5805,4,4,1.88,0,0");
            PlatformResponse.Read r = (PlatformResponse.Read) responses(t, 1).get(0);
            assertThat(r.msgId()).isEqualTo(id);
            assertThat(r.result()).isEqualTo(1);
            assertThat(r.inAnswerWindow()).isTrue();
            assertThat(r.values()).extracting(ResourceValue::resId).containsExactly(5851, 5852, 5706, 5805);
            // the request is answered: a second answer has an unknown msgId
            assertThat(t.send("AT+MIPLREADRSP=0," + id + ",1,3311,0,5805,4,4,1.88,0,0").lines())
                    .containsExactly("+CIS ERROR: 652");
            // an error result needs no value
            long id2 = t.platform.read(3311, 0, 5805);
            t.awaitLine("^\\+MIPLREAD: 0," + id2);
            ok(t, "AT+MIPLREADRSP=0," + id2 + ",13");
            assertThat(responses(t, 2).get(1)).isEqualTo(new PlatformResponse.Read(id2, 13, List.of(), 0, true));
        }
    }

    @Test
    void writeExecuteAndParameterRequestsAreShownAsChapter5Says() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            registration(t);
            long w = t.platform.write(3311, 0, List.of(new WriteItem(5706, "hello".getBytes(StandardCharsets.US_ASCII)),
                    new WriteItem(5850, new byte[] {1})));
            assertThat(t.awaitLine("^\\+MIPLWRITE: ")).isEqualTo("+MIPLWRITE: 0," + w + ",3311,0,5706,2,5,68656C6C6F,0,1");
            assertThat(t.awaitLine("^\\+MIPLWRITE: ")).isEqualTo("+MIPLWRITE: 0," + w + ",3311,0,5850,2,1,01,0,0");
            assertThat(t.send("AT+MIPLWRITERSP=0," + w + ",1").lines()).containsExactly("+CIS ERROR: 652"); // 1 is read's
            ok(t, "AT+MIPLWRITERSP=0," + w + ",2");

            long x = t.platform.execute(3303, 0, 5605, Optional.of("reset"));
            assertThat(t.awaitLine("^\\+MIPLEXECUTE: ")).isEqualTo("+MIPLEXECUTE: 0," + x + ",3303,0,5605,5,\"reset\"");
            ok(t, "AT+MIPLEXECUTERSP=0," + x + ",2");

            long p = t.platform.writeAttributes(3303, 0, 5700, "pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2");
            assertThat(t.awaitLine("^\\+MIPLPARAMETER: ")).isEqualTo("+MIPLPARAMETER: 0," + p
                    + ",3303,0,5700,38,\"pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2\"");
            ok(t, "AT+MIPLPARAMETERRSP=0," + p + ",2,1");
            assertThat(responses(t, 3)).contains(new PlatformResponse.Write(w, 2, 0, true),
                    new PlatformResponse.Execute(x, 2, 0, true), new PlatformResponse.Parameter(p, 2, 1, true));
        }
    }

    @Test
    void writeValuesAreTextWithRecvDataFormat1() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            ok(t, "AT+MIPLCONFIG=0,1");
            registration(t);
            long w = t.platform.write(3311, 0, List.of(new WriteItem(5706, "hello".getBytes(StandardCharsets.US_ASCII))));
            assertThat(t.awaitLine("^\\+MIPLWRITE: ")).isEqualTo("+MIPLWRITE: 0," + w + ",3311,0,5706,1,5,hello,0,0");
        }
    }

    @Test
    void observationsComeAndGoWithObserveAndCancel() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            var reg = registration(t);
            String notify = "AT+MIPLNOTIFY=0," + reg.observe() + ",3311,0,5700,4,4,25.6,0,0";
            assertThat(t.send(notify).finalLine()).isEqualTo("+CIS ERROR: 652"); // not yet accepted
            ok(t, "AT+MIPLOBSERVERSP=0," + reg.observe() + ",1");
            ok(t, notify);
            long cancel = t.platform.observe(false, 3311, 0, -1);
            assertThat(t.awaitLine("^\\+MIPLOBSERVE: 0," + cancel)).isEqualTo("+MIPLOBSERVE: 0," + cancel + ",0,3311,0,-1");
            ok(t, "AT+MIPLOBSERVERSP=0," + cancel + ",1");
            assertThat(t.send(notify).finalLine()).isEqualTo("+CIS ERROR: 652");
            // an observation answered with an error code is not one
            long again = t.platform.observe(true, 3311, 0, 5700);
            t.awaitLine("^\\+MIPLOBSERVE: 0," + again);
            ok(t, "AT+MIPLOBSERVERSP=0," + again + ",13");
            assertThat(t.send("AT+MIPLNOTIFY=0," + again + ",3311,0,5700,4,4,25.6,0,0").finalLine())
                    .isEqualTo("+CIS ERROR: 652");
        }
    }

    @Test
    void lateAnswersAreAcceptedUntilThePurgeAndMarkedLate() throws Exception {
        var profile = SimTerminal.profile(p -> p.replace("answer-window: {value: 10s", "answer-window: {value: 200ms")
                .replace("purge-after: {value: 20s", "purge-after: {value: 5s"));
        try (SimTerminal t = SimTerminal.with().profile(profile).start()) {
            var reg = registration(t);
            long arrived = System.nanoTime();
            await().atMost(Duration.ofSeconds(3)).until(() -> System.nanoTime() - arrived > Duration.ofMillis(400).toNanos());
            ok(t, "AT+MIPLOBSERVERSP=0," + reg.observe() + ",1");
            assertThat(responses(t, 1).get(0)).isEqualTo(new PlatformResponse.Observe(reg.observe(), 1, 0, false));
        }
    }

    @Test
    void updateIsAnsweredWithEvent11() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            registration(t);
            int mark = t.mark();
            ok(t, "AT+MIPLUPDATE=0,86400,1");
            t.awaitLine("^\\+MIPLEVENT: 0,11$");
            assertThat(t.linesSince(mark)).containsExactly("OK", "+MIPLEVENT: 0,11");
            await().atMost(Duration.ofSeconds(5)).until(() -> t.platform.calls().contains("update lifetime 86400 with 1 objects"));
        }
    }

    @Test
    void deleteWhileRegisteredWaitsForDeregistration() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            registration(t);
            assertThat(t.send("AT+MIPLDELETE=0").lines()).containsExactly("+MIPLEVENT: 0,15", "OK");
            // everything is gone: a new instance can be created and registered again
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
            assertThat(t.send("AT+MIPLDELOBJ=0,3311").lines()).containsExactly("+CIS ERROR: 655");
        }
    }

    @Test
    void closeThenOpenRegistersAgain() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            var first = registration(t);
            ok(t, "AT+MIPLCLOSE=0");
            t.awaitLine("^\\+MIPLEVENT: 0,15$");
            // requests of the old registration are gone
            assertThat(t.send("AT+MIPLOBSERVERSP=0," + first.observe() + ",1").lines()).containsExactly("+CIS ERROR: 652");
            ok(t, "AT+MIPLOPEN=0,86400");
            t.awaitLine("^\\+MIPLEVENT: 0,6$");
            long observe = msgId(t.awaitLine("^\\+MIPLOBSERVE: "));
            assertThat(observe).isNotEqualTo(first.observe());
            // the MCU answers with the new msgId
            ok(t, "AT+MIPLOBSERVERSP=0," + observe + ",1");
        }
    }

    @Test
    void closeWithoutRegistrationSendsNothing() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            created(t);
            int mark = t.mark();
            ok(t, "AT+MIPLCLOSE=0");
            ok(t, "AT+MIPLDELETE=0");
            assertThat(t.linesSince(mark)).containsExactly("OK", "OK");
            assertThat(t.platform.calls()).isEmpty();
        }
    }

    @Test
    void notifyPartsBeforeAFailureAreStillSent() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            var reg = registration(t);
            ok(t, "AT+MIPLOBSERVERSP=0," + reg.observe() + ",1");
            String head = "AT+MIPLNOTIFY=0," + reg.observe() + ",3311,0,";
            ok(t, head + "5750,1,1000,\"" + "a".repeat(1000) + "\",1,0");
            assertThat(t.send(head + "5751,1,100,\"" + "b".repeat(100) + "\",0,0").finalLine()).isEqualTo("+CIS ERROR: 651");
            await().atMost(Duration.ofSeconds(5)).until(() -> !t.platform.notifications().isEmpty());
            Notification n = t.platform.notifications().get(0);
            assertThat(n.complete()).isFalse(); // 3.3.15 remark 2
            assertThat(n.values()).extracting(ResourceValue::resId).containsExactly(5750);
        }
    }
}
