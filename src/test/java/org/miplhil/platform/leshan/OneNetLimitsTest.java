package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;

/**
 * OneNET's limits on what it sends, over real UDP on loopback to a device without a CoAP stack
 * ({@link RawCoapDevice}), which sees every copy of a request: the 2 KB payload, and a request sent three times
 * within its timeout (CoAP retransmission, {@link CoapSettings#oneNet()}).
 */
class OneNetLimitsTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ENDPOINT = "866971030000004;460041234567894";
    static final NodePath UNITS = NodePath.resource(3303, 0, 5701);
    static final NodePath EXECUTABLE = NodePath.resource(3303, 0, 5605);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private RawCoapDevice registered(LeshanPlatform platform) throws Exception {
        RawCoapDevice d = closing(new RawCoapDevice(platform.coapAddress()));
        d.register(ENDPOINT, "</3303/0>");
        await("registration").atMost(WAIT).until(() -> platform.device(ENDPOINT).isPresent());
        return d;
    }

    @Test
    void aWriteOrExecuteOverTwoKilobytesIsRefusedAndNotSent() throws Exception {
        LeshanPlatform platform = closing(LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start());
        assertThat(platform.payloadLimit()).isEqualTo(2048);
        RawCoapDevice d = registered(platform);

        PlatformResult write = platform.write(ENDPOINT, UNITS, WriteMode.REPLACE,
                List.of(new ResourceWrite(5701, ResourceValue.of("x".repeat(3000)))), WAIT);
        assertThat(write).as(write.describe()).isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(((PlatformResult.InvalidRequest) write).reason()).contains("2048 bytes");

        PlatformResult tooLong = platform.execute(ENDPOINT, EXECUTABLE, "a".repeat(2049), WAIT);
        assertThat(tooLong).as(tooLong.describe()).isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(((PlatformResult.InvalidRequest) tooLong).reason()).contains("2049").contains("2048 bytes");
        assertThat(d.arrivals).as("requests on the wire after two refused ones").isEmpty();
        assertThat(platform.requestLog()).as("request log").isEmpty();

        // at the limit it goes
        PlatformResult atLimit = platform.execute(ENDPOINT, EXECUTABLE, "a".repeat(2048), WAIT);
        assertThat(atLimit.isSuccess()).as(atLimit.describe()).isTrue();
        // (over Californium's 1024-byte message size it goes block-wise: the device sees the first block)
        assertThat(d.described()).first().isEqualTo("POST /3303/0/5605");
        PlatformResult shortWrite = platform.write(ENDPOINT, UNITS, WriteMode.REPLACE,
                List.of(new ResourceWrite(5701, ResourceValue.of("Cel"))), WAIT);
        assertThat(shortWrite.isSuccess()).as(shortWrite.describe()).isTrue();
    }

    @Test
    void theLimitCanBeLiftedOrChanged() throws Exception {
        LeshanPlatform platform = closing(LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false)
                .payloadLimit(16).start());
        RawCoapDevice d = registered(platform);
        PlatformResult r = platform.execute(ENDPOINT, EXECUTABLE, "a".repeat(17), WAIT);
        assertThat(r).as(r.describe()).isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(((PlatformResult.InvalidRequest) r).reason()).contains("16 bytes");

        LeshanPlatform unlimited = closing(LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false)
                .payloadLimit(0).start());
        RawCoapDevice d2 = registered(unlimited);
        PlatformResult big = unlimited.execute(ENDPOINT, EXECUTABLE, "a".repeat(3000), WAIT);
        assertThat(big.isSuccess()).as(big.describe()).isTrue();
        assertThat(d2.described()).first().isEqualTo("POST /3303/0/5605");
        assertThat(d.arrivals).isEmpty();
    }

    /** OneNET's timing scaled down 12.5 times (ACK_TIMEOUT 400 ms instead of 5 s): the same three sends. */
    @Test
    void anUnansweredRequestIsSentThreeTimesWithinItsDeadline() throws Exception {
        CoapSettings scaled = CoapSettings.oneNet().withAckTimeout(Duration.ofMillis(400));
        LeshanPlatform platform = closing(LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false)
                .coapSettings(scaled).start());
        RawCoapDevice d = registered(platform);
        d.answers = null;

        PlatformResult r = platform.read(ENDPOINT, NodePath.instance(3303, 0), Duration.ofSeconds(2));
        assertThat(r).as(r.describe()).isInstanceOf(PlatformResult.TimedOut.class);
        assertThreeCopiesOfOneRequest(d, Duration.ofMillis(400));
    }

    /** OneNET's own figures: a read with the default 25 s timeout, sent at 0, after 5-7.5 s and 10-15 s later. */
    @Tag("slow")
    @Test
    void withOneNetsTimingAnUnansweredReadIsSentThreeTimesIn25Seconds() throws Exception {
        LeshanPlatform platform = closing(LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false)
                .coapSettings(CoapSettings.oneNet()).start());
        RawCoapDevice d = registered(platform);
        d.answers = null;

        PlatformResult r = platform.read(ENDPOINT, NodePath.instance(3303, 0), Duration.ofSeconds(25));
        assertThat(r).as(r.describe()).isInstanceOf(PlatformResult.TimedOut.class);
        assertThreeCopiesOfOneRequest(d, Duration.ofSeconds(5));
    }

    private static void assertThreeCopiesOfOneRequest(RawCoapDevice d, Duration ackTimeout) {
        await("no fourth copy").during(ackTimeout.multipliedBy(2)).atMost(ackTimeout.multipliedBy(6))
                .untilAsserted(() -> assertThat(d.arrivals).as("copies of the request").hasSize(3));
        RawCoapDevice.Arrival first = d.arrivals.get(0);
        assertThat(d.arrivals).as("every copy is the same message: message ID and token")
                .allMatch(a -> a.request().getMID() == first.request().getMID()
                        && a.request().getToken().equals(first.request().getToken()));
        // CoAP's back-off: at least ACK_TIMEOUT, then at least twice that (upper bounds depend on the machine's load)
        assertThat(RawCoapDevice.since(first.nanoTime(), d.arrivals.get(1).nanoTime()))
                .isGreaterThanOrEqualTo(ackTimeout.minusMillis(50));
        assertThat(RawCoapDevice.since(d.arrivals.get(1).nanoTime(), d.arrivals.get(2).nanoTime()))
                .isGreaterThanOrEqualTo(ackTimeout.multipliedBy(2).minusMillis(50));
    }
}
