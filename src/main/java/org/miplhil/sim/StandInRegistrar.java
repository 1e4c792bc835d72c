package org.miplhil.sim;

import org.miplhil.sim.registrar.Notification;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.registrar.RegistrarEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.miplhil.at.EventId;

/**
 * A STAND-IN for the platform: no network, no LwM2M. It answers the module the way the note's transcripts show a
 * OneNET platform doing, so the AT side (events, answer windows, msgId checks, observations) can be exercised
 * without a server:
 * <ul>
 *   <li>open: events 1, 2 (bootstrap) then 4, 6 (7.2.2; 4, 6 without bootstrap, 7.2.3), then one
 *       {@code +MIPLOBSERVE} per registered instance ({@code <objId>,<insId>,-1}) and one {@code +MIPLDISCOVER}
 *       per object (7.2.1), msgIds from a counter;</li>
 *   <li>close: 15 (7.2.1); update: 11 (7.9); notify with ackId: 26 with the ackId (7.8.4).</li>
 * </ul>
 * Each step follows the previous one after {@code eventGap}. Tests play the platform through {@link #read},
 * {@link #write}, {@link #execute}, {@link #writeAttributes}, {@link #observe}, {@link #discover}, and look at
 * what the module sent with {@link #responses()} and {@link #notifications()}. The real LwM2M client replaces it.
 */
public final class StandInRegistrar implements Registrar {

    private final Duration eventGap;
    private final ScheduledThreadPoolExecutor timer;
    private long nextMsgId;
    private int generation;
    private RegistrarEvents events;
    private OpenRequest opened;
    private final List<PlatformResponse> responses = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    private StandInRegistrar(Builder b) {
        this.eventGap = b.eventGap;
        this.nextMsgId = b.firstMsgId;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "stand-in-registrar");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- Registrar

    @Override
    public synchronized void open(OpenRequest request, RegistrarEvents sink) {
        calls.add("open " + request.config().host() + ":" + request.config().port() + " lifetime "
                + request.lifetimeSeconds());
        generation++;
        events = sink;
        opened = request;
        List<Runnable> steps = new ArrayList<>();
        if (request.config().bootstrap()) {
            steps.add(() -> sink.event(EventId.BOOTSTRAP_START));
            steps.add(() -> sink.event(EventId.BOOTSTRAP_SUCCESS));
        }
        steps.add(() -> sink.event(EventId.CONNECT_SUCCESS));
        steps.add(() -> sink.event(EventId.REG_SUCCESS));
        for (ObjectSpec o : request.objects()) {
            for (int insId : o.instanceIds()) {
                long msgId = nextMsgId();
                steps.add(() -> sink.request(new PlatformRequest.Observe(msgId, true, o.objId(), insId, -1)));
            }
        }
        for (ObjectSpec o : request.objects()) {
            long msgId = nextMsgId();
            steps.add(() -> sink.request(new PlatformRequest.Discover(msgId, o.objId())));
        }
        runInSequence(steps);
    }

    @Override
    public synchronized void update(long lifetimeSeconds, boolean withObjects, List<ObjectSpec> objects, int raiMode) {
        calls.add("update lifetime " + lifetimeSeconds + (withObjects ? " with " + objects.size() + " objects" : ""));
        RegistrarEvents sink = events;
        if (sink != null) {
            runInSequence(List.of(() -> sink.event(EventId.UPDATE_SUCCESS)));
        }
    }

    @Override
    public synchronized void close() {
        calls.add("close");
        RegistrarEvents sink = events;
        generation++; // nothing scheduled for the old registration goes out any more
        if (sink != null) {
            runInSequence(List.of(() -> sink.event(EventId.DEREG_DONE)));
        }
        events = null;
        opened = null;
    }

    @Override
    public synchronized void notify(Notification notification) {
        notifications.add(notification);
        RegistrarEvents sink = events;
        if (sink != null && notification.ackId() > 0) {
            runInSequence(List.of(() -> sink.event(EventId.NOTIFY_SUCCESS, notification.ackId())));
        }
    }

