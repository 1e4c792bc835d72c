package org.miplhil.cli;

import java.util.Optional;
import org.miplhil.power.PowerException;
import org.miplhil.power.PowerSwitch;
import org.miplhil.power.PowerSwitches;
import org.miplhil.power.WakePin;
import org.miplhil.power.rack.Rack;

/**
 * A rack module's switches for {@code profile learn}'s power-cycle and sleep probes: the {@code power:} channel and,
 * when the rack has one, the {@code wake:} channel on PSM_EINT. Credentials come from the environment, as for
 * {@code relay}.
 */
record RackSwitches(Optional<PowerSwitch> power, Optional<WakePin> wake) {

    static RackSwitches none() {
        return new RackSwitches(Optional.empty(), Optional.empty());
    }

    /** Opens both channels of the rack's (one) module; the power switch is closed again if the wake pin fails. */
    static RackSwitches open(Rack rack) throws PowerException {
        PowerSwitch power = PowerSwitches.open(rack.power(), System.getenv(), Optional.empty());
        try {
            Optional<WakePin> wake = rack.wake().isPresent()
                    ? Optional.of(WakePin.open(rack.wake().get(), System.getenv(), Optional.empty())) : Optional.empty();
            return new RackSwitches(Optional.of(power), wake);
        } catch (PowerException | RuntimeException e) {
            power.close();
            throw e;
        }
    }

    void close() {
        power.ifPresent(PowerSwitch::close);
        wake.ifPresent(WakePin::close);
    }
}
