package org.miplhil.dut.mcu;

import org.miplhil.dut.RequestCopies;

import org.miplhil.dut.DeadlineExceeded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplObserve;
import org.miplhil.at.RequestType;
import org.miplhil.objects.ObjectPath;

/**
 * What the {@link McuApplication} knows and did, under one lock: the answer modes, the log, the requests received
 * (and the copies rule), the requests left to the test, the observations held, and the writes, executions and
 * parameters the model took. Every change wakes whoever awaits one.
 */
final class McuBookkeeping {

    /**
     * Entries each record keeps (the log, the requests, the writes, executions and parameters): the oldest go first,
     * so an MCU that answers a platform for days holds bounded memory. A case sees tens.
     */
    static final int CAPACITY = 4096;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final Map<RequestType, AnswerMode> modes = new EnumMap<>(RequestType.class);
    private final List<McuLogEntry> log = new ArrayList<>();
    private final List<McuRequest> requests = new ArrayList<>();
    private final List<McuRequest> manual = new ArrayList<>();
    private final Map<Long, Observation> observations = new LinkedHashMap<>();
    private final List<WriteCall> writes = new ArrayList<>();
    private final List<ExecuteCall> executions = new ArrayList<>();
    private final List<ParameterCall> parameters = new ArrayList<>();

    /** Copies of requests received since the last registration: answered once (one rule: {@link RequestCopies}). */
    private final RequestCopies received = new RequestCopies();

    McuBookkeeping(Map<RequestType, AnswerMode> modes) {
        this(modes, CAPACITY);
    }

