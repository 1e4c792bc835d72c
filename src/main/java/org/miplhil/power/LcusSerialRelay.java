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
public final class LcusSerialRelay extends PowerDriver {

    static final String WRITE_ONLY = "this board cannot be read back; it is the last state this process sent";

    private final PowerSpec.Lcus spec;
    private final RelayPort port;
    private final AtomicBoolean closed = new AtomicBoolean();

    public LcusSerialRelay(PowerSpec.Lcus spec) {
        super("lcus", spec.port() + " channel " + spec.channel(), spec.timeout(), spec.verify());
        this.spec = spec;
        this.port = RelayPort.acquire(spec.port(), spec.baud(), spec.timeout());
    }

    @Override
    protected <T> T within(PowerAction action, Operations.Op<T> op) throws PowerException {
        return port.run(driver(), target(), action, spec.baud(), spec.timeout(), op);
    }

    @Override
    protected void set(boolean on, Operations.Deadline deadline) throws Exception {
        port.write((on ? spec.frames().on() : spec.frames().off()).render(spec.channel()));
    }

    @Override
    protected PowerReading get(PowerAction action, Operations.Deadline deadline) throws Exception {
        return spec.frames().readable() ? PowerReading.readBack(query(action, deadline)) : tracked(WRITE_ONLY);
    }

    @Override
    protected String mismatch(PowerState now, PowerAction action) {
        return "the board reports " + now + " after switching " + action;
    }

    private PowerState query(PowerAction action, Operations.Deadline deadline) throws Exception {
        PowerSpec.Frames f = spec.frames();
        byte[] on = f.replyOn().orElseThrow().render(spec.channel());
        byte[] off = f.replyOff().orElseThrow().render(spec.channel());
        port.discardInput();
        port.write(f.query().orElseThrow().render(spec.channel()));
        byte[] got = port.await(driver(), target(), action, b -> find(b, on).isPresent() || find(b, off).isPresent(),
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
