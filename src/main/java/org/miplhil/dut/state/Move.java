package org.miplhil.dut.state;

/** One step of a {@link Route}: what it does, and the state it leaves the module in. */
public enum Move {
    /** Switches the supply off. */
    POWER_OFF(ModuleState.OFF, "switch the supply off"),
    /** Switches the supply on; the module boots (RDY, +CFUN: 1, ...). */
    POWER_ON(ModuleState.UNKNOWN, "switch the supply on"),
    /** {@code AT} until OK, then {@code AT+QSCLK=0} when the target disables sleep (7.1 remark 1). */
    READY(ModuleState.POWERED, "wait until the module answers AT"),
    /** {@code AT+CEREG?} until {@code +CEREG: 0,1} or 0,5, asked again on each +IP / +CEREG (7.1). */
    ATTACH(ModuleState.ATTACHED, "wait for the network"),
    /** The target's {@code AT+MIPLCONFIG}, if it has one (3.3.1). */
    CONFIGURE(ModuleState.CONFIGURED, "configure"),
    /** {@code AT+MIPLCREATE}, then {@code AT+MIPLADDOBJ} for each object (3.3.2, 3.3.5). */
    CREATE(ModuleState.CREATED, "create the instance and add the objects"),
    /** {@code AT+MIPLOPEN}, then {@code +MIPLEVENT: 0,6} or a failure event 3, 5, 7, 8 (3.3.7, 5.7). */
    OPEN(ModuleState.REGISTERED, "register"),
    /** {@code AT+MIPLCLOSE}, then {@code +MIPLEVENT: 0,15} (3.3.8, 7.2.1). */
    CLOSE(ModuleState.CREATED, "deregister"),
    /**
     * Leaves the module closed and deleted whatever was created: {@code AT+MIPLCLOSE} and {@code AT+MIPLDELETE}, both
     * allowed to fail when there is nothing to close or delete; a refused delete is proved by {@code AT+MIPLCREATE}
     * (refused while an instance is left, 3.3.2).
     */
    REMOVE(ModuleState.ATTACHED, "close and delete the instance");

    private final ModuleState reaches;
    private final String description;

    Move(ModuleState reaches, String description) {
        this.reaches = reaches;
        this.description = description;
    }

    /** The state the module is in once the move succeeded. */
    public ModuleState reaches() {
        return reaches;
    }

    public String description() {
        return description;
    }
}
