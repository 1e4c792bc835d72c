package org.miplhil.sim.lwm2m;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;

/**
 * Loses a request while the radio is off (deep sleep), refuses it with 5.00 while the client does not talk to its
 * sender (Leshan M15's own refusal threw onto the console); every other request reaches its resource unchanged.
 * <p>
 * No empty ACK is ever sent: the OneNET SDK answers every request piggy-backed, with the request's message ID, when
 * the MCU answers ({@code object_asynAckReadData}, {@code object_asynAckNodata}, {@code observe_asynAckNodata} in
 * {@code cis_objects.c} / {@code cis_observe.c}), however late; meanwhile the server's retransmissions are
 * duplicates Californium ignores, and the answer is taken by the server's exchange.
 */
final class OfflineDeliverer implements MessageDeliverer {

    private final MessageDeliverer inner;
    private final Predicate<Exchange> mayCommunicate;
    private final BooleanSupplier receiving;
    private final Predicate<Exchange> held;

    /**
     * {@code mayCommunicate} false: the client does not talk to the request's sender now (no server, or not that
     * one), and the request is refused with 5.00.
     * {@code receiving} false: the module's radio is off (deep sleep, PSM) and a request is lost: no ACK, no
     * response; the server's retransmissions meet the same silence and its request times out.
     * {@code held} true: the module keeps the request back (it came before the registration's answer) and hands
     * it on later with {@link #release}, or never.
     */
    OfflineDeliverer(MessageDeliverer inner, Predicate<Exchange> mayCommunicate, BooleanSupplier receiving,
                     Predicate<Exchange> held) {
        this.inner = inner;
        this.mayCommunicate = mayCommunicate;
        this.receiving = receiving;
        this.held = held;
    }

    /** A request held back reaches its resource now. */
    void release(Exchange exchange) {
        inner.deliverRequest(exchange);
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        if (!receiving.getAsBoolean()) {
            return; // PSM: nothing was received
        }
        if (held.test(exchange)) {
            return;
        }
        if (!mayCommunicate.test(exchange)) {
            Response refused = new Response(ResponseCode.INTERNAL_SERVER_ERROR);
            refused.setPayload("server not allowed to communicate");
            exchange.sendResponse(refused);
            return;
        }
        inner.deliverRequest(exchange);
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        inner.deliverResponse(exchange, response);
    }
}
