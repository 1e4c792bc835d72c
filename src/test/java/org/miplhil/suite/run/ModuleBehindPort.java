package org.miplhil.suite.run;

import java.io.IOException;
import java.nio.file.Path;
import org.miplhil.link.PtyPair;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * A virtual module on a pseudo-terminal that a run reaches as a real module ({@code serial:<pty>}): the hardware
 * target's paths (no power switch of its own, no PSM_EINT, the module's lines as the only evidence).
 */
final class ModuleBehindPort implements AutoCloseable {

    private final PtyPair pty;
    private final VirtualModule module;

    private ModuleBehindPort(PtyPair pty, VirtualModule module) {
        this.pty = pty;
        this.module = module;
    }

    static ModuleBehindPort start(Path profile) throws IOException {
        PtyPair pty = PtyPair.open();
        try {
            VirtualModule module = VirtualModule.builder().link(pty.master())
                    .profile(ProfileLoader.load(profile).orElseThrow()).build().start();
            return new ModuleBehindPort(pty, module);
        } catch (RuntimeException e) {
            pty.close();
            throw e;
        }
    }

    /** The run's target: the harness opens the pseudo-terminal as a serial port. */
    Target target() {
        return ((Target.Parsed.Ok) Target.parse("serial:" + pty.slavePath() + "@115200")).target();
    }

    VirtualModule module() {
        return module;
    }

    @Override
    public void close() {
        module.close();
        pty.close();
    }
}
