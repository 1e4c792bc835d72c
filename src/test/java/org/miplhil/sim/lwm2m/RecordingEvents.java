package org.miplhil.sim.lwm2m;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.core.ConditionTimeoutException;
import org.miplhil.at.EventId;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.RegistrarEvents;

/** What a registrar reported, in order of the calls: what the module would turn into URCs. */
final class RecordingEvents implements RegistrarEvents {

    /** One call: an event ({@code request} null) or a platform request. */
    record Item(EventId evtId, OptionalLong extend, PlatformRequest request, long nanoTime) {
        boolean isEvent() {
            return request == null;
        }

        @Override
        public String toString() {
            return request != null ? request.toString()
                    : "event " + evtId.id() + (extend.isPresent() ? "," + extend.getAsLong() : "");
        }
    }

    private final List<Item> items = new CopyOnWriteArrayList<>();

    @Override
    public void event(EventId evtId) {
        items.add(new Item(evtId, OptionalLong.empty(), null, System.nanoTime()));
    }

    @Override
    public void event(EventId evtId, long extend) {
        items.add(new Item(evtId, OptionalLong.of(extend), null, System.nanoTime()));
    }

    @Override
    public void request(PlatformRequest request) {
        items.add(new Item(null, OptionalLong.empty(), request, System.nanoTime()));
    }

    List<Item> items() {
        return List.copyOf(items);
    }

    List<EventId> eventIds() {
        List<EventId> out = new ArrayList<>();
        for (Item i : items) {
            if (i.isEvent()) {
                out.add(i.evtId());
            }
        }
        return out;
    }

    List<PlatformRequest> requests() {
        return items.stream().filter(i -> !i.isEvent()).map(Item::request).toList();
    }

    /** Waits for the event; the failure lists everything reported. */
    Item awaitEvent(EventId evtId, Duration within) {
        try {
            await("+MIPLEVENT: 0," + evtId.id()).atMost(within).pollInterval(Duration.ofMillis(10))
                    .until(() -> items.stream().anyMatch(i -> i.isEvent() && i.evtId() == evtId));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no event " + evtId.id() + " within " + within + "; reported: " + items, e);
        }
        return items.stream().filter(i -> i.isEvent() && i.evtId() == evtId).findFirst().orElseThrow();
    }

    /** Waits for the n-th (from 1) request of that kind. */
    <T extends PlatformRequest> T awaitRequest(Class<T> kind, int n, Duration within) {
        try {
            await(kind.getSimpleName() + " #" + n).atMost(within).pollInterval(Duration.ofMillis(5))
                    .until(() -> requests().stream().filter(kind::isInstance).count() >= n);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + kind.getSimpleName() + " #" + n + " within " + within + "; reported: "
                    + items, e);
        }
        return requests().stream().filter(kind::isInstance).map(kind::cast).skip(n - 1L).findFirst().orElseThrow();
    }

    <T extends PlatformRequest> T awaitRequest(Class<T> kind, Duration within) {
        return awaitRequest(kind, 1, within);
    }
}
