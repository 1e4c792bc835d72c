package org.miplhil.sim.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one entry of a fault plan's {@code faults:} list (the grammar is {@link FaultPlanLoader}'s). Problems are
 * recorded in the document with their position; nothing throws on bad input.
 */
final class FaultReader {

    static final List<String> ACTIONS = List.of("delay", "reply", "drop", "duplicate", "swap-next", "garble", "edit",
            "emit", "pause");
    static final List<String> KEYS = List.of("on", "match", "action", "value", "times", "skip", "field", "after",
            "reply-matches");
    private static final List<String> ON = List.of("command", "urc", "power-on");

    private final YamlDocument doc;
    private final MappingReader m;
    private final String path;

    private FaultReader(YamlDocument doc, MappingReader m, String path) {
        this.doc = doc;
        this.m = m;
        this.path = path;
    }

    static Optional<Fault> read(YamlDocument doc, Node node, String path) {
        return doc.mapping(node, path).flatMap(m -> new FaultReader(doc, m, path).read(node));
    }

    private Optional<Fault> read(Node node) {
        int before = doc.errors().size();
        Optional<Fault.On> on = m.required("on").flatMap(n -> doc.oneOf(n, path + ".on", ON)).map(FaultReader::on);
        boolean powerOn = on.isPresent() && on.get() == Fault.On.POWER_ON;
        Optional<Pattern> match = powerOn ? Optional.of(Fault.ANY) : Optional.empty();
        if (powerOn && m.has("match")) {
            m.optional("match");
            doc.error(m.keyNode("match"), path + ".match is not used by a power-on fault (it acts at each power-up, "
                    + "'after' later): remove it");
        } else if (!powerOn) {
            match = m.required("match").flatMap(n -> pattern(doc, n, path + ".match"));
        }
        Optional<String> actionName = m.required("action").flatMap(n -> doc.oneOf(n, path + ".action", ACTIONS));
        if (powerOn && actionName.isPresent() && !actionName.get().equals("emit")) {
            doc.error(m.valueNode("action"), path + ": a power-on fault can only emit (action: emit, value: the "
                    + "lines, after: when), found action " + actionName.get());
        }
        Optional<Node> value = m.optional("value");
        OptionalInt times = count("times", 1);
        OptionalInt skip = count("skip", 0);
        OptionalInt field = onlyFor("field", actionName, "edit").isPresent()
                ? count("field", 1) : OptionalInt.empty();
        Optional<Duration> after = onlyFor("after", actionName, "emit")
                .flatMap(n -> doc.duration(n, path + ".after"));
        Optional<Pattern> replyMatches = Optional.empty();
        if (m.has("reply-matches")) {
            Node n = m.optional("reply-matches").orElseThrow();
            if (on.isPresent() && on.get() != Fault.On.COMMAND) {
                doc.error(m.keyNode("reply-matches"), path + ".reply-matches is for command faults only (it reads the "
                        + "module's final result line of the reply); a " + on.get().yamlName() + " fault has no reply");
            } else {
                replyMatches = pattern(doc, n, path + ".reply-matches");
            }
        }
        m.finish(KEYS);
        Optional<FaultAction> action = actionName.flatMap(a -> action(a, value, field, after));
        if (doc.errors().size() != before || on.isEmpty() || match.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Fault(on.get(), match.get(), action.get(), times, doc.position(node), skip.orElse(0),
                replyMatches));
    }

    private static Fault.On on(String word) {
        return switch (word) {
            case "command" -> Fault.On.COMMAND;
            case "urc" -> Fault.On.URC;
            default -> Fault.On.POWER_ON;
        };
    }

