package org.miplhil.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.miplhil.at.MiplConfig;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.mcu.SetupResult;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.objects.ObjectModel;
import org.miplhil.objects.ObjectPath;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * One module of {@code ./mipl-hil bench fleet}: a virtual BC260Y-CN with its own IMEI on its own pseudo-terminal (its
 * own LwM2M client), the harness's session on the other side, and the harness's MCU application on that session
 * answering the platform's requests from the object model, as a catalogue case with {@code mcu: auto} does.
 */
final class FleetBenchModule implements AutoCloseable {

    /** What registering took, in {@link System#nanoTime()}: the write of AT+MIPLOPEN and event 6's last byte. */
    record Registration(long openSentNanos, long event6Nanos) {}

    private final String imei;
    private final PtyPair pty;
    private final VirtualModule module;
    private final ModuleSession session;
    private final McuApplication mcu;

    private FleetBenchModule(String imei, PtyPair pty, VirtualModule module, ModuleSession session,
                             McuApplication mcu) {
        this.imei = imei;
        this.pty = pty;
        this.module = module;
        this.session = session;
        this.mcu = mcu;
    }

    /**
     * Powers a module up on a fresh pseudo-terminal and attaches the MCU, configured for the platform at
     * {@code 127.0.0.1:coapPort}; returns once the module printed its attach line ({@code +IP: ...}).
     */
    static FleetBenchModule start(FirmwareProfile profile, String imei, ObjectModel model, int coapPort,
                                  Duration within) throws IOException {
        FirmwareProfile.Identity i = profile.identity();
        FirmwareProfile own = profile.withIdentity(new FirmwareProfile.Identity(i.manufacturer(), i.model(),
                i.revision(), imei, i.imsi(), i.iccid(), i.miplVersion()));
        PtyPair pty = PtyPair.open();
        ModuleSession session = null;
        VirtualModule module = null;
        McuApplication mcu = null;
        try {
            // the harness's port first, so nothing the module prints at power-up is lost
            session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
            module = VirtualModule.builder().link(pty.master()).profile(own).build().start();
            session.expectUrc("\\+IP: .*", within);
            mcu = McuApplication.builder(session, model).config(MiplConfig.of(0, 0, 0, "127.0.0.1", coapPort))
                    .start();
            return new FleetBenchModule(imei, pty, module, session, mcu);
        } catch (IOException | RuntimeException | AssertionError e) {
            closeAll(mcu, session, module, pty);
            throw e;
        }
    }

    String imei() {
        return imei;
    }

    /** The MCU's start-up: AT, AT+QSCLK=0, the network, AT+MIPLCONFIG, CREATE, ADDOBJ, OPEN, event 6. */
    Registration register() {
        SetupResult r = mcu.setup();
        Reply open = r.replies().stream().filter(x -> x.command().startsWith("AT+MIPLOPEN")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("the MCU's setup sent no AT+MIPLOPEN"));
        return new Registration(open.sentNanos(), r.registered().nanoTime());
    }

    /** Within {@code within}, the MCU holds the platform's observation of {@code path} (its observe answered). */
    void awaitObserved(ObjectPath path, Duration within) {
        mcu.awaitObservation(path, within);
    }

    /**
     * The MCU notifies the observed {@code path}'s value ({@code AT+MIPLNOTIFY}, as a case's {@code notify} step);
     * gives when the write of the command started ({@link System#nanoTime()}).
     *
     * @throws IllegalStateException the module did not answer OK
     */
    long notifyObserved(ObjectPath path) {
        List<Reply> replies = mcu.notify(path);
        if (replies.isEmpty() || !replies.get(replies.size() - 1).isOk()) {
            throw new IllegalStateException("AT+MIPLNOTIFY of " + path + " answered " + replies);
        }
        return replies.get(0).sentNanos();
    }

    /** Lines the harness's session journal holds (every command sent and line received since power-up). */
    int journalSize() {
        return session.journal().size();
    }

    /**
     * The MCU's way down (AT+MIPLCLOSE, event 15, AT+MIPLDELETE), so that no answer of the MCU is cut off by the
     * closing port; then everything is closed. A way down that fails is the bench's no longer: closing goes on.
     */
    @Override
    public void close() {
        try {
            mcu.teardown();
        } catch (RuntimeException | AssertionError e) {
            // the module goes away all the same
        }
        closeAll(mcu, session, module, pty);
    }

    private static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing goes on
                }
            }
        }
    }
}
