package org.miplhil.power.rack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.link.LinkSpec;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.WakeSpec;

/**
 * One test position in a lab, as a rack file describes it: where the module is and at what speed, how its supply
 * is switched, how it reaches the platform, who it is, and which firmware profile it should behave like.
 *
 * @param name     the rack's name (the file name when the file gives none)
 * @param file     the rack file
 * @param module   port, baud rate, IMEI, firmware profile
 * @param platform the LwM2M server's address as the module sees it (for {@code AT+MIPLCONFIG})
 * @param power    the switch in the module's supply
 * @param offTime  how long a power cycle holds the supply off
 * @param notes    free text for the people at the bench (may be empty)
 * @param wake     the switch on the module's PSM_EINT pin (the {@code wake:} channel), when the bench has one
 * @param platformSection which platform the rack's runs use (embedded or OneNET) and how OneNET is reached; with
 *                 OneNET, {@code platform} is OneNET's LwM2M server
 */
public record Rack(String name, Path file, Module module, PlatformAddress platform, PowerSpec power, Duration offTime,
                   String notes, Optional<WakeSpec> wake, PlatformSection platformSection) {

    /** The port name of the virtual module. */
    public static final String SIM = "sim";

    public Rack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(offTime, "offTime");
        notes = notes == null ? "" : notes;
        wake = wake == null ? Optional.empty() : wake;
        platformSection = platformSection == null ? PlatformSection.embedded() : platformSection;
    }

    /** A rack of the embedded platform. */
    public Rack(String name, Path file, Module module, PlatformAddress platform, PowerSpec power, Duration offTime,
                String notes, Optional<WakeSpec> wake) {
        this(name, file, module, platform, power, offTime, notes, wake, PlatformSection.embedded());
    }

    /** A rack without a wake channel. */
    public Rack(String name, Path file, Module module, PlatformAddress platform, PowerSpec power, Duration offTime,
                String notes) {
        this(name, file, module, platform, power, offTime, notes, Optional.empty(), PlatformSection.embedded());
    }

    /**
     * @param port    a device path, {@code tcp:HOST:PORT}, or {@code sim} for the virtual module
     * @param baud    the module's UART speed (unused for {@code tcp:} and {@code sim})
     * @param imei    15 digits
     * @param profile the firmware profile file (resolved against the rack file's directory)
     */
    public record Module(String port, int baud, String imei, Path profile) {
        public Module {
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(imei, "imei");
            Objects.requireNonNull(profile, "profile");
        }

        public boolean isVirtual() {
            return port.equals(SIM);
        }

        /** How to open the module's port; empty for the virtual module. */
        public Optional<LinkSpec> link() {
            if (isVirtual()) {
                return Optional.empty();
            }
            return Optional.of(port.startsWith("tcp:") ? LinkSpec.parse(port) : LinkSpec.parse("serial:" + port + "@" + baud));
        }
    }

    /** {@code host:port}; IPv6 hosts are written in brackets. */
    public record PlatformAddress(String host, int port) {
        public PlatformAddress {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