    /** An optional integer key, at least {@code min}. */
    private OptionalInt count(String key, int min) {
        Optional<Node> n = m.optional(key);
        if (n.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalLong v = doc.integer(n.get(), path + "." + key, min, Integer.MAX_VALUE);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** The key's value when the action is the one it belongs to; an error (and empty) with another action. */
    private Optional<Node> onlyFor(String key, Optional<String> actionName, String owner) {
        if (!m.has(key)) {
            return Optional.empty();
        }
        Node n = m.optional(key).orElseThrow();
        if (actionName.isPresent() && !actionName.get().equals(owner)) {
            doc.error(m.keyNode(key), path + "." + key + " is only for action " + owner + ", not "
                    + actionName.get());
            return Optional.empty();
        }
        return Optional.of(n);
    }

    static Optional<Pattern> pattern(YamlDocument doc, Node node, String what) {
        Optional<String> text = doc.string(node, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(text.get()));
        } catch (PatternSyntaxException e) {
            doc.error(node, what + " is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + " in '" + text.get() + "'");
            return Optional.empty();
        }
    }

    private Optional<FaultAction> action(String name, Optional<Node> value, OptionalInt field,
                                         Optional<Duration> after) {
        String what = path + ".value";
        switch (name) {
            case "delay": {
                return needed(value, "delay", "a duration such as 6s").flatMap(v -> doc.duration(v, what))
                        .map(FaultAction.Delay::new);
            }
            case "pause": {
                return needed(value, "pause", "a duration such as 500ms").flatMap(v -> doc.duration(v, what))
                        .map(FaultAction.Pause::new);
            }
            case "reply": {
                return needed(value, "reply", "the replacement text").flatMap(v -> doc.string(v, what))
                        .map(FaultPlanLoader::lines).map(FaultAction.Reply::new);
            }
            case "drop":
            case "duplicate": {
                if (value.isPresent()) {
                    doc.error(value.get(), path + ": action " + name + " takes no value");
                    return Optional.empty();
                }
                return Optional.of(name.equals("drop") ? new FaultAction.Drop() : new FaultAction.Duplicate());
            }
            case "swap-next": {
                if (value.isEmpty()) {
                    return Optional.of(new FaultAction.SwapNext(FaultPlanLoader.DEFAULT_SWAP_HOLD));
                }
                return doc.duration(value.get(), what + " (longest hold)").map(FaultAction.SwapNext::new);
            }
            case "edit": {
                return edit(value, field);
            }
            case "emit": {
                return emit(value, after);
            }
            default: { // garble
                Optional<String> text = needed(value, "garble", "the bytes, e.g. \"\\xFF\\x00\"")
                        .flatMap(v -> doc.string(v, what));
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                Optional<byte[]> bytes = FaultPlanLoader.bytes(text.get());
                if (bytes.isEmpty()) {
                    doc.error(value.get(), what + " must be a non-empty string of characters \\x00..\\xFF "
                            + "(one byte each; use a double-quoted YAML string), found '" + text.get() + "'");
                    return Optional.empty();
                }
                return Optional.of(new FaultAction.Garble(bytes.get()));
            }
        }
    }

    private Optional<Node> needed(Optional<Node> value, String action, String what) {
        if (value.isEmpty()) {
            doc.error(m.node(), path + ": action " + action + " needs a value (" + what + ")");
        }
        return value;
    }

    private Optional<FaultAction> edit(Optional<Node> value, OptionalInt field) {
        if (!m.has("field")) {
            doc.error(m.node(), path + ": action edit needs field (the parameter's number after ': ', from 1)");
            return Optional.empty();
        }
        Optional<String> text = needed(value, "edit", "the field's new text")
                .flatMap(v -> doc.string(v, path + ".value"));
        if (text.isEmpty() || field.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().indexOf('\n') >= 0 || text.get().indexOf('\r') >= 0) {
            doc.error(value.get(), path + ".value of an edit is one field: it cannot span lines");
            return Optional.empty();
        }
        return Optional.of(new FaultAction.Edit(field.getAsInt(), text.get()));
    }

    private Optional<FaultAction> emit(Optional<Node> value, Optional<Duration> after) {
        if (m.has("after") && after.isEmpty()) {
            return Optional.empty(); // reported
        }
        Optional<String> text = needed(value, "emit", "the lines to send")
                .flatMap(v -> doc.string(v, path + ".value"));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = FaultPlanLoader.lines(text.get());
        if (lines.isEmpty()) {
            doc.error(value.get(), path + ".value of an emit must hold at least one non-blank line");
            return Optional.empty();
        }
        return Optional.of(new FaultAction.Emit(lines, after.orElse(Duration.ZERO)));
    }
}
