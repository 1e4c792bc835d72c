package org.miplhil.fleet;

import java.util.Objects;
import java.util.Optional;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.WakeSpec;
import org.miplhil.suite.run.Target;

/**
 * One module of a fleet: a virtual module of {@code --parallel N}, or a module of a rack file with several.
 *
 * @param name   how the console, the report folders and Allure's {@code module} label name it
 * @param target how the harness reaches it ({@code sim}, a serial port, a raw TCP serial server)
 * @param imei   its IMEI when known beforehand (a virtual module's own, a rack file's); empty: asked
 * @param imsi   its IMSI when known beforehand; empty: asked (or the profile's, virtual)
 * @param power  the switch in its supply (its own relay channel); empty: power steps cannot run on hardware
 * @param wake   the switch on its PSM_EINT line; empty: wake steps cannot run on hardware
 */
public record FleetModule(String name, Target target, Optional<String> imei, Optional<String> imsi,
                          Optional<PowerSpec> power, Optional<WakeSpec> wake) {

    public FleetModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        imei = imei == null ? Optional.empty() : imei;
        imsi = imsi == null ? Optional.empty() : imsi;
        power = power == null ? Optional.empty() : power;
        wake = wake == null ? Optional.empty() : wake;
    }
}
