package org.miplhil.power.rack;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.WakeSpec;

/**
 * One module of a rack (an entry of a rack file's {@code modules:} list, or the one {@code module:} of a rack of one):
 * its name, where it is, who it is, its own supply switch and, optionally, its own wake line.
 *
 * @param name    how {@code --modules}, {@code --module}, the console and the report folders name it
 * @param module  port, baud rate, IMEI, firmware profile
 * @param imsi    the SIM's IMSI when the rack file gives it (empty: asked with {@code AT+CIMI})
 * @param power   the switch in its supply (a channel of a relay board the rack's modules may share)
 * @param offTime how long a power cycle holds its supply off
 * @param wake    the switch on its PSM_EINT pin, when the bench has one
 */
public record RackModule(String name, Rack.Module module, Optional<String> imsi, PowerSpec power, Duration offTime,
                         Optional<WakeSpec> wake) {

    /** What {@code name} may be: it becomes a folder name ({@code junit/<module>/}) and a word of {@code --modules}. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public RackModule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(offTime, "offTime");
        imsi = imsi == null ? Optional.empty() : imsi;
        wake = wake == null ? Optional.empty() : wake;
    }

    public boolean isVirtual() {
        return module.isVirtual();
    }
}
