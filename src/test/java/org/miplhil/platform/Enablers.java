package org.miplhil.platform;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.resource.SimpleInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.eclipse.leshan.core.util.datatype.ULong;

/** Object enablers for the test client. */
public final class Enablers {

    private Enablers() {
    }

    /** IPSO 3303: a sensor value the test sets, units, min/max, and reset (5605) that records its arguments. */
    public static final class Temperature extends BaseInstanceEnabler {
        private volatile double value;
        private volatile double min;
        private volatile double max;
        public final List<String> executed = new CopyOnWriteArrayList<>();

        public Temperature(int id, double value) {
            super(id);
            this.value = value;
            this.min = value;
            this.max = value;
        }

        public void set(double v) {
            value = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            fireResourceChange(5700);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            switch (resourceId) {
                case 5700:
                    return ReadResponse.success(resourceId, value);
                case 5701:
                    return ReadResponse.success(resourceId, "Cel");
                case 5601:
                    return ReadResponse.success(resourceId, min);
                case 5602:
                    return ReadResponse.success(resourceId, max);
                default:
                    return super.read(server, resourceId);
            }
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            if (resourceId == 5605) {
                executed.add(arguments.toString());
                min = value;
                max = value;
                return ExecuteResponse.success();
            }
            return super.execute(server, resourceId, arguments);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(5700, 5701, 5601, 5602, 5605);
        }
    }

    /** IPSO 3311 with the note's resources (7.2.1: 5850;5851;5706;5805), stored as written. */
    public static SimpleInstanceEnabler lightControl(int id) {
        return new SimpleInstanceEnabler(id, 5850, true, 5851, 40L, 5706, "white", 5805, 1.88) {
            @Override
            public List<Integer> getAvailableResourceIds(ObjectModel model) {
                return List.of(5850, 5851, 5706, 5805);
            }
        };
    }

    /** The typed-values object: one value of every type; execute records its arguments. */
    public static final class Typed extends SimpleInstanceEnabler {
        final List<String> executed = new CopyOnWriteArrayList<>();

        public Typed(int id) {
            super(id, TestModels.STRING, "hello", TestModels.INTEGER, -42L, TestModels.UNSIGNED, ULong.valueOf(7L),
                    TestModels.FLOAT, 1.5, TestModels.BOOLEAN, true, TestModels.OPAQUE, new byte[] {1, (byte) 0xAB},
                    TestModels.TIME, new Date(1_700_000_000_000L), TestModels.OBJLNK, new ObjectLink(3303, 0));
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            if (resourceId == TestModels.EXEC) {
                executed.add(arguments.toString());
                return ExecuteResponse.success();
            }
            return super.execute(server, resourceId, arguments);
        }

        @Override
        public WriteResponse write(LwM2mServer server, boolean replace, int resourceid, LwM2mResource value) {
            return super.write(server, replace, resourceid, value);
        }
    }

    /**
     * An enabler whose reads block until {@link #release()} (or a minute), like a module whose MCU never
     * answers {@code +MIPLREAD}. Tests release it in teardown.
     */
    public static final class Blocking extends BaseInstanceEnabler {
        private final CountDownLatch latch = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        public Blocking(int id) {
            super(id);
        }

        public void release() {
            latch.countDown();
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            entered.countDown();
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return resourceId == 5701 ? ReadResponse.success(resourceId, "Cel")
                    : ReadResponse.success(resourceId, 21.5);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(5700, 5701);
        }
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
