package org.miplhil.power;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Makes the driver a {@link PowerSpec} describes. */
public final class PowerSwitches {

    private PowerSwitches() {
    }

    /**
     * @param environment  where credential variables and PATH are looked up ({@code System.getenv()})
     * @param virtualInput the virtual module's power input; needed only for the virtual driver
     * @throws PowerException ({@link PowerException.Kind#CONFIGURATION}) for a credential variable that is not
     *                        set, or a virtual switch without a virtual module
     */
    public static PowerSwitch open(PowerSpec spec, Map<String, String> environment, Optional<PowerInput> virtualInput)
            throws PowerException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(environment, "environment");
        if (spec instanceof PowerSpec.Virtual v) {
            PowerInput input = virtualInput.orElseThrow(() -> new PowerException("virtual", "virtual module",
                    PowerAction.OPEN, PowerException.Kind.CONFIGURATION,
                    "the virtual module's power input belongs to the process that runs the module "
                            + "(./mipl-hil run or sim); there is none here"));
            return new VirtualPowerSwitch(input, "virtual module", v.timeout());
        }
        if (spec instanceof PowerSpec.Lcus l) {
            return new LcusSerialRelay(l);
        }
        if (spec instanceof PowerSpec.Numato n) {
            return new NumatoRelay(n);
        }
        if (spec instanceof PowerSpec.Http h) {
            return new HttpOutlet(h, environment);
        }
        if (spec instanceof PowerSpec.Gpio g) {
            return new GpioSwitch(g, environment);
        }
        return new CommandSwitch((PowerSpec.Command) spec, environment);
    }
}
