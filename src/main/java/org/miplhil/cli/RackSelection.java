package org.miplhil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.fleet.FleetModule;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackModule;
import org.miplhil.suite.run.Target;

/**
 * Which modules of a rack {@code ./mipl-hil run --rack FILE [--modules a,b]} uses, and the fleet they make: a rack
 * of one (or one module picked) keeps the single-module run; several run through the fleet, one {@link FleetModule}
 * per rack module with its own port, identity and switches.
 */
final class RackSelection {

    /** What the selection gives. */
    sealed interface Selected {
        /** One module: the run of one module, with this rack narrowed to it. */
        record One(Rack rack) implements Selected {}

        /** Several modules: a fleet. */
        record Several(Rack rack, List<RackModule> modules) implements Selected {}

        /** A usage error. */
        record Usage(String message) implements Selected {}
    }

    private RackSelection() {
    }

    /** {@code names}: {@code --modules} (null or empty: every module of the rack). */
    static Selected select(Rack rack, List<String> names) {
        if (names == null || names.isEmpty()) {
            return rack.hasSeveralModules() ? new Selected.Several(rack, rack.modules()) : new Selected.One(rack);
        }
        List<String> unknown = new ArrayList<>();
        Map<String, RackModule> chosen = new LinkedHashMap<>();
        for (String n : names) {
            String name = n.strip();
            rack.moduleNamed(name).ifPresentOrElse(m -> chosen.put(name, m), () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            return new Selected.Usage("--modules: " + (unknown.size() == 1 ? "no module " : "no modules ")
                    + String.join(", ", unknown) + " in " + rack.file() + " (its modules: "
                    + String.join(", ", rack.moduleNames()) + ")");
        }
        if (chosen.size() == 1) {
            return new Selected.One(rack.pick(chosen.keySet().iterator().next()).rack().orElseThrow());
        }
        return new Selected.Several(rack, List.copyOf(chosen.values()));
    }

    /** How the harness reaches a rack module: the virtual module ({@code sim}), else its serial port or TCP server. */
    static Target target(RackModule m) {
        return m.module().link().<Target>map(link -> new Target.Hardware(link, m.module().port()))
                .orElseGet(Target.Sim::new);
    }

    /**
     * One fleet module per rack module. A virtual module's supply and PSM_EINT are its own inputs, switched inside
     * the process (so no switch is handed over); a real module's are its rack channels.
     */
    static List<FleetModule> fleet(List<RackModule> modules) {
        return modules.stream().map(m -> new FleetModule(m.name(), target(m), Optional.of(m.module().imei()),
                m.imsi(), m.isVirtual() ? Optional.empty() : Optional.of(m.power()),
                m.isVirtual() ? Optional.empty() : m.wake())).toList();
    }

    /**
     * Each module's firmware profile, by module name, in the rack's order. Modules of different profiles run in one
     * fleet, each its own profile's plan (the suites read once per profile: {@link org.miplhil.fleet.ProfilePlans}).
     */
    static Map<String, Path> profiles(List<RackModule> modules) {
        Map<String, Path> byModule = new LinkedHashMap<>();
        modules.forEach(m -> byModule.put(m.name(), m.module().profile()));
        return byModule;
    }

    /** Whether the modules name more than one profile file. */
    static boolean mixed(Map<String, Path> profiles) {
        return profiles.values().stream().map(p -> p.toAbsolutePath().normalize()).distinct().count() > 1;
    }
}
