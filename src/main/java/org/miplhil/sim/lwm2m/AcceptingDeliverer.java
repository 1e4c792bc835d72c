package org.miplhil.sim.lwm2m;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;

/**
 * Answers a slow request the way CoAP allows (RFC 7252 5.2.2): when a confirmable request has no response
 * {@code acceptAfter} after it arrived, an empty ACK goes out and the response follows later as a separate
 * message. Without it the server retransmits a request the MCU is still thinking about (the MCU has 10 s,
 * note 5.1; the server's ACK timeout is 2 to 3 s).
 * <p>
 * Wraps the CoAP server's own deliverer; every request still reaches its resource unchanged.
 */
final class AcceptingDeliverer implements MessageDeliverer {

    private final MessageDeliverer inner;
    private final ScheduledExecutorService timer;
    private final long acceptAfterNanos;
    private final AtomicLong accepts = new AtomicLong();
    private final BooleanSupplier mayCommunicate;
    private final BooleanSupplier receiving;

    AcceptingDeliverer(MessageDeliverer inner, ScheduledExecutorService timer, Duration acceptAfter) {
        this(inner, timer, acceptAfter, () -> true);
    }

    /** {@code mayCommunicate} false: the client talks to no server now, and a request is refused with 5.00. */
    AcceptingDeliverer(MessageDeliverer inner, ScheduledExecutorService timer, Duration acceptAfter,
                       BooleanSupplier mayCommunicate) {
        this(inner, timer, acceptAfter, mayCommunicate, () -> true);
    }

    /**
     * {@code receiving} false: the module's radio is off (deep sleep, PSM) and a request is lost: no ACK, no
     * response; the server's retransmissions meet the same silence and its request times out.
     */
    AcceptingDeliverer(MessageDeliverer inner, ScheduledExecutorService timer, Duration acceptAfter,
                       BooleanSupplier mayCommunicate, BooleanSupplier receiving) {
        this.receiving = receiving;
        this.inner = inner;
        this.timer = timer;
        this.acceptAfterNanos = acceptAfter.toNanos();
        this.mayCommunicate = mayCommunicate;
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        if (!receiving.getAsBoolean()) {
            return; // PSM: nothing was received
        }
        if (!mayCommunicate.getAsBoolean()) {
            Response refused = new Response(ResponseCode.INTERNAL_SERVER_ERROR);
            refused.setPayload("server not allowed to communicate");
            exchange.sendResponse(refused);
            return;
        }
        if (request.getType() == Type.CON) {
            try {
                timer.schedule(() -> exchange.execute(() -> acceptIfUnanswered(exchange)), acceptAfterNanos,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down: the request is answered piggy-backed or not at all
            }
        }
        inner.deliverRequest(exchange);
    }

    /** Runs serialized with the exchange's response, so an ACK never follows a piggy-backed answer. */
    private void acceptIfUnanswered(Exchange exchange) {
        Request request = exchange.getCurrentRequest();
        if (exchange.isComplete() || exchange.getCurrentResponse() != null || request.isAcknowledged()
                || request.isCanceled()) {
            return;
        }
        exchange.sendAccept();
        if (request.isAcknowledged()) {
            accepts.incrementAndGet();
        }
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        inner.deliverResponse(exchange, response);
    }

    /** Empty ACKs sent so far. */
    long accepts() {
        return accepts.get();
    }
}
