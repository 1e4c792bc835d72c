package org.miplhil.power.rack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.WakeSpec;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a rack file with a {@code modules:} list (docs/power.md, "Racks with several modules"). The rack's
 * {@code defaults:} (baud, profile), {@code power:} and {@code wake:} are laid under each entry's own keys, key by
 * key, so that a rack of 16 modules on one relay board gives the board once and each module its {@code channel}; a
 * module whose {@code power.driver} differs from the rack's takes nothing from the rack's {@code power:}. Every key
 * keeps its own position, so a problem is reported where it was written — once, however many modules share it.
 */
final class RackModulesReader {

    /** An IMSI: MCC, MNC and MSIN, at most 15 digits (3GPP TS 23.003 2.2). */
    private static final Pattern IMSI = Pattern.compile("\\d{6,15}");

    private final YamlDocument doc;
    private final Path baseDir;
    /** Each module's profile loaded (once per file) and checked, for lint; empty: not checked. */
    private final Optional<RackProfiles> profiles;

    RackModulesReader(YamlDocument doc, Path baseDir, ProfileCheck checkProfiles) {
        this.doc = doc;
        this.baseDir = baseDir;
        this.profiles = Optional.of(new RackProfiles(doc, checkProfiles));
    }

    LoadResult<Rack> read(MappingReader t, String name, Path file) {
        t.optional("module").ifPresent(n -> doc.error(t.keyNode("module"), "module: and modules: exclude each other:"
                + " a rack of several modules lists each under modules: (a rack of one may use either)"));
        PlatformSection[] section = {PlatformSection.embedded()};
        Optional<Rack.PlatformAddress> platform = t.required("platform")
                .flatMap(n -> RackLoader.platform(doc, n, section));
        Optional<MappingNode> defaults = t.optional("defaults").flatMap(this::defaults);
        Optional<Node> power = t.optional("power").filter(n -> isMapping(n, "power"));
        Optional<Node> wake = t.optional("wake").filter(n -> isMapping(n, "wake"));
        String notes = t.optional("notes").flatMap(n -> doc.string(n, "notes")).orElse("");
        Optional<List<Node>> entries = t.required("modules").flatMap(n -> doc.sequence(n, "modules"));
        t.finish(RackLoader.TOP_KEYS);
        List<RackConflicts.Placed> placed = new ArrayList<>();
        if (entries.isPresent()) {
            if (entries.get().isEmpty()) {
                doc.error(t.valueNode("modules"), "modules: lists at least one module");
            }
            for (int i = 0; i < entries.get().size(); i++) {
                entry(i, entries.get().get(i), defaults, power, wake).ifPresent(placed::add);
            }
        }
        RackConflicts.check(doc, placed);
        if (doc.hasErrors() || platform.isEmpty() || entries.isEmpty() || entries.get().isEmpty()
                || placed.size() != entries.get().size()) {
            // a problem in a default is met by every module that takes it: reported once
            Set<Problem> problems = new LinkedHashSet<>(doc.problems());
            return problems.isEmpty() ? LoadResult.invalid(file, "invalid rack file")
                    : new LoadResult.Invalid<>(List.copyOf(problems));
        }
        return new LoadResult.Ok<>(Rack.ofModules(name, file, platform.get(), notes, section[0],
                placed.stream().map(RackConflicts.Placed::module).toList()));
    }

    private boolean isMapping(Node n, String what) {
        if (n instanceof MappingNode) {
            return true;
        }
        doc.mapping(n, what); // reports it
        return false;
    }

    /** {@code defaults:}, its keys checked once. */
    private Optional<MappingNode> defaults(Node n) {
        Optional<MappingReader> mr = doc.mapping(n, "defaults");
        mr.ifPresent(d -> {
            RackLoader.DEFAULTS_KEYS.forEach(d::optional);
            d.finish(RackLoader.DEFAULTS_KEYS);
        });
        return mr.map(MappingReader::node);
    }

