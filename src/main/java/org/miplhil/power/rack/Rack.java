package org.miplhil.power.rack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param modules  every module of the rack, in the file's order (a rack file's {@code modules:} list; one module,
 *                 named like the rack, for a file with {@code module:}). {@code module}, {@code power},
 *                 {@code offTime} and {@code wake} are the first module's: a caller that needs one module of a rack
 *                 of several picks it with {@link #pick(String)}
 */
public record Rack(String name, Path file, Module module, PlatformAddress platform, PowerSpec power, Duration offTime,
                   String notes, Optional<WakeSpec> wake, PlatformSection platformSection, List<RackModule> modules) {

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
        modules = modules == null || modules.isEmpty()
                ? List.of(new RackModule(name, module, Optional.empty(), power, offTime, wake)) : List.copyOf(modules);
    }

    /** A rack of one module (a rack file with {@code module:}). */
    public Rack(String name, Path file, Module module, PlatformAddress platform, PowerSpec power, Duration offTime,
                String notes, Optional<WakeSpec> wake, PlatformSection platformSection) {
        this(name, file, module, platform, power, offTime, notes, wake, platformSection, List.of());
    }

    /** A rack of several modules: {@code module}, {@code power}, {@code offTime} and {@code wake} the first's. */
    public static Rack ofModules(String name, Path file, PlatformAddress platform, String notes,
                                 PlatformSection platformSection, List<RackModule> modules) {
        RackModule first = modules.get(0);
        return new Rack(name, file, first.module(), platform, first.power(), first.offTime(), notes, first.wake(),
                platformSection, modules);
    }

    /** Whether the rack carries more than one module (a run then drives them as a fleet). */
    public boolean hasSeveralModules() {
        return modules.size() > 1;
    }

    /** The modules' names, in the file's order. */
    public List<String> moduleNames() {
        return modules.stream().map(RackModule::name).toList();
    }

    /** The module named so. */
    public Optional<RackModule> moduleNamed(String moduleName) {
        return modules.stream().filter(m -> m.name().equals(moduleName)).findFirst();
    }

    /**
     * The rack narrowed to one module, for the commands that act on one ({@code relay}, {@code onenet check}):
     * the named one ({@code --module NAME}), or, with no name, the rack's only module. A rack of several without a
     * name, or a name the rack does not have, gives a message naming the rack's modules.
     */
    public Pick pick(String moduleName) {
        if (moduleName == null) {
            return hasSeveralModules()
                    ? new Pick(Optional.empty(), file + " has " + modules.size() + " modules (" + String.join(", ",
                            moduleNames()) + "): pick one with --module NAME")
                    : new Pick(Optional.of(this), "");
        }
        Optional<RackModule> m = moduleNamed(moduleName);
        if (m.isEmpty()) {
            return new Pick(Optional.empty(), "no module '" + moduleName + "' in " + file + " (its modules: "
                    + String.join(", ", moduleNames()) + ")");
        }
        RackModule one = m.get();
        return new Pick(Optional.of(new Rack(name, file, one.module(), platform, one.power(), one.offTime(), notes,
                one.wake(), platformSection, List.of(one))), "");
    }

    /** {@link #pick}'s outcome: the rack of one module, or why there is none. */
    public record Pick(Optional<Rack> rack, String problem) {
        public Pick {
            Objects.requireNonNull(rack, "rack");
            Objects.requireNonNull(problem, "problem");
        }
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
