package org.miplhil.suite.run;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.ResourceData;

/**
 * A notification of an instance or object as a platform shows it that reports one notification per resource: OneNET
 * pushes each resource of a notification as a data point of its own ({@code ds_id} {@code objId_insId_resId},
 * nb-iot/book/manual/httppush/develop-manual.md). Consecutive resource notifications of one observation under the
 * awaited path form one notification of that path; a resource seen again starts the next one (the device notified
 * anew). On the embedded platform a notification carries the observed path, so nothing is grouped there.
 */
final class DataPointGroups {

    private final NodePath path;
    private final Map<String, Map<NodePath, ResourceData>> open = new HashMap<>();

    DataPointGroups(NodePath path) {
        this.path = path;
    }

    /**
     * Adds a notification in the platform's order of arrival; returns the group it completes so far, as one
     * notification of the awaited path stamped with its last member's arrival — empty when it is not a resource
     * notification under the awaited path.
     */
    Optional<Notification> add(Notification x) {
        if (path.isResource() || path.isResourceInstance() || !path.contains(x.path()) || x.path().depth() <= path.depth()) {
            return Optional.empty();
        }
        Map<NodePath, ResourceData> group = open.computeIfAbsent(x.observationId(), k -> new LinkedHashMap<>());
        if (x.values().stream().anyMatch(d -> group.containsKey(d.path()))) {
            group.clear();
        }
        x.values().forEach(d -> group.put(d.path(), d));
        return Optional.of(new Notification(x.observationId(), x.endpoint(), path, x.code(), group.values().stream().toList(),
                x.receivedAt(), x.nanoTime()));
    }
}
