package org.miplhil.platform.leshan;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.MessageObserver;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.EndpointContext;
import org.miplhil.platform.PayloadSummary;
import org.miplhil.platform.RequestLogEntry;

/** Follows one Californium request to its end and hands a {@link RequestLogEntry} to a sink. */
final class RequestLogger {

    private RequestLogger() {
    }

    /** Attaches a logging observer unless one is attached already (a retransmission passes here again). */
    static void attach(Request request, String server, String endpoint, Duration deadline,
                       Consumer<RequestLogEntry> sink) {
        for (MessageObserver o : request.getMessageObservers()) {
            if (o instanceof Observer) {
                return;
            }
        }
        request.addMessageObserver(new Observer(request, server, endpoint, deadline, sink));
    }

    private static final class Observer extends MessageObserverAdapter {
        private final Request request;
        private final String server;
        private final String endpoint;
        private final Duration deadline;
        private final Consumer<RequestLogEntry> sink;
        private final Instant sentAt = Instant.now();
        private final long start = System.nanoTime();
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicInteger retransmissions = new AtomicInteger();

        Observer(Request request, String server, String endpoint, Duration deadline, Consumer<RequestLogEntry> sink) {
            this.request = request;
            this.server = server;
            this.endpoint = endpoint;
            this.deadline = deadline;
            this.sink = sink;
        }

        @Override
        public void onRetransmission() {
            retransmissions.incrementAndGet();
        }

        @Override
        public void onResponse(Response response) {
            // an observe request sees every notification here; only its first answer belongs in the log
            finish(response.getCode().codeClass + "." + String.format("%02d", response.getCode().codeDetail) + " "
                    + response.getCode().name(), PayloadSummary.of(response.getPayload()));
        }

        @Override
        public void onTimeout() {
            finish("timeout (no ACK after " + retransmissions.get() + " retransmissions)", "");
        }

        @Override
        public void onCancel() {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            boolean deadlineExpired = deadline != null && elapsed.compareTo(deadline) >= 0;
            finish(deadlineExpired ? "timeout (no answer within " + deadline.toMillis() + " ms)" : "cancelled", "");
        }

        @Override
        public void onReject() {
            finish("reset", "");
        }

        @Override
        public void onSendError(Throwable error) {
            finish("send-error: " + error, "");
        }

        private void finish(String outcome, String responsePayload) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            String method = request.getCode().name();
            if (request.isObserve()) {
                method += "+observe";
            } else if (request.isObserveCancel()) {
                method += "+cancel";
            }
            String uri = "/" + request.getOptions().getUriPathString();
            String query = request.getOptions().getUriQueryString();
            if (!query.isEmpty()) {
                uri += "?" + query;
            }
            sink.accept(new RequestLogEntry(sentAt, server, endpoint, peer(request), method, uri,
                    PayloadSummary.of(request.getPayload()), outcome, responsePayload,
                    Duration.ofNanos(System.nanoTime() - start), retransmissions.get()));
        }
    }

    static String peer(Request request) {
        EndpointContext ctx = request.getDestinationContext();
        if (ctx == null) {
            return "";
        }
        InetSocketAddress a = ctx.getPeerAddress();
        return a == null ? "" : a.getHostString() + ":" + a.getPort();
    }
}
