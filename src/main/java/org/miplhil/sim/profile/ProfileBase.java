package org.miplhil.sim.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code extends: <file>} at the top of a profile: the profile is that file with the sections this one writes
 * replaced whole (a section written here replaces the base's section of that name; the others are the base's).
 * The base file is checked on its own first, so its problems name it; a problem in a section written here names
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
            bad.errors().forEach(doc::report);
            doc.error(value, "the profile it extends, " + base + ", is invalid");
            return;
        }
        YamlDocument baseDoc = YamlDocument.compose(base.toString(), text);
        apply(baseDoc, base.toAbsolutePath().getParent(), depth + 1);
        if (!(baseDoc.root().orElse(null) instanceof MappingNode baseRoot)) {
            return;
        }
        Set<String> written = new LinkedHashSet<>();
        for (NodeTuple t : own) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                written.add(k.getValue());
            }
        }
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : baseRoot.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k && written.contains(k.getValue()))) {
                merged.add(t);
            }
        }
        merged.addAll(own);
        root.setValue(merged);
    }
}