    private Optional<RackConflicts.Placed> entry(int i, Node node, Optional<MappingNode> defaults,
                                                 Optional<Node> powerDefaults, Optional<Node> wakeDefaults) {
        String label = "modules[" + i + "]";
        if (!(node instanceof MappingNode own)) {
            doc.mapping(node, label);
            return Optional.empty();
        }
        MappingNode merged = defaults.map(d -> under(own, d, RackLoader.DEFAULTS_KEYS)).orElse(own);
        MappingReader m = doc.mapping(merged, label).orElseThrow();
        Optional<Node> nameNode = m.required("name");
        Optional<String> moduleName = nameNode.flatMap(n -> doc.string(n, label + ".name").filter(s -> {
            if (!RackModule.NAME.matcher(s).matches()) {
                doc.error(n, label + ".name names a folder and a word of --modules: letters, digits, '.', '_' or '-',"
                        + " at most 64, found '" + s + "'");
                return false;
            }
            return true;
        }));
        Optional<Node> portNode = m.required("port");
        Optional<String> port = portNode.flatMap(n -> RackLoader.modulePort(doc, n, label + ".port"));
        OptionalLong baud = m.optional("baud").map(n -> doc.integer(n, where(own, "baud", label), 50, 4_000_000))
                .orElse(OptionalLong.of(RackLoader.DEFAULT_MODULE_BAUD));
        Optional<Node> imeiNode = m.required("imei");
        Optional<String> imei = imeiNode.flatMap(n -> digits(n, label + ".imei", RackLoader.IMEI, "15 digits"));
        Optional<Node> imsiNode = m.optional("imsi");
        Optional<String> imsi = imsiNode.flatMap(n -> digits(n, label + ".imsi", IMSI, "6 to 15 digits"));
        Optional<Node> profileNode = m.optional("profile");
        Optional<Path> profile = profileNode
                .flatMap(n -> RackLoader.existingFile(doc, n, where(own, "profile", label), baseDir))
                .filter(p -> profiles.isEmpty()
                        || profiles.get().check(profileNode.get(), RackProfiles.label(moduleName, label), p));
        if (!m.has("profile")) {
            doc.error(own, label + " is missing the key 'profile' (or give it once in defaults:)");
        }
        Optional<Node> ownPower = m.optional("power");
        Optional<Node> ownWake = m.optional("wake");
        m.finish(RackLoader.ENTRY_KEYS);
        Optional<Node> powerNode = layered(ownPower, powerDefaults, own);
        if (powerNode.isEmpty() && powerDefaults.isEmpty()) {
            doc.error(own, label + " is missing the key 'power' (or give the rack a power: its modules share, each"
                    + " module its channel)");
        }
        Duration[] offTime = {RackLoader.DEFAULT_OFF_TIME};
        Optional<PowerSpec> pw = powerNode.flatMap(n -> RackLoader.power(doc, n, offTime));
        Optional<Node> wakeNode = layered(ownWake, wakeDefaults, own);
        Optional<WakeSpec> wk = wakeNode.flatMap(n -> RackLoader.wake(doc, n));
        if (port.isPresent() && pw.isPresent()) {
            boolean sim = port.get().equals(Rack.SIM);
            if (sim != pw.get() instanceof PowerSpec.Virtual) {
                doc.error(powerNode.get(), sim
                        ? "module " + moduleName.orElse(label) + " is virtual (port: sim): its supply is switched by"
                                + " the virtual driver, not " + pw.get().driver()
                        : "the virtual driver switches only a virtual module; " + label + ".port is '" + port.get()
                                + "' (use sim, or a relay driver)");
            }
            if (wk.isPresent() && sim != wk.get().line() instanceof PowerSpec.Virtual) {
                doc.error(wakeNode.get(), sim
                        ? "module " + moduleName.orElse(label) + " is virtual (port: sim): its PSM_EINT is pulled by"
                                + " the virtual driver, not " + wk.get().line().driver()
                        : "the virtual driver pulls only a virtual module's PSM_EINT; " + label + ".port is '"
                                + port.get() + "' (use a relay or gpio driver)");
            }
        }
        if (moduleName.isEmpty() || port.isEmpty() || baud.isEmpty() || imei.isEmpty()
                || (imsiNode.isPresent() && imsi.isEmpty()) || profile.isEmpty() || pw.isEmpty()
                || (wakeNode.isPresent() && wk.isEmpty())) {
            return Optional.empty();
        }
        RackModule module = new RackModule(moduleName.get(), new Rack.Module(port.get(), (int) baud.getAsLong(),
                imei.get(), profile.get()), imsi, pw.get(), offTime[0], wk);
        return Optional.of(new RackConflicts.Placed(module, nameNode.get(), portNode.get(), imeiNode.get(),
                channelNode(ownPower).orElse(powerNode.get()), wakeNode.map(w -> channelNode(ownWake).orElse(w))));
    }

    /** How a message names a key: the module's own, or the rack's {@code defaults:} (the same for every module). */
    private static String where(MappingNode own, String key, String label) {
        return (hasKey(own, key) ? label : "defaults") + "." + key;
    }

    private Optional<String> digits(Node n, String what, Pattern p, String form) {
        return doc.string(n, what).filter(s -> {
            if (!p.matcher(s).matches()) {
                doc.error(n, what + " must be " + form + ", found '" + s + "'");
                return false;
            }
            return true;
        });
    }

    /** Where a module's switch is reported: its own {@code channel}, else its own section. */
    private static Optional<Node> channelNode(Optional<Node> own) {
        if (own.isPresent() && own.get() instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("channel")) {
                    return Optional.of(t.getValueNode());
                }
            }
        }
        return own;
    }

    /**
     * A module's {@code power:} or {@code wake:} over the rack's: the rack's keys the module does not give, unless
     * the module names another driver. Without a section of its own the module takes the rack's, reported at the
     * module (a missing channel is the module's to give).
     */
    private static Optional<Node> layered(Optional<Node> own, Optional<Node> rack, MappingNode entry) {
        if (rack.isEmpty() || !(rack.get() instanceof MappingNode r)) {
            return own;
        }
        if (own.isEmpty()) {
            return Optional.of(new MappingNode(Tag.MAP, true, new ArrayList<>(r.getValue()), entry.getStartMark(),
                    entry.getEndMark(), r.getFlowStyle()));
        }
        if (!(own.get() instanceof MappingNode o)) {
            return own; // reported as not a mapping
        }
        Optional<String> ownDriver = scalar(o, "driver");
        if (ownDriver.isPresent() && !ownDriver.equals(scalar(r, "driver"))) {
            return own;
        }
        return Optional.of(under(o, r, null));
    }

    /** {@code top}'s keys, then those of {@code below} it lacks ({@code keys}: only these; null: all). */
    private static MappingNode under(MappingNode top, MappingNode below, List<String> keys) {
        List<NodeTuple> tuples = new ArrayList<>(top.getValue());
        for (NodeTuple t : below.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && (keys == null || keys.contains(k.getValue()))
                    && !hasKey(top, k.getValue())) {
                tuples.add(t);
            }
        }
        return new MappingNode(Tag.MAP, true, tuples, top.getStartMark(), top.getEndMark(), top.getFlowStyle());
    }

    private static boolean hasKey(MappingNode m, String key) {
        return m.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
    }

    private static Optional<String> scalar(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
                    && t.getValueNode() instanceof ScalarNode v) {
                return Optional.of(v.getValue());
            }
        }
        return Optional.empty();
    }
}
