package org.miplhil.dut.state;

/**
 * Where a module is on its way from no power to registered with its objects, in the order the way up passes
 * through them (7.1, then 7.2.1). {@link ModuleStrategy#transition} takes a module from any of them to any other.
 */
public enum ModuleState {
    /**
     * Not checked yet: taken as a module just powered up (perhaps still booting, nothing of MIPL created: nothing of
     * the OneNET state is kept across a power-off). The way up from here starts by asking {@code AT} until it
     * answers; a caller that knows better says so with {@link ModuleStrategy#assume}.
     */
    UNKNOWN,
    /** No supply. */
    OFF,
    /** Answers {@code AT} with OK (after {@code RDY}); sleep disabled when the target asks ({@code AT+QSCLK=0}, 7.1). */
    POWERED,
    /** On the network: {@code +CEREG: 0,1} (or 0,5), the data connection {@code +IP:} up (7.1); no instance. */
    ATTACHED,
    /** {@code AT+MIPLCONFIG} sent, when the target has one (3.3.1); otherwise the same as attached. */
    CONFIGURED,
    /** {@code AT+MIPLCREATE} and one {@code AT+MIPLADDOBJ} per object (3.3.2, 3.3.5). */
    CREATED,
    /** {@code AT+MIPLOPEN} answered by {@code +MIPLEVENT: 0,6} (3.3.7, 7.2.1). */
    REGISTERED;

    /** Whether this is one of the states the way up passes through (all but {@link #UNKNOWN}). */
    public boolean isKnown() {
        return this != UNKNOWN;
    }

    /** The word suites and reports use: {@code registered}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state a word names (any case), or null. */
    public static ModuleState ofWord(String word) {
        for (ModuleState s : values()) {
            if (s.name().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return s;
            }
        }
        return null;
    }
}
