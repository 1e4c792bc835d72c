package org.miplhil.container;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.miplhil.link.PtyPair;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.lwm2m.LeshanRegistrar;
import org.miplhil.sim.lwm2m.Lwm2mSettings;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/** The virtual module on a pseudo-terminal with its real LwM2M client, as {@code ./mipl-hil sim} runs it. */
record ModuleOnPty(PtyPair pty, VirtualModule module, LeshanRegistrar registrar, FirmwareProfile profile)
        implements AutoCloseable {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath();

    static ModuleOnPty start() throws IOException {
        FirmwareProfile profile = ProfileLoader.load(PROFILE).orElseThrow();
        PtyPair pty = PtyPair.open();
        LeshanRegistrar registrar = new LeshanRegistrar(Lwm2mSettings.from(profile));
        VirtualModule module = VirtualModule.builder().link(pty.master()).profile(profile).registrar(registrar)
                .build().start();
        // attached before the harness connects: a module without a PDN refuses every MIPL command with 655
        // (profile any.no-pdn), and a run on a hardware target only waits for AT to answer
        Awaitility.await("the virtual module's +IP: (attached)").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> module.recentUrcs().stream().anyMatch(u -> u.line().startsWith("+IP:")));
        return new ModuleOnPty(pty, module, registrar, profile);
    }

    @Override
    public void close() {
        module.close();
        registrar.shutdown();
        pty.close();
    }
}
