package org.miplhil.sim.lwm2m;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.miplhil.sim.PlatformRequest;
import org.miplhil.sim.PlatformResponse;

/**
 * Platform requests shown to the MCU and waiting for its answer, by msgId. Each waits at most {@code deadline}
 * (the SDK's CIS_CONFIG_CALLBACK_TIMEOUT, 20 s): then it is forgotten ({@link Answer#purged()}) and nothing is sent
 * for it, as {@code packet_step} of the SDK removes it ({@code cis_packet.c}); a later answer finds nothing here
 * and the module reports {@code +MIPLEVENT: 0,20,<msgId>}. Thread-safe.
 */
final class PendingRequests {

    /** msgId range of the note (3.3.9: 0~268435455). */
    static final long MAX_MSG_ID = 268_435_455L;

    /** What happens to a request: the MCU answered, or the deadline passed first. Called once, on any thread. */
    interface Answer {
        void answered(PlatformResponse response);

        /** Forgotten without an answer: the server hears nothing more of this request. */
        void purged();
    }

    private record Entry(PlatformRequest request, Answer answer, ScheduledFuture<?> timeout) {}

    private final ScheduledExecutorService timer;
    private final Duration deadline;
    private final Map<Long, Entry> pending = new ConcurrentHashMap<>();
    private long nextMsgId;

    PendingRequests(ScheduledExecutorService timer, Duration deadline, long firstMsgId) {
        this.timer = timer;
        this.deadline = deadline;
        this.nextMsgId = Math.floorMod(firstMsgId, MAX_MSG_ID + 1);
    }

    /** Makes the request with a fresh msgId (unique among pending ones), starts its deadline, returns it. */
    synchronized PlatformRequest add(LongFunction<PlatformRequest> make, Answer answer) {
        long msgId = nextMsgId;
        while (pending.containsKey(msgId)) {
            msgId = msgId >= MAX_MSG_ID ? 0 : msgId + 1;
        }
        nextMsgId = msgId >= MAX_MSG_ID ? 0 : msgId + 1;
        PlatformRequest request = make.apply(msgId);
        long id = msgId;
        ScheduledFuture<?> timeout;
        try {
            timeout = timer.schedule(() -> expire(id), deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            timeout = null;
        }
        pending.put(msgId, new Entry(request, answer, timeout));
        return request;
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
