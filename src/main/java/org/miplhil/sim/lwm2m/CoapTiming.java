package org.miplhil.sim.lwm2m;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * The virtual module's CoAP transmission parameters and thread counts, all explicit: Leshan's client would
 * otherwise run its protocol stage on one thread (EVIDENCE.md) and Californium would read or write a
 * {@code Californium3.properties} in the working directory.
 *
 * @param ackTimeout           ACK_TIMEOUT (RFC 7252 4.8: 2 s)
 * @param ackRandomFactor      ACK_RANDOM_FACTOR (RFC 7252: 1.5)
 * @param maxRetransmit        MAX_RETRANSMIT (RFC 7252: 4)
 * @param protocolStageThreads threads running the CoAP exchanges and Leshan's handlers
 */
public record CoapTiming(Duration ackTimeout, double ackRandomFactor, int maxRetransmit, int protocolStageThreads) {

    public CoapTiming {
        if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero() || ackRandomFactor < 1.0
                || maxRetransmit < 0 || maxRetransmit > 10 || protocolStageThreads < 1) {
            throw new IllegalArgumentException("invalid CoAP timing: " + ackTimeout + ", " + ackRandomFactor + ", "
                    + maxRetransmit + ", " + protocolStageThreads);
        }
    }

    /** RFC 7252's parameters and 4 protocol-stage threads. */
    public static CoapTiming rfc7252() {
        return new CoapTiming(Duration.ofSeconds(2), 1.5, 4, 4);
    }

    /**
     * MAX_TRANSMIT_SPAN plus the last wait (RFC 7252 4.8.2, MAX_TRANSMIT_WAIT): from the first transmission of a
     * confirmable message to the moment the sender gives up — 93 s with the RFC's values.
     */
    public Duration maxTransmitWait() {
        double factor = ((1L << (maxRetransmit + 1)) - 1) * ackRandomFactor;
        return Duration.ofNanos((long) (ackTimeout.toNanos() * factor));
    }

    void applyTo(Configuration c) {
        c.set(CoapConfig.ACK_TIMEOUT, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        c.set(CoapConfig.ACK_INIT_RANDOM, (float) ackRandomFactor);
        c.set(CoapConfig.MAX_RETRANSMIT, maxRetransmit);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, protocolStageThreads);
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
    }
}