    McuBookkeeping(Map<RequestType, AnswerMode> modes, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, found " + capacity);
        }
        this.modes.putAll(modes);
        this.capacity = capacity;
    }

    // ---------------------------------------------------------------- modes

    void setMode(RequestType kind, AnswerMode mode) {
        locked(() -> modes.put(kind, mode));
    }

    AnswerMode mode(RequestType kind) {
        return locked(() -> modes.get(kind));
    }

    // ---------------------------------------------------------------- what happened

    List<McuLogEntry> log() {
        return locked(() -> List.copyOf(log));
    }

    List<McuRequest> requests() {
        return locked(() -> List.copyOf(requests));
    }

    List<McuRequest> manualRequests() {
        return locked(() -> List.copyOf(manual));
    }

    void takeManual(McuRequest r) {
        locked(() -> manual.remove(r));
    }

    List<Observation> observations() {
        return locked(() -> List.copyOf(observations.values()));
    }

    Optional<Observation> observation(long msgId) {
        return locked(() -> Optional.ofNullable(observations.get(msgId)));
    }

    Optional<Observation> observation(ObjectPath path) {
        return locked(() -> {
            Observation found = null;
            for (Observation o : observations.values()) {
                if (o.path().equals(path)) {
                    found = o;
                }
            }
            return Optional.ofNullable(found);
        });
    }

    List<WriteCall> writes() {
        return locked(() -> List.copyOf(writes));
    }

    List<ExecuteCall> executions() {
        return locked(() -> List.copyOf(executions));
    }

    List<ParameterCall> parameters() {
        return locked(() -> List.copyOf(parameters));
    }

    void wrote(WriteCall w) {
        add(writes, w);
    }

    void executed(ExecuteCall x) {
        add(executions, x);
    }

    void parameterised(ParameterCall p) {
        add(parameters, p);
    }

    // ---------------------------------------------------------------- receiving

    /** How {@link #accept} took a request. */
    record Accepted(boolean copy, AnswerMode mode) {}

    /**
     * Takes a complete request: a copy of one received before ({@link RequestCopies}: same msgId, kind and
     * path, within 93 s and since the last registration) is only logged; any other is recorded, its observation held or cancelled, and
     * {@code beforeSignal} runs with its mode before anyone awaiting it wakes (so that whoever finds the request also
     * finds it waiting or left to them).
     */
    Accepted accept(McuRequest r, String note, java.util.function.Consumer<AnswerMode> beforeSignal) {
        lock.lock();
        try {
            if (received.isCopy(new RequestCopies.Key(r.msgId(), r.kind(), r.path().toString()), r.nanoTime())) {
                bounded(log, new McuLogEntry(r.last().wall(), Optional.of(r.kind()), r.msgId(), r.path(), r.lines(),
                        Optional.ofNullable(modes.get(r.kind())), McuLogEntry.Outcome.COPY, List.of(), List.of(),
                        join(note, "the same request again (the server retransmitted it before the answer; the"
                                + " module shows every copy): answered once")));
                changed.signalAll();
                return new Accepted(true, modes.get(r.kind()));
            }
            bounded(requests, r);
            if (r.urcs().get(0) instanceof MiplObserve o) {
                if (o.observe()) {
                    observations.put(o.msgId(), new Observation(o.msgId(), r.path(), r.last().wall()));
                } else {
                    // 5.2 flag 0: the platform cancels the observation of that path
                    observations.values().removeIf(x -> x.path().equals(r.path()));
                }
            }
            AnswerMode mode = modes.get(r.kind());
            beforeSignal.accept(mode);
            changed.signalAll();
            return new Accepted(false, mode);
        } finally {
            lock.unlock();
        }
    }

    /** Left to the test (mode MANUAL); called inside {@link #accept}'s lock. */
    void leaveToTest(McuRequest r) {
        manual.add(r);
    }

    /** A new registration, an expired one or a deregistration ends every observation (5.7: 6, 9, 15). */
    void onEvent(MiplEvent e) {
        if (e.evtId() == EventId.REG_SUCCESS.id() || e.evtId() == EventId.LIFETIME_TIMEOUT.id()
                || e.evtId() == EventId.DEREG_DONE.id()) {
            lock.lock();
            try {
                observations.clear();
                if (e.evtId() == EventId.REG_SUCCESS.id()) {
                    received.registered(); // the SDK's requests of the last registration are gone
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- the log

    void record(McuRequest r, Optional<AnswerMode> mode, McuLogEntry.Outcome outcome, List<String> sent,
                List<String> replies, String note) {
        add(log, new McuLogEntry(r.last().wall(), Optional.of(r.kind()), r.msgId(), r.path(), r.lines(), mode, outcome,
                sent, replies, note));
    }

    void recordNotify(long msgId, ObjectPath path, McuLogEntry.Outcome outcome, List<String> sent,
                      List<String> replies, String note) {
        add(log, new McuLogEntry(Instant.now(), Optional.empty(), msgId, path, List.of(), Optional.empty(), outcome, sent,
                replies, note));
    }

    // ---------------------------------------------------------------- waits

    McuLogEntry awaitLog(java.util.function.Predicate<McuLogEntry> condition, String description, Duration within) {
        return await(() -> log.stream().filter(condition).findFirst(), description, within);
    }

    McuRequest awaitRequest(java.util.function.Predicate<McuRequest> condition, String description, Duration within) {
        return await(() -> requests.stream().filter(condition).findFirst(), description, within);
    }

    Observation awaitObservation(ObjectPath path, Duration within) {
        return await(() -> observations.values().stream().filter(o -> o.path().equals(path)).reduce((a, b) -> b),
                "an observation of " + path, within);
    }

    private <T> T await(Supplier<Optional<T>> probe, String description, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<T> found = probe.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    StringBuilder b = new StringBuilder("awaited ").append(description).append(" within ")
                            .append(within.toMillis()).append(" ms; the MCU's log so far:");
                    if (log.isEmpty()) {
                        b.append("\n  (nothing)");
                    }
                    log.forEach(e -> b.append("\n  ").append(e.toString().replace("\n", "\n  ")));
                    b.append("\n  requests received: ").append(requests);
                    throw new DeadlineExceeded(description, within, b.toString());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while awaiting " + description, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> void add(List<T> list, T item) {
        lock.lock();
        try {
            bounded(list, item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Appends, dropping the oldest entry beyond the capacity; under the lock. */
    private <T> void bounded(List<T> list, T item) {
        list.add(item);
        if (list.size() > capacity) {
            list.remove(0);
        }
    }

    private <T> T locked(Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            lock.unlock();
        }
    }

    static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        return b == null || b.isEmpty() ? a : a + "; " + b;
    }
}
