package org.miplhil.sim.lwm2m;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;

/**
 * Follows one confirmable notification to its end and reports once: acknowledged, or not (timeout after the
 * retransmissions, reset, cancelled, send error, or superseded before it was sent). Leshan does not expose
 * this; the module reports it as {@code +MIPLEVENT: 0,26,<ackId>} or {@code 0,25,<ackId>} (5.7, 7.8.4).
 */
final class NotifyOutcome extends MessageObserverAdapter {

    /** How a notification ended. */
    enum Result { ACKNOWLEDGED, NOT_ACKNOWLEDGED }

    private final Response response;
    private final Consumer<Result> report;
    private final AtomicBoolean reported = new AtomicBoolean();

    NotifyOutcome(Response response, Consumer<Result> report) {
        this.response = response;
        this.report = report;
    }

    /** Attaches an observer that reports the outcome of {@code response} (which must be confirmable). */
    static void follow(Response response, Consumer<Result> report) {
        response.addMessageObserver(new NotifyOutcome(response, report));
    }

    @Override
    public void onAcknowledgement() {
        end(Result.ACKNOWLEDGED);
    }

    @Override
    public void onReject() {
        end(Result.NOT_ACKNOWLEDGED);
    }

    @Override
    public void onTimeout() {
        end(Result.NOT_ACKNOWLEDGED);
    }

    @Override
    public void onCancel() {
        end(Result.NOT_ACKNOWLEDGED);
    }

    @Override
    public void onSendError(Throwable error) {
        end(Result.NOT_ACKNOWLEDGED);
    }

    @Override
    public void onTransferComplete() {
        // also called once a sent notification is handed to the socket; only one that never got a message id
        // was never sent: replaced by a fresher one while it waited behind a CON in transit
        if (!response.hasMID()) {
            end(Result.NOT_ACKNOWLEDGED);
        }
    }

    private void end(Result result) {
        if (reported.compareAndSet(false, true)) {
            report.accept(result);
        }
    }
}
