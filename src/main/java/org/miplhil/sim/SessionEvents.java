package org.miplhil.sim;

import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.RegistrarEvents;

import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.miplhil.at.EventId;
import org.miplhil.sim.fota.FotaEngine;
import org.miplhil.sim.sleep.SleepController;

/**
 * Events and requests of one registration session, from the registrar's threads onto the module thread; dropped once
 * the session or the power-on period is over. Each is LwM2M data: it keeps the radio's idle time running (and, in
 * deep sleep, an event can only come from the module's own timer, which wakes it: 3.3.1 remark 2); a request in deep
 * sleep is never received.
 */
final class SessionEvents implements RegistrarEvents {

    private final ModuleThread thread;
    private final BooleanSupplier powered;
    private final MiplInterpreter interpreter;
    private final NetworkState network;
    private final SleepController sleep;
    private final FotaEngine fota;
    private final TrafficListener traffic;
    private final int epoch;
    private final long session;

    SessionEvents(ModuleThread thread, BooleanSupplier powered, MiplInterpreter interpreter, NetworkState network,
                  SleepController sleep, FotaEngine fota, TrafficListener traffic, long session) {
        this.thread = thread;
        this.powered = powered;
        this.interpreter = interpreter;
        this.network = network;
        this.sleep = sleep;
        this.fota = fota;
        this.traffic = traffic;
        this.epoch = thread.epoch();
        this.session = session;
    }

    private boolean live() {
        return powered.getAsBoolean() && epoch == thread.epoch() && session == interpreter.session();
    }

    @Override
    public void event(EventId event) {
        thread.submit(() -> {
            if (live()) {
                sleep.wakeByTimer(); // asleep, only the module's own timers make events (3.3.1 remark 2)
                network.dataActivity();
                interpreter.onEvent(event, OptionalLong.empty());
                if (event == EventId.REG_SUCCESS && live()) {
                    fota.registered(); // 6.1.3: the result of an update is reported now
                }
            }
        });
    }

    @Override
    public void event(EventId event, long extend) {
        thread.submit(() -> {
            if (live()) {
                sleep.wakeByTimer();
                network.dataActivity();
                interpreter.onEvent(event, OptionalLong.of(extend));
            }
        });
    }

    @Override
    public void request(PlatformRequest request) {
        thread.submit(() -> {
            if (live()) {
                if (!sleep.downlink()) {
                    traffic.problem("deep sleep: " + request + " not received");
                    return;
                }
                network.dataActivity();
                interpreter.onRequest(request);
            }
        });
    }
}
