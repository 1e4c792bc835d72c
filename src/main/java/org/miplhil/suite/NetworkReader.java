package org.miplhil.suite;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.network.NetworkConditions;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A suite's or a case's {@code network:} (docs/suites.md, "network"): a profile name or the map form, read by
 * {@link NetworkSpecsBridge}; each problem it names by key path ({@code network.uplink.loss}) is reported at that
 * key's line in the suite. A suite or case with {@code network:} must carry the tag {@value #TAG}, so that a run
 * can select or leave out what needs the platform in a container.
 */
final class NetworkReader {

    /** The tag every suite or case with {@code network:} carries. */
    static final String TAG = "network";
    /** Where profile names point, relative to the project root. */
    static final String PROFILES = "fixtures/network";

    private final YamlDocument doc;
    private final FixtureFiles files;

    NetworkReader(YamlDocument doc, FixtureFiles files) {
        this.doc = doc;
        this.files = files;
    }

    /**
     * @param node  the value of {@code network:}
     * @param key   the key's node (the tag problem is reported there)
     * @param tags  the suite's tags (for a case: its own and the suite's)
     * @param owner {@code the suite} or {@code the case}
     */
    Optional<NetworkConditions> read(Node node, Node key, List<String> tags, String owner) {
        if (!tags.contains(TAG)) {
            doc.error(key, owner + " has 'network:' but not the tag '" + TAG + "': add it to " + owner
                    + "'s 'tags:' (tags: [" + TAG + "]) so runs can select or leave out the cases that need the"
                    + " platform in a container");
        }
        Map<String, Node> at = new HashMap<>();
        Object value = plain(node, "network", at);
        if (value == null) {
            doc.error(node, "'network' expects " + NetworkSpecsBridge.EXPECTED + ", found " + YamlDocument.describe(node));
            return Optional.empty();
        }
        NetworkSpecsBridge.Result r = NetworkSpecsBridge.read(value, files.projectRoot().resolve(PROFILES));
        if (r instanceof NetworkSpecsBridge.Result.Ok ok) {
            return Optional.of(ok.conditions());
        }
        for (NetworkSpecsBridge.KeyProblem p : ((NetworkSpecsBridge.Result.Bad) r).problems()) {
            doc.error(nodeFor(p.key(), at, node), "'" + p.key() + "': " + p.message()
                    + (p.key().equals("network") ? "" : " (the form: " + NetworkSpecsBridge.EXPECTED + ")"));
        }
        return Optional.empty();
    }

    /** The nearest node the suite holds for {@code key} (a figure shared by both directions: its own key). */
    private static Node nodeFor(String key, Map<String, Node> at, Node fallback) {
        for (String k = key; k.contains("."); k = k.substring(0, k.lastIndexOf('.'))) {
            if (at.containsKey(k)) {
                return at.get(k);
            }
            String shared = "network" + k.substring(k.lastIndexOf('.'));
            if (at.containsKey(shared) && !k.equals(shared)) {
                return at.get(shared);
            }
        }
        return fallback;
    }

    /** Text or a map of text/maps, each value's node kept by its key path; null for anything else. */
    private static Object plain(Node node, String path, Map<String, Node> at) {
        at.put(path, node);
        if (node instanceof ScalarNode s) {
            return Tag.NULL.equals(s.getTag()) ? null : s.getValue();
        }
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    return null;
                }
                Object v = plain(t.getValueNode(), path + "." + k.getValue(), at);
                out.put(k.getValue(), v == null ? "" : v);
            }
            return out;
        }
        return null;
    }
}
