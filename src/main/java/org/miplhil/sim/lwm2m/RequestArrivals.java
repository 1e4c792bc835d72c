package org.miplhil.sim.lwm2m;

import java.util.function.Consumer;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Sees every request the module's endpoint receives, before Californium's deduplicator: the OneNET SDK has no
 * deduplicator in front of its callbacks, so a retransmitted copy of a request still waiting for the MCU prints
 * its URC again ({@code object_read} and the other handlers of {@code cis_objects.c} call the AT layer's callback
 * before {@code packet_asynPushRequest} refuses the second entry), and a request that was ignored before the
 * registration's answer is shown when its retransmission comes. Californium takes those copies as duplicates and
 * never hands them to a resource; this hook hands them to the session. Never blocks, never changes the message.
 */
final class RequestArrivals extends MessageInterceptorAdapter {

    private final Consumer<Request> arrived;

    RequestArrivals(Consumer<Request> arrived) {
        this.arrived = arrived;
    }

    @Override
    public void receiveRequest(Request request) {
        arrived.accept(request);
    }
}
