package org.miplhil.learn;

import java.io.IOException;
import java.time.Duration;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.link.LinkSpec;
import org.miplhil.link.Links;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The module the probes talk to, through the harness's {@link ModuleSession}: the virtual module on a fresh
 * pseudo-terminal (its profile and fault plan given), or a real one on the port {@code --target} names (as
 * {@code run}'s). Ready once it answers {@code AT}.
 */
public final class ProbedModule implements AutoCloseable {

    private final ModuleSession session;
    private final AutoCloseable[] owned;

    private ProbedModule(ModuleSession session, AutoCloseable... owned) {
        this.session = session;
        this.owned = owned;
    }

    public ModuleSession session() {
        return session;
    }

    /** The virtual module running {@code profile} with {@code faults}, powered up and attached ({@code +IP}). */
    public static ProbedModule virtual(FirmwareProfile profile, FaultPlan faults, Duration readyWithin) throws IOException {
        PtyPair pty = PtyPair.open();
        ModuleSession session = null;
        VirtualModule module = null;
        try {
            // the harness's port first, so nothing the module prints at power-up is lost
            session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
            module = VirtualModule.builder().link(pty.master()).profile(profile).faultPlan(faults).build().start();
            session.expectUrc("\\+IP: .*", readyWithin);
            return new ProbedModule(session, module, pty);
        } catch (IOException | RuntimeException | AssertionError e) {
            closeAll(session, module, pty);
            throw new IOException("the virtual module did not start: " + e.getMessage(), e);
        }
    }

    /** A real module on {@code link}: {@code AT} once a second until it answers OK, for at most {@code within}. */
    public static ProbedModule hardware(LinkSpec link, Duration within) throws IOException {
        ModuleSession session = ModuleSession.open(Links.open(link)); // a port that cannot be opened: IOException
        long end = System.nanoTime() + within.toNanos();
        String last = "nothing";
        while (System.nanoTime() < end) {
            try {
                Reply r = session.send("AT", Duration.ofSeconds(1));
                if (r.isOk()) {
                    return new ProbedModule(session);
                }
                last = r.toString();
            } catch (DeadlineExceeded e) {
                last = e.getMessage();
            }
        }
        session.close();
        throw new Silent("the module did not answer AT with OK within " + within.toSeconds() + " s; last: " + last);
    }

    /** The port opened but the module answered nothing the probes could start with. */
    public static final class Silent extends IOException {
        public Silent(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        closeAll(session);
        closeAll(owned);
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
