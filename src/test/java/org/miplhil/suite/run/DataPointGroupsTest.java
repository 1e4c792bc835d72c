package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;

/** Resource notifications (OneNET's data points) of one observation read as one notification of the awaited path. */
class DataPointGroupsTest {

    private static Notification point(String observation, int insId, int resId, double value, long nanos) {
        NodePath p = NodePath.resource(3303, insId, resId);
        return new Notification(observation, "866971050123456", p, CoapCode.CONTENT,
                List.of(new ResourceData(p, ResourceValue.of(value))), Instant.now(), nanos);
    }

    private static List<NodePath> paths(Optional<Notification> n) {
        return n.orElseThrow().values().stream().map(ResourceData::path).toList();
    }

    @Test
    void consecutiveDataPointsOfOneObservationFormOneNotificationOfTheInstance() {
        DataPointGroups g = new DataPointGroups(NodePath.instance(3303, 0));
        g.add(point("o", 0, 5700, 10.24, 1));
        g.add(point("other", 0, 5601, 1, 2));
        Optional<Notification> n = g.add(point("o", 0, 5601, 0.16, 3));

        assertThat(n.orElseThrow().path()).isEqualTo(NodePath.instance(3303, 0));
        assertThat(n.orElseThrow().nanoTime()).isEqualTo(3);
        assertThat(paths(n)).containsExactly(NodePath.resource(3303, 0, 5700), NodePath.resource(3303, 0, 5601));
    }

    @Test
    void aResourceSeenAgainStartsTheNextNotification() {
        DataPointGroups g = new DataPointGroups(NodePath.object(3303));
        g.add(point("o", 0, 5700, 1, 1));
        g.add(point("o", 1, 5700, 2, 2));
        Optional<Notification> n = g.add(point("o", 0, 5700, 3, 3));

        assertThat(paths(n)).containsExactly(NodePath.resource(3303, 0, 5700));
        assertThat(n.orElseThrow().values().get(0).value()).isEqualTo(ResourceValue.of(3.0));
    }

    @Test
    void nothingIsGroupedForAResourceOrOutsideTheAwaitedPath() {
        assertThat(new DataPointGroups(NodePath.resource(3303, 0, 5700)).add(point("o", 0, 5700, 1, 1))).isEmpty();
        assertThat(new DataPointGroups(NodePath.instance(3303, 1)).add(point("o", 0, 5700, 1, 1))).isEmpty();
    }
}
