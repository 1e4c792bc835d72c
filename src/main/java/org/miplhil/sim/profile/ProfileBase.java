package org.miplhil.sim.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code extends: <file>} at the top of a profile: the profile is that file with the keys this one writes replaced.
 * A section written here that is a mapping in both files is merged key by key: a key written here replaces the
 * base's key of that name whole (a leaf {@code {value, source, note}}, or a nested mapping); the section's other keys
 * stay the base's. A section that is not a mapping in both (the {@code power-up} list) is replaced whole.
 * The base file is checked on its own first, so its problems name it; a problem in a key written here names
 * this file. A name is relative to the directory of the file that extends it.
 */
final class ProfileBase {

    static final String KEY = "extends";
    private static final int MAX_DEPTH = 4;

    private ProfileBase() {}

    /**
     * Replaces the document's root sections by the base's plus its own when it has {@code extends}; reports what
     * went wrong in {@code doc}. {@code dir}: where a relative name is looked up (null: the working directory).
     */
    static void apply(YamlDocument doc, Path dir, int depth) {
        if (!(doc.root().orElse(null) instanceof MappingNode root)) {
            return;
        }
        Optional<NodeTuple> ext = root.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(KEY)).findFirst();
        if (ext.isEmpty()) {
            return;
        }
        Node value = ext.get().getValueNode();
        List<NodeTuple> own = new ArrayList<>(root.getValue());
        own.remove(ext.get());
        root.setValue(own); // the loader reads no 'extends' key
        if (!(value instanceof ScalarNode s) || s.getValue().isBlank()) {
            doc.error(value, "extends must name the profile file this one is based on");
            return;
        }
        if (depth >= MAX_DEPTH) {
            doc.error(value, "extends is nested more than " + MAX_DEPTH + " deep");
            return;
        }
        Path base = dir == null ? Path.of(s.getValue()) : dir.resolve(s.getValue());
        String text;
        try {
            text = Files.readString(base, StandardCharsets.UTF_8);
        } catch (IOException e) {
            doc.error(value, "cannot read the profile it extends, " + base + ": " + e.getMessage());
            return;
        }
        if (ProfileLoader.parse(base.toString(), text, base.toAbsolutePath().getParent(), depth + 1)
                instanceof LoadResult.Invalid<FirmwareProfile> bad) {
            bad.problems().forEach(doc::report);
            doc.error(value, "the profile it extends, " + base + ", is invalid");
            return;
        }
        YamlDocument baseDoc = YamlDocument.compose(base.toString(), text);
        apply(baseDoc, base.toAbsolutePath().getParent(), depth + 1);
        if (!(baseDoc.root().orElse(null) instanceof MappingNode baseRoot)) {
            return;
        }
        root.setValue(merge(baseRoot.getValue(), own, true));
    }

    /** The base's tuples with those {@code own} writes replaced (merged one level down when {@code deeper}), then the new ones. */
    private static List<NodeTuple> merge(List<NodeTuple> base, List<NodeTuple> own, boolean deeper) {
        Map<String, NodeTuple> written = new LinkedHashMap<>();
        for (NodeTuple t : own) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                written.put(k.getValue(), t);
            }
        }
        List<NodeTuple> merged = new ArrayList<>();
        Set<NodeTuple> used = new HashSet<>();
        for (NodeTuple t : base) {
            NodeTuple mine = t.getKeyNode() instanceof ScalarNode k ? written.get(k.getValue()) : null;
            if (mine == null) {
                merged.add(t);
                continue;
            }
            used.add(mine);
            if (deeper && t.getValueNode() instanceof MappingNode b && mine.getValueNode() instanceof MappingNode o) {
                o.setValue(merge(b.getValue(), o.getValue(), false));
            }
            merged.add(mine);
        }
        for (NodeTuple t : own) {
            if (!used.contains(t)) {
                merged.add(t);
            }
        }
        return merged;
    }
}
