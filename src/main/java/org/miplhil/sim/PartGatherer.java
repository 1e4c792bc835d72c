package org.miplhil.sim;

import org.miplhil.sim.registrar.ResourceValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a multi-part AT+MIPLNOTIFY or AT+MIPLREADRSP, gathered per msgId until the part with index 0
 * (3.3.11, 3.3.15: index counts down to 0; 0 is the last part), and held to the profile's total length limit.
 */
final class PartGatherer {

    /** What adding a part gave. */
    sealed interface Added {}

    /** More parts to come. */
    record More() implements Added {}

    /** The last part came: all of them, in order; nothing is kept. */
    record Whole(List<ResourceValue> all) implements Added {}

    /** The part would exceed the total: refused; the parts gathered before it (still kept). */
    record TooLong(List<ResourceValue> before) implements Added {}

    private final Map<Long, List<ResourceValue>> parts = new LinkedHashMap<>();

    Added add(long msgId, ResourceValue value, int index, int totalMax) {
        List<ResourceValue> list = parts.computeIfAbsent(msgId, k -> new ArrayList<>());
        if (list.stream().mapToInt(ResourceValue::len).sum() + value.len() > totalMax) {
            return new TooLong(List.copyOf(list));
        }
        list.add(value);
        if (index != 0) {
            return new More();
        }
        parts.remove(msgId);
        return new Whole(List.copyOf(list));
    }

    void drop(long msgId) {
        parts.remove(msgId);
    }

    void clear() {
        parts.clear();
    }
}
