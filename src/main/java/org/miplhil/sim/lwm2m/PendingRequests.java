package org.miplhil.sim.lwm2m;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.PlatformResponse;

/**
 * Platform requests shown to the MCU and waiting for its answer, by msgId. Each waits at most {@code deadline}
 * (the SDK's CIS_CONFIG_CALLBACK_TIMEOUT, 20 s): then it is forgotten ({@link Answer#purged()}) and nothing is sent
 * for it, as {@code packet_step} of the SDK removes it ({@code cis_packet.c}); a later answer finds nothing here
 * and the module reports {@code +MIPLEVENT: 0,20,<msgId>}. Thread-safe.
 */
final class PendingRequests {

    /** What happens to a request: the MCU answered, or the deadline passed first. Called once, on any thread. */
    interface Answer {
        void answered(PlatformResponse response);

        /** Forgotten without an answer: the server hears nothing more of this request. */
        void purged();
    }

    /** The CoAP message that made the request: its message ID and token find its retransmissions. */
    record Copy(int mid, byte[] token) {
        boolean sameAs(int otherMid, byte[] otherToken) {
            return mid == otherMid && Arrays.equals(token, otherToken);
        }
    }

    private record Entry(PlatformRequest request, Copy copy, Answer answer, ScheduledFuture<?> timeout) {}

    private final ScheduledExecutorService timer;
    private final Duration deadline;
    private final Map<Long, Entry> pending = new ConcurrentHashMap<>();

    PendingRequests(ScheduledExecutorService timer, Duration deadline) {
        this.timer = timer;
        this.deadline = deadline;
    }

    /**
     * Makes the request with its msgId and starts its deadline. A msgId already waiting keeps its first request, as
     * {@code packet_asynPushRequest} refuses a second entry ({@code cis_packet.c}); the request is returned all the
     * same, since the SDK has shown it to the MCU before trying to store it.
     */
    synchronized PlatformRequest add(long msgId, Copy copy, LongFunction<PlatformRequest> make, Answer answer) {
        PlatformRequest request = make.apply(msgId);
        if (pending.containsKey(msgId)) {
            return request;
        }
        ScheduledFuture<?> timeout;
        try {
            timeout = timer.schedule(() -> expire(msgId), deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            timeout = null;
        }
        pending.put(msgId, new Entry(request, copy, answer, timeout));
        return request;
    }

    /**
     * The waiting request a retransmitted CoAP message belongs to (same message ID and token), as
     * {@code packet_asynFindObserveRequest} finds an observe by the low 16 bits of its msgId.
     */
    Optional<PlatformRequest> waitingFor(int mid, byte[] token) {
        for (Entry e : pending.values()) {
            if (e.copy().sameAs(mid, token)) {
                return Optional.of(e.request());
            }
        }
        return Optional.empty();
    }

    private void expire(long msgId) {
        Entry e = pending.remove(msgId);
        if (e != null) {
            e.answer().purged();
        }
    }

    /**
     * The MCU's answer: hands it to the waiting request. False when nothing waits for this msgId (purged, answered
     * already) or the answer is for another kind of request.
     */
    boolean complete(PlatformResponse response) {
        Entry e = pending.get(response.msgId());
        if (e == null || !matches(e.request(), response) || !pending.remove(response.msgId(), e)) {
            return false;
        }
        if (e.timeout() != null) {
            e.timeout().cancel(false);
        }
        e.answer().answered(response);
        return true;
    }

    private static boolean matches(PlatformRequest q, PlatformResponse r) {
        return (q instanceof PlatformRequest.Discover && r instanceof PlatformResponse.Discover)
                || (q instanceof PlatformRequest.Observe && r instanceof PlatformResponse.Observe)
                || (q instanceof PlatformRequest.Read && r instanceof PlatformResponse.Read)
                || (q instanceof PlatformRequest.Write && r instanceof PlatformResponse.Write)
                || (q instanceof PlatformRequest.Execute && r instanceof PlatformResponse.Execute)
                || (q instanceof PlatformRequest.Parameter && r instanceof PlatformResponse.Parameter);
    }

    int size() {
        return pending.size();
    }

    /** Forgets every request without answering it (the client is going away). */
    void clear() {
        for (Long id : pending.keySet()) {
            Entry e = pending.remove(id);
            if (e != null && e.timeout() != null) {
                e.timeout().cancel(false);
            }
        }
    }
}
