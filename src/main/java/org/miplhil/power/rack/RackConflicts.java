package org.miplhil.power.rack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.miplhil.power.PowerSpec;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What the modules of one rack must not share: a name, a port (one UART has one reader), an IMEI (the platform tells
 * devices apart by it), a relay channel on the same board (a power cut on one module must never touch another), a
 * wake line. Each clash is an error at the second use, naming the first one's position.
 */
final class RackConflicts {

    /** A module as read, with the nodes its clashes are reported at. */
    record Placed(RackModule module, Node name, Node port, Node imei, Node power, Optional<Node> wake) {}

    /** A switch's place: which board (its key and its description) and which channel on it. */
    record Switch(String board, String describe, int channel) {
        String key() {
            return board + "#" + channel;
        }
    }

    private record Use(Placed module, String role, Node at, PowerSpec spec) {}

    private RackConflicts() {
    }

    static void check(YamlDocument doc, List<Placed> modules) {
        if (modules.isEmpty()) {
            return;
        }
        boolean virtual = modules.get(0).module().isVirtual();
        Map<String, Placed> names = new LinkedHashMap<>();
        Map<String, Placed> ports = new LinkedHashMap<>();
        Map<String, Placed> imeis = new LinkedHashMap<>();
        Map<String, Use> switches = new LinkedHashMap<>();
        for (Placed p : modules) {
            RackModule m = p.module();
            if (m.isVirtual() != virtual) {
                doc.error(p.port(), "module " + m.name() + ": a rack's modules are all virtual (port: sim) or all real;"
                        + " module " + modules.get(0).module().name() + " is " + (virtual ? "virtual" : "real")
                        + " (at " + doc.position(modules.get(0).port()) + ")");
            }
            Placed first = names.putIfAbsent(m.name(), p);
            if (first != null) {
                doc.error(p.name(), "duplicate module name '" + m.name() + "' (first at " + doc.position(first.name())
                        + ")");
            }
            if (!m.isVirtual()) {
                first = ports.putIfAbsent(portKey(m.module().port()), p);
                if (first != null) {
                    doc.error(p.port(), "duplicate port " + m.module().port() + ": module " + m.name() + " and module "
                            + first.module().name() + " (first at " + doc.position(first.port()) + ") would read the"
                            + " same UART");
                }
            }
            first = imeis.putIfAbsent(m.module().imei(), p);
            if (first != null) {
                doc.error(p.imei(), "duplicate IMEI " + m.module().imei() + ": module " + m.name() + " and module "
                        + first.module().name() + " (first at " + doc.position(first.imei()) + "); the platform"
                        + " tells devices apart by their IMEI");
            }
            of(m.power()).ifPresent(s -> use(doc, switches, s, new Use(p, "power", p.power(), m.power())));
            m.wake().ifPresent(w -> of(w.line()).ifPresent(s -> use(doc, switches, s,
                    new Use(p, "wake line", p.wake().orElse(p.power()), w.line()))));
        }
        // a relay board's own serial port is no module's UART
        for (Use u : switches.values()) {
            serialPort(u.spec()).map(RackConflicts::portKey).map(ports::get).ifPresent(owner ->
                    doc.error(u.at(), "module " + u.module().module().name() + "'s " + u.role() + " board is on "
                            + owner.module().module().port() + ", module " + owner.module().name() + "'s UART (at "
                            + doc.position(owner.port()) + ")"));
        }
    }

    private static void use(YamlDocument doc, Map<String, Use> switches, Switch s, Use u) {
        Use first = switches.putIfAbsent(s.key(), u);
        if (first == null) {
            return;
        }
        String effect = u.role().equals("power") && first.role().equals("power")
                ? "a power cut on one would cut both" : u.role().equals("power") || first.role().equals("power")
                ? "one switch cannot be a supply and a wake line" : "a pulse on one would wake both";
        doc.error(u.at(), "module " + u.module().module().name() + "'s " + u.role() + " is " + s.describe()
                + ", as is module " + first.module().module().name() + "'s " + first.role() + " (first at "
                + doc.position(first.at()) + "): " + effect);
    }

    /** A port as a key: device paths as written, a tcp: address without case in its host. */
    static String portKey(String port) {
        return port.startsWith("tcp:") ? port.toLowerCase(Locale.ROOT) : port;
    }

    private static Optional<String> serialPort(PowerSpec s) {
        if (s instanceof PowerSpec.Lcus l) {
            return Optional.of(l.port());
        }
        if (s instanceof PowerSpec.Numato n) {
            return Optional.of(n.port());
        }
        return Optional.empty();
    }

    /** Where a switch is; empty for the virtual module's own (each virtual module has its own power input). */
    static Optional<Switch> of(PowerSpec s) {
        // one serial port is one board, whichever driver speaks to it
        if (s instanceof PowerSpec.Lcus l) {
            return Optional.of(new Switch("serial:" + portKey(l.port()), "channel " + l.channel()
                    + " of the lcus board on " + l.port(), l.channel()));
        }
        if (s instanceof PowerSpec.Numato n) {
            return Optional.of(new Switch("serial:" + portKey(n.port()), "channel " + n.channel()
                    + " of the numato board on " + n.port(), n.channel()));
        }
        if (s instanceof PowerSpec.Http h) {
            return Optional.of(new Switch("http:" + h.host().toLowerCase(Locale.ROOT), "channel " + h.channel()
                    + " of the outlet at " + h.host(), h.channel()));
        }
        if (s instanceof PowerSpec.Gpio g) {
            return Optional.of(new Switch("gpio:" + g.backend() + ":" + g.chip() + ":" + g.sysfsRoot(), "GPIO line "
                    + g.line() + (g.chip().isEmpty() ? "" : " of " + g.chip()), g.line()));
        }
        if (s instanceof PowerSpec.Command c) {
            return Optional.of(new Switch("command:" + c.on(), "channel " + c.channel() + " of the command "
                    + text(c.on()), c.channel()));
        }
        return Optional.empty(); // the virtual module's own input: each virtual module has its own
    }

    private static String text(PowerSpec.Invocation i) {
        return i instanceof PowerSpec.Invocation.Shell sh ? sh.line()
                : String.join(" ", ((PowerSpec.Invocation.Argv) i).args());
    }
}
