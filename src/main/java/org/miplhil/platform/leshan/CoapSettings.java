package org.miplhil.platform.leshan;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * The CoAP settings a Californium endpoint gets, all explicit so that nothing depends on Californium's
 * defaults or on a {@code Californium3.properties} file in the working directory.
 *
 * @param ackTimeout           ACK_TIMEOUT (RFC 7252: 2 s)
 * @param ackRandomFactor      ACK_RANDOM_FACTOR (RFC 7252: 1.5)
 * @param maxRetransmit        MAX_RETRANSMIT (RFC 7252: 4)
 * @param protocolStageThreads threads that run CoAP exchanges and Leshan's handlers
 * @param udpReceiverThreads   UDP socket reader threads
 * @param udpSenderThreads     UDP socket writer threads
 * @param maxResourceBodySize  largest body accepted in block-wise transfers (bytes)
 */
public record CoapSettings(Duration ackTimeout, double ackRandomFactor, int maxRetransmit, int protocolStageThreads,
                           int udpReceiverThreads, int udpSenderThreads, int maxResourceBodySize) {

    public CoapSettings {
        if (ackTimeout.isNegative() || ackTimeout.isZero() || ackRandomFactor < 1.0 || maxRetransmit < 0
                || protocolStageThreads < 1 || udpReceiverThreads < 1 || udpSenderThreads < 1
                || maxResourceBodySize < 0) {
            throw new IllegalArgumentException("invalid CoAP settings: " + ackTimeout + ", " + ackRandomFactor
                    + ", " + maxRetransmit + ", " + protocolStageThreads + ", " + udpReceiverThreads + ", "
                    + udpSenderThreads + ", " + maxResourceBodySize);
        }
    }

    /** RFC 7252 transmission parameters, 4 protocol threads, one UDP reader and writer, 8 KiB bodies. */
    public static CoapSettings defaults() {
        return new CoapSettings(Duration.ofSeconds(2), 1.5, 4, 4, 1, 1, 8192);
    }

    /**
     * OneNET's retransmission of a request (FAQ/api_questions.md 1, in the warrlon/warrlon mirror of OneNET's
     * documentation): no answer within 5 to 7.5 s, the platform retries — "this retry is CoAP's retransmission
     * within the timeout" — each wait twice the last (10 s, 20 s), so within the default 25 s "at most 2 retries,
     * three sends in all": ACK_TIMEOUT 5 s, ACK_RANDOM_FACTOR 1.5, MAX_RETRANSMIT 2. Threads and bodies as
     * {@link #defaults()}.
     */
    public static CoapSettings oneNet() {
        return defaults().withAckTimeout(Duration.ofSeconds(5)).withMaxRetransmit(2);
    }

    public CoapSettings withProtocolStageThreads(int n) {
        return new CoapSettings(ackTimeout, ackRandomFactor, maxRetransmit, n, udpReceiverThreads, udpSenderThreads,
                maxResourceBodySize);
    }

    public CoapSettings withAckTimeout(Duration d) {
        return new CoapSettings(d, ackRandomFactor, maxRetransmit, protocolStageThreads, udpReceiverThreads,
                udpSenderThreads, maxResourceBodySize);
    }

    public CoapSettings withMaxRetransmit(int n) {
        return new CoapSettings(ackTimeout, ackRandomFactor, n, protocolStageThreads, udpReceiverThreads,
                udpSenderThreads, maxResourceBodySize);
    }

    public CoapSettings withMaxResourceBodySize(int n) {
        return new CoapSettings(ackTimeout, ackRandomFactor, maxRetransmit, protocolStageThreads, udpReceiverThreads,
                udpSenderThreads, n);
    }

    /** Writes these settings into a configuration made by a Leshan endpoints-provider builder. */
    public void applyTo(Configuration c) {
        c.set(CoapConfig.ACK_TIMEOUT, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        c.set(CoapConfig.ACK_INIT_RANDOM, (float) ackRandomFactor);
        c.set(CoapConfig.MAX_RETRANSMIT, maxRetransmit);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, protocolStageThreads);
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, udpReceiverThreads);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, udpSenderThreads);
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, maxResourceBodySize);
    }
}
