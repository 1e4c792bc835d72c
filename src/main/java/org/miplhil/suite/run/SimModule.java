package org.miplhil.suite.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.power.PowerInput;
import org.miplhil.power.VirtualPowerSwitch;
import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The virtual BC260Y-CN on a fresh pseudo-terminal, opened by the harness through {@link SerialLink} as any serial
 * port is. Ready once the profile's power-up sequence reached its attach line ({@code +IP: ...}).
 */
final class SimModule implements ModuleUnderTest {

    private final Path profileFile;
    private final FirmwareProfile profile;
    private final PtyPair pty;
    private final ModuleSession session;
    private final VirtualModule module;
    private final Runnable shutdownRegistrar;
    private final Duration readyWithin;
    private final VirtualPowerSwitch power;
    private final Supply supply;

    private SimModule(Path profileFile, FirmwareProfile profile, PtyPair pty, ModuleSession session,
                      VirtualModule module, Runnable shutdownRegistrar, Duration readyWithin) {
        this.profileFile = profileFile;
        this.profile = profile;
        this.pty = pty;
        this.session = session;
        this.module = module;
        this.shutdownRegistrar = shutdownRegistrar;
        this.readyWithin = readyWithin;
        // the power package's switch on the module's power input, as a rack with driver: virtual has
        this.power = new VirtualPowerSwitch(PowerInput.of(module::powerOff, module::powerOn, module::isPowered));
        this.supply = Supply.of(power);
    }

    /** Opens the pseudo-terminal, the harness's port on it, and powers the module up; returns once it attached. */
    static SimModule open(Path profileFile, FirmwareProfile profile, Registrar registrar, Runnable shutdownRegistrar,
                          FaultPlan faults, Duration readyWithin) throws BenchException {
        PtyPair pty = null;
        ModuleSession session = null;
        VirtualModule module = null;
        try {
            pty = PtyPair.open();
            // the harness's port first, so nothing the module prints at power-up is lost
            session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
            module = VirtualModule.builder().link(pty.master()).profile(profile).registrar(registrar)
                    .faultPlan(faults).build().start();
            SimModule sim = new SimModule(profileFile, profile, pty, session, module, shutdownRegistrar, readyWithin);
            sim.awaitAttached(session.sinceStart());
            return sim;
        } catch (IOException | RuntimeException e) {
            closeQuietly(module, session, pty);
            shutdownRegistrar.run();
            throw BenchException.infrastructure("cannot start the virtual module: " + e.getMessage(), e);
        } catch (BenchException e) {
            closeQuietly(module, session, pty);
            shutdownRegistrar.run();
            throw e;
        }
    }

    private void awaitAttached(Cursor from) throws BenchException {
        String line = attachLine(profile);
        try {
            session.expectUrc(from, UrcMatcher.text(line), readyWithin);
        } catch (DeadlineExceeded e) {
            throw BenchException.infrastructure("the virtual module did not print '" + line + "' within "
                    + readyWithin.toSeconds() + " s of power-up: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw BenchException.infrastructure("the virtual module's port failed during power-up: " + e.getMessage(), e);
        }
    }

    /** The power-up line after which the data connection is up (the last one if none is marked). */
    static String attachLine(FirmwareProfile profile) {
        List<FirmwareProfile.PowerUpStep> steps = profile.powerUp();
        FirmwareProfile.PowerUpStep attach = steps.stream().filter(FirmwareProfile.PowerUpStep::attach).findFirst()
                .orElse(steps.get(steps.size() - 1));
        return attach.line().replace("${ip-address}", profile.network().ipAddress())
                .replace("${cfun}", Integer.toString(profile.at().cfun()));
    }

    Path profileFile() {
        return profileFile;
    }

    FirmwareProfile profile() {
        return profile;
    }

    @Override
    public ModuleSession session() {
        return session;
    }

    @Override
    public String imei() {
        return profile.identity().imei();
    }

    @Override
    public String imsi() {
        return profile.identity().imsi();
    }

    @Override
    public String firmwareRevision() {
        return profile.identity().revision();
    }

    @Override
    public Optional<VirtualModule> virtual() {
        return Optional.of(module);
    }

    @Override
    public Optional<WakeLine> wakeLine() {
        return Optional.of(WakeLine.of(org.miplhil.power.WakePin.virtual(module::pullWakePin)));
    }

    @Override
    public Optional<Supply> supply() {
        return Optional.of(supply);
    }

    @Override
    public void prepareFirmware() throws BenchException {
        org.miplhil.sim.fota.FotaState state = module.fotaState();
        if (state.stage() == org.miplhil.sim.fota.FotaStage.IDLE && state.packageTarget().isEmpty()
                && state.revision().equals(profile.identity().revision())
                && state.result() == org.miplhil.sim.fota.UpdateResult.INITIAL && module.isPowered()) {
            return;
        }
        // a factory reset: the storage is read again at power-up, and a missing file is a fresh one
        Cursor from = session.now();
        module.powerOff();
        try {
            java.nio.file.Files.deleteIfExists(module.nvFile());
        } catch (IOException e) {
            throw BenchException.infrastructure("cannot clear the virtual module's storage " + module.nvFile() + ": "
                    + e.getMessage(), e);
        }
        module.powerOn();
        awaitAttached(from);
    }

    @Override
    public void restore() throws BenchException {
        if (!module.isPowered()) {
            Cursor from = session.now();
            module.powerOn();
            awaitAttached(from);
        }
    }

    @Override
    public void close() {
        power.close();
        closeQuietly(module, session, pty);
        shutdownRegistrar.run();
    }

    private static void closeQuietly(AutoCloseable... all) {
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
