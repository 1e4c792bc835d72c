package org.miplhil.cli;

import java.io.IOException;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;

/** The virtual module on a pseudo-terminal and the harness's session on its other side. */
final class ModuleRig implements AutoCloseable {
    final PtyPair pty;
    final VirtualModule module;
    final ModuleSession session;

    ModuleRig(FirmwareProfile profile) throws IOException {
        PtyPair p = PtyPair.open();
        VirtualModule m = null;
        ModuleSession s = null;
        try {
            m = VirtualModule.builder().link(p.master()).profile(profile).build();
            s = ModuleSession.open(SerialLink.open(p.slavePath().toString()));
            m.start();
            s.expectUrc("\\+IP: .*", Lwm2mBench.WITHIN);
        } catch (IOException | RuntimeException | AssertionError e) {
            if (s != null) {
                s.close();
            }
            if (m != null) {
                m.close();
            }
            p.close();
            throw e;
        }
        pty = p;
        module = m;
        session = s;
    }

    Reply ok(String command) {
        Reply r = session.send(command);
        if (!r.isOk()) {
            throw new IllegalStateException(command + " answered " + r);
        }
        return r;
    }

    @Override
    public void close() {
        session.close();
        module.close();
        pty.close();
    }
}
