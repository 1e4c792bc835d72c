package org.miplhil.suite.run;

import java.util.Optional;
import org.miplhil.dut.ModuleSession;
import org.miplhil.sim.VirtualModule;

/** The module a run talks to, with what the run learnt about it. */
interface ModuleUnderTest extends AutoCloseable {

    ModuleSession session();

    String imei();

    String imsi();

    /** ATI's revision, or empty when the module did not say. */
    String firmwareRevision();

    /** The virtual module behind the port, when it is one (fault plans, its power input). */
    Optional<VirtualModule> virtual();

    /** The power input the {@code power} steps switch, when this target has one. */
    Optional<Supply> supply();

    /** The PSM_EINT pin the {@code wake} step pulls, when this target has one. */
    default Optional<WakeLine> wakeLine() {
        return Optional.empty();
    }

    /**
     * Before a case that runs a FOTA campaign: the module runs the firmware it started with. The virtual module's
     * non-volatile storage is cleared (it restarts with the profile's revision) when an earlier case updated it; a
     * real module is left as it is (the bench must hold the package's base revision).
     */
    default void prepareFirmware() throws BenchException {
    }

    /** Brings the module back to power and attached after a case left it off; no-op when it is on. */
    void restore() throws BenchException;

    @Override
    void close();
}
