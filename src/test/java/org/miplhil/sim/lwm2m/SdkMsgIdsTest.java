package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;

/** The SDK's msgIds (observe_handleRequest, cis_observe.c; object_read and the others, cis_objects.c). */
class SdkMsgIdsTest {

    private static Request get(int mid, Integer observe) {
        Request r = Request.newGet();
        r.setMID(mid);
        if (observe != null) {
            r.getOptions().setObserve(observe);
        }
        return r;
    }

    @Test
    void aRequestsMsgIdIsItsMessageIdAndAnObservesCarriesTheObserveCountAbove() {
        SdkMsgIds ids = new SdkMsgIds();
        assertThat(ids.msgIdFor(get(26384, null))).as("7.2.1's discover").isEqualTo(26384);
        assertThat(ids.msgIdFor(get(3698, 0))).as("7.2.1's first observe").isEqualTo(69234);
        assertThat(ids.msgIdFor(get(3698, 0))).as("the second observe").isEqualTo((2L << 16) | 3698);
        assertThat(ids.msgIdFor(get(40000, 1))).as("a cancel keeps its message ID").isEqualTo(40000);
        assertThat(ids.msgIdFor(get(65535, null))).isEqualTo(65535);
    }

    @Test
    void aNewInstanceCountsObservesFromOneAgainAndTheCounterWrapsAsAUint16() {
        SdkMsgIds ids = new SdkMsgIds();
        ids.msgIdFor(get(1, 0));
        ids.reset(); // AT+MIPLCREATE: cis_init sets nextObserveNum to 0
        assertThat(ids.msgIdFor(get(45532, 0))).as("7.2.3's observe").isEqualTo(111068);
        for (int i = 2; i <= 65535; i++) {
            ids.msgIdFor(get(7, 0));
        }
        assertThat(ids.msgIdFor(get(7, 0))).as("++nextObserveNum of a uint16_t after 65535").isEqualTo(7);
    }
}