    @Override
    public synchronized void respond(PlatformResponse response) {
        responses.add(response);
    }

    @Override
    public synchronized void powerLost() {
        calls.add("power lost");
        generation++;
        events = null;
        opened = null;
    }

    // ---------------------------------------------------------------- the platform's side, for tests

    /** Sends {@code +MIPLREAD}; returns its msgId. */
    public synchronized long read(int objId, int insId, int resId) {
        return send(id -> new PlatformRequest.Read(id, objId, insId, resId));
    }

    /** Sends {@code +MIPLWRITE} (one URC per item); returns its msgId. */
    public synchronized long write(int objId, int insId, List<PlatformRequest.WriteItem> items) {
        return send(id -> new PlatformRequest.Write(id, objId, insId, items));
    }

    /** Sends {@code +MIPLEXECUTE}; returns its msgId. */
    public synchronized long execute(int objId, int insId, int resId, Optional<String> arguments) {
        return send(id -> new PlatformRequest.Execute(id, objId, insId, resId, arguments));
    }

    /** Sends {@code +MIPLPARAMETER}; returns its msgId. */
    public synchronized long writeAttributes(int objId, int insId, int resId, String parameter) {
        return send(id -> new PlatformRequest.Parameter(id, objId, insId, resId, parameter));
    }

    /** Sends {@code +MIPLOBSERVE} (observe true) or a cancel (false); returns its msgId. */
    public synchronized long observe(boolean observe, int objId, int insId, int resId) {
        return send(id -> new PlatformRequest.Observe(id, observe, objId, insId, resId));
    }

    /** Sends {@code +MIPLDISCOVER}; returns its msgId. */
    public synchronized long discover(int objId) {
        return send(id -> new PlatformRequest.Discover(id, objId));
    }

    private long send(java.util.function.LongFunction<PlatformRequest> request) {
        RegistrarEvents sink = events;
        if (sink == null) {
            throw new IllegalStateException("the stand-in platform has no registered device to send to");
        }
        long msgId = nextMsgId();
        sink.request(request.apply(msgId));
        return msgId;
    }

    /** Answers the module accepted, oldest first. */
    public synchronized List<PlatformResponse> responses() {
        return List.copyOf(responses);
    }

    /** Notifications the module sent, oldest first. */
    public synchronized List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    /** What the module asked for (open, update, close, power lost), oldest first. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The last open request while registered; empty after close or power loss. */
    public synchronized Optional<OpenRequest> openRequest() {
        return Optional.ofNullable(opened);
    }

    /** Stops the timer thread for good (not {@link #close()}, which is the deregistration). */
    public void shutdown() {
        timer.shutdownNow();
    }

    // ---------------------------------------------------------------- internals

    private long nextMsgId() {
        long id = nextMsgId;
        nextMsgId = nextMsgId >= 268_435_455L ? 1 : nextMsgId + 1; // 3.3.9: msgId 0..268435455
        return id;
    }

    /** Runs the steps one {@code eventGap} apart, unless a later open/close/power loss overtook them. */
    private void runInSequence(List<Runnable> steps) {
        int g = generation;
        long delay = 0;
        for (Runnable step : steps) {
            delay += eventGap.toNanos();
            timer.schedule(() -> {
                boolean current;
                synchronized (this) {
                    current = g == generation;
                }
                if (current) {
                    step.run();
                }
            }, delay, TimeUnit.NANOSECONDS);
        }
    }

    public static final class Builder {
        private Duration eventGap = Duration.ofMillis(20);
        private long firstMsgId = 26384; // the first discover msgId of 7.2.1

        private Builder() {}

        /** Time between two consecutive events or requests (default 20 ms). */
        public Builder eventGap(Duration gap) {
            this.eventGap = gap;
            return this;
        }

        /** The first msgId handed out (default 26384); later ones count up. */
        public Builder firstMsgId(long msgId) {
            this.firstMsgId = msgId;
            return this;
        }

        public StandInRegistrar build() {
            return new StandInRegistrar(this);
        }
    }
}
