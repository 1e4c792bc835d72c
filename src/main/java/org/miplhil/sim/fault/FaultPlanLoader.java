package org.miplhil.sim.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a fault plan:
 * <pre>
 * faults:
 *   - on: command                    # command | urc
 *     match: '^AT\+MIPLNOTIFY='      # regular expression, searched in the line
 *     action: delay                  # delay | reply | drop | duplicate | swap-next | garble
 *     value: 6s                      # delay: duration; reply: text (may span lines); garble: bytes;
 *                                    # swap-next: optional longest hold (default 5s); drop/duplicate: none
 *     times: 1                       # optional; default every time
 *     skip: 1                        # optional; matches left untouched before the fault acts (default 0)
 * defect: a sentence                 # optional: what is wrong with such a firmware
 * detect: 'AT\+MIPLNOTIFY.*5 s'      # optional: expression a failure message must contain (qualify)
 * </pre>
 * Problems are reported as {@code file:line:column: message}; never throws on bad input.
 */
public final class FaultPlanLoader {

    /** How long swap-next holds a line when the plan gives no value. */
    public static final Duration DEFAULT_SWAP_HOLD = Duration.ofSeconds(5);

    private static final List<String> ACTIONS = List.of("delay", "reply", "drop", "duplicate", "swap-next", "garble");
    private static final List<String> KEYS = List.of("on", "match", "action", "value", "times", "skip");

    private FaultPlanLoader() {}

    public static LoadResult<FaultPlan> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the fault plan: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static LoadResult<FaultPlan> parse(String fileName, String text) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        List<Fault> faults = new ArrayList<>();
        String[] defect = {null};
        Pattern[] detect = {null};
        doc.mapping(doc.root().get(), "the fault plan").ifPresent(top -> {
            top.required("faults").flatMap(n -> doc.sequence(n, "'faults'")).ifPresent(items -> {
                int i = 0;
                for (Node item : items) {
                    readFault(doc, item, "faults[" + i++ + "]").ifPresent(faults::add);
                }
            });
            top.optional("defect").flatMap(n -> doc.string(n, "'defect'")).ifPresent(d -> defect[0] = d.strip());
            top.optional("detect").flatMap(n -> pattern(doc, n, "'detect'")).ifPresent(d -> detect[0] = d);
            top.finish(List.of("faults", "defect", "detect"));
        });
        return doc.result(new FaultPlan(fileName, faults, Optional.ofNullable(defect[0]),
                Optional.ofNullable(detect[0])));
    }

    /**
     * Reads a list of faults written inside another YAML document (a suite's {@code sim-faults} step). Problems are
     * recorded in that document; the plan is returned only when the list has none.
     */
    public static Optional<FaultPlan> readFaults(YamlDocument doc, Node list, String what, String origin) {
        int before = doc.errors().size();
        List<Fault> faults = new ArrayList<>();
        doc.sequence(list, what).ifPresent(items -> {
            int i = 0;
            for (Node item : items) {
                readFault(doc, item, what + "[" + i++ + "]").ifPresent(faults::add);
            }
        });
        return doc.errors().size() == before ? Optional.of(new FaultPlan(origin, faults)) : Optional.empty();
    }

    private static Optional<Fault> readFault(YamlDocument doc, Node node, String path) {
        Optional<MappingReader> mr = doc.mapping(node, path);
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        int before = doc.errors().size();
        Optional<Fault.On> on = m.required("on").flatMap(n -> doc.oneOf(n, path + ".on", List.of("command", "urc")))
                .map(s -> s.equals("command") ? Fault.On.COMMAND : Fault.On.URC);
        Optional<Pattern> match = m.required("match").flatMap(n -> pattern(doc, n, path + ".match"));
        Optional<String> actionName = m.required("action").flatMap(n -> doc.oneOf(n, path + ".action", ACTIONS));
        Optional<Node> value = m.optional("value");
        OptionalInt times = OptionalInt.empty();
        Optional<Node> timesNode = m.optional("times");
        if (timesNode.isPresent()) {
            OptionalLong t = doc.integer(timesNode.get(), path + ".times", 1, Integer.MAX_VALUE);
            if (t.isPresent()) {
                times = OptionalInt.of((int) t.getAsLong());
            }
        }
        int skip = 0;
        Optional<Node> skipNode = m.optional("skip");
        if (skipNode.isPresent()) {
            OptionalLong k = doc.integer(skipNode.get(), path + ".skip", 0, Integer.MAX_VALUE);
            if (k.isPresent()) {
                skip = (int) k.getAsLong();
            }
        }
        m.finish(KEYS);
        Optional<FaultAction> action = actionName.flatMap(a -> action(doc, m, a, value, path));
        if (doc.errors().size() != before || on.isEmpty() || match.isEmpty() || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Fault(on.get(), match.get(), action.get(), times, doc.position(node), skip));
    }

    private static Optional<Pattern> pattern(YamlDocument doc, Node node, String what) {
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

    private static Optional<FaultAction> action(YamlDocument doc, MappingReader m, String name, Optional<Node> value,
                                                String path) {
        String what = path + ".value";
        switch (name) {
            case "delay": {
                if (value.isEmpty()) {
                    doc.error(m.node(), path + ": action delay needs a value (a duration such as 6s)");
                    return Optional.empty();
                }
                return doc.duration(value.get(), what).map(FaultAction.Delay::new);
            }
            case "reply": {
                if (value.isEmpty()) {
                    doc.error(m.node(), path + ": action reply needs a value (the replacement text)");
                    return Optional.empty();
                }
                return doc.string(value.get(), what).map(FaultPlanLoader::lines).map(FaultAction.Reply::new);
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
                    return Optional.of(new FaultAction.SwapNext(DEFAULT_SWAP_HOLD));
                }
                return doc.duration(value.get(), what + " (longest hold)").map(FaultAction.SwapNext::new);
            }
            default: { // garble
                if (value.isEmpty()) {
                    doc.error(m.node(), path + ": action garble needs a value (the bytes, e.g. \"\\xFF\\x00\")");
                    return Optional.empty();
                }
                Optional<String> text = doc.string(value.get(), what);
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                Optional<byte[]> bytes = bytes(text.get());
                if (bytes.isEmpty()) {
                    doc.error(value.get(), what + " must be a non-empty string of characters \\x00..\\xFF "
                            + "(one byte each; use a double-quoted YAML string), found '" + text.get() + "'");
                    return Optional.empty();
                }
                return Optional.of(new FaultAction.Garble(bytes.get()));
            }
        }
    }

    /** Replacement text to lines: split on LF (CR dropped), blank lines dropped (the framing adds CR LF). */
    static List<String> lines(String text) {
        return Arrays.stream(text.replace("\r", "").split("\n", -1)).filter(l -> !l.isBlank()).toList();
    }

    /** Each character U+0000..U+00FF is one byte; anything above cannot be a byte. */
    static Optional<byte[]> bytes(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return Optional.empty();
            }
            out[i] = (byte) c;
        }
        return Optional.of(out);
    }
}
