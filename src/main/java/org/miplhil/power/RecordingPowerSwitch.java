package org.miplhil.power;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A switch that reports every action to a listener as a {@link PowerEvent} — the power lines of a transcript and
 * the power marks of a report's timeline. A cycle shows as its off and its on; the gap between them is the hold.
 */
public final class RecordingPowerSwitch implements PowerSwitch {

    private final PowerSwitch delegate;
    private final Consumer<PowerEvent> listener;

    public RecordingPowerSwitch(PowerSwitch delegate, Consumer<PowerEvent> listener) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    private <T> T record(PowerAction action, PowerEvent.Action<T> body) throws PowerException {
        return PowerEvent.record(describe(), action, body, listener);
    }

    @Override
    public String driver() {
        return delegate.driver();
    }

    @Override
    public String target() {
        return delegate.target();
    }

    @Override
    public void on() throws PowerException {
        record(PowerAction.ON, () -> {
            delegate.on();
            return null;
        });
    }

    @Override
    public void off() throws PowerException {
        record(PowerAction.OFF, () -> {
            delegate.off();
            return null;
        });
    }

    @Override
    public PowerReading state() throws PowerException {
        return record(PowerAction.STATE, delegate::state);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
