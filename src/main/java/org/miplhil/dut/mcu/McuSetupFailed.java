package org.miplhil.dut.mcu;

/** {@link McuApplication#setup()} or {@link McuApplication#teardown()} could not bring the module where it should be. */
public final class McuSetupFailed extends AssertionError {

    private static final long serialVersionUID = 1L;

    public McuSetupFailed(String message) {
        super(message);
    }

    public McuSetupFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
