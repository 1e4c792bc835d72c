package org.miplhil.sim.lwm2m;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * The virtual module's CoAP transmission parameters and thread counts, all explicit: Leshan's client would
 * otherwise run its protocol stage on one thread (docs/evidence.md) and Californium would read or write a
 * {@code Californium3.properties} in the working directory.
 * <p>
 * The OneNET SDK of the module retransmits a confirmable message after ACK_TIMEOUT, then after twice that and so
 * on, without randomisation, and gives up after MAX_RETRANSMIT retransmissions and one more doubled wait
 * ({@code cis_transaction.c}: 62 s with 2 s and 4). Its ACK_RANDOM_FACTOR appears only in MAX_TRANSMIT_WAIT, the
 * margin of the lifetime's event 14 ({@code cis_er-coap-13.h}).
 *
 * @param ackTimeout           ACK_TIMEOUT (the SDK's COAP_RESPONSE_TIMEOUT: 2 s)
 * @param ackRandomFactor      ACK_RANDOM_FACTOR (1.5), used in {@link #maxTransmitWait()}
 * @param randomised           whether the first timeout is drawn from [ACK_TIMEOUT, ACK_TIMEOUT × ACK_RANDOM_FACTOR]
 *                             (RFC 7252) or is ACK_TIMEOUT exactly (the SDK)
 * @param maxRetransmit        MAX_RETRANSMIT (4)
 * @param protocolStageThreads threads running the CoAP exchanges and Leshan's handlers
 */
public record CoapTiming(Duration ackTimeout, double ackRandomFactor, boolean randomised, int maxRetransmit,
                         int protocolStageThreads) {

    public CoapTiming {
        if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero() || ackRandomFactor < 1.0
                || maxRetransmit < 0 || maxRetransmit > 10 || protocolStageThreads < 1) {
            throw new IllegalArgumentException("invalid CoAP timing: " + ackTimeout + ", " + ackRandomFactor + ", "
                    + maxRetransmit + ", " + protocolStageThreads);
        }
    }

    /** Not randomised, as the SDK. */
    public CoapTiming(Duration ackTimeout, double ackRandomFactor, int maxRetransmit, int protocolStageThreads) {
        this(ackTimeout, ackRandomFactor, false, maxRetransmit, protocolStageThreads);
    }

    /** The SDK's parameters (2 s, 1.5, not randomised, 4) and 4 protocol-stage threads. */
    public static CoapTiming oneNetSdk() {
        return new CoapTiming(Duration.ofSeconds(2), 1.5, false, 4, 4);
    }

    /**
     * MAX_TRANSMIT_SPAN plus the last wait with the random factor (RFC 7252 4.8.2, the SDK's COAP_MAX_TRANSMIT_WAIT):
     * 93 s with 2 s, 1.5 and 4. The SDK uses it as the margin of the lifetime's event 14.
     */
    public Duration maxTransmitWait() {
        double factor = ((1L << (maxRetransmit + 1)) - 1) * ackRandomFactor;
        return Duration.ofNanos((long) (ackTimeout.toNanos() * factor));
    }

    /**
     * From a confirmable message's first transmission to the moment the module gives up on it, as it sends:
     * ACK_TIMEOUT × (2^(MAX_RETRANSMIT+1) − 1) without randomisation (the SDK's COAP_MIN_TRANSMIT_WAIT, 62 s), or
     * at most {@link #maxTransmitWait()} with it.
     */
    public Duration giveUpAfter() {
        if (randomised) {
            return maxTransmitWait();
        }
        return ackTimeout.multipliedBy((1L << (maxRetransmit + 1)) - 1);
    }

    void applyTo(Configuration c) {
        c.set(CoapConfig.ACK_TIMEOUT, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        c.set(CoapConfig.ACK_INIT_RANDOM, randomised ? (float) ackRandomFactor : 1.0f);
        c.set(CoapConfig.ACK_TIMEOUT_SCALE, 2.0f);
        // Californium caps a doubled timeout at MAX_ACK_TIMEOUT (60 s by default); the SDK never caps it
        c.set(CoapConfig.MAX_ACK_TIMEOUT, ackTimeout.toMillis() << maxRetransmit, TimeUnit.MILLISECONDS);
        c.set(CoapConfig.MAX_RETRANSMIT, maxRetransmit);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, protocolStageThreads);
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
    }
}
