package org.miplhil.power;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Arrays;
import java.util.Optional;

/**
 * A relay board driven by binary frames on a serial port: the CH340 "LCUS" boards by default
 * ({@code A0 <channel> <0|1> <sum>}, 9600 baud), other boards through {@link PowerSpec.Frames}.
 *
 * <p>LCUS boards answer nothing and cannot be asked: {@link #state()} then returns the last state this process
 * set, marked {@link PowerReading.Origin#TRACKED}, and a board that is unplugged from its relay, or mis-wired, goes
 * unnoticed. Boards with a query frame are read back, and checked after every switch when {@code verify} is set.
 */
public final class LcusSerialRelay implements PowerSwitch {

    static final String WRITE_ONLY = "this board cannot be read back; it is the last state this process sent";

    private final PowerSpec.Lcus spec;
    private final String target;
    private final RelayPort port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile PowerState tracked = PowerState.UNKNOWN;

    public LcusSerialRelay(PowerSpec.Lcus spec) {
        this.spec = spec;
        this.target = spec.port() + " channel " + spec.channel();
        this.port = RelayPort.acquire(spec.port(), spec.baud(), spec.timeout());
    }

    @Override
    public String driver() {
        return "lcus";
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public void on() throws PowerException {
        set(true);
    }

    @Override
    public void off() throws PowerException {
        set(false);
    }

    private void set(boolean on) throws PowerException {
        PowerAction action = PowerAction.of(on);
        port.run(driver(), target, action, spec.baud(), spec.timeout(), deadline -> {
            port.write((on ? spec.frames().on() : spec.frames().off()).render(spec.channel()));
            tracked = PowerState.of(on);
            if (spec.verify() && spec.frames().readable()) {
                PowerState now = query(action, deadline);
                if (now != PowerState.of(on)) {
                    throw new PowerException(driver(), target, action, PowerException.Kind.STATE_MISMATCH,
                            "the board reports " + now + " after switching " + action);
                }
            }
            return null;
        });
    }

    @Override
    public PowerReading state() throws PowerException {
        if (!spec.frames().readable()) {
            return PowerReading.tracked(tracked, WRITE_ONLY);
        }
        return port.run(driver(), target, PowerAction.STATE, spec.baud(), spec.timeout(),
                deadline -> PowerReading.readBack(query(PowerAction.STATE, deadline)));
    }

    private PowerState query(PowerAction action, Operations.Deadline deadline) throws Exception {
        PowerSpec.Frames f = spec.frames();
        byte[] on = f.replyOn().orElseThrow().render(spec.channel());
        byte[] off = f.replyOff().orElseThrow().render(spec.channel());
        port.discardInput();
        port.write(f.query().orElseThrow().render(spec.channel()));
        byte[] got = port.await(driver(), target, action, b -> find(b, on).isPresent() || find(b, off).isPresent(),
                deadline,
                "the state reply " + FrameTemplate.hex(on) + " (on) or " + FrameTemplate.hex(off) + " (off)",
                FrameTemplate::hex);
        return find(got, on).isPresent() ? PowerState.ON : PowerState.OFF;
    }

    private static Optional<Integer> find(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            port.release();
        }
    }
}
