package org.miplhil.suite;

import java.util.List;
import java.util.Optional;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.NetworkProblem;
import org.miplhil.network.NetworkSpecs;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A suite's or a case's {@code network:} (docs/suites.md, "network"): a profile name or the map form, read by
 * {@link NetworkSpecs}; each problem, named by its key path ({@code network.uplink.loss}), is reported at that key's
 * line in the suite, with the expected form. A suite or case with {@code network:} must carry the tag
 * {@value #TAG}, so that a run can select or leave out what needs the platform in a container.
 */
final class NetworkReader {

    /** The tag every suite or case with {@code network:} carries. */
    static final String TAG = "network";
    /** The expected form, for messages. */
    static final String EXPECTED = "a profile name (fixtures/network/<name>.yaml, e.g. nbiot-good, nbiot-edge,"
            + " nbiot-lossy) or a map {delay: 2s, jitter: 500ms, loss: 15%, duplicate: 5%, reorder: 2%, rate: 20kbit}"
            + " with optional uplink: / downlink: maps (units: ms, s, m; N%; bit, kbit, mbit)";

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
        return conditions(node);
    }

    /**
     * The value of a {@code network} step: the same two forms. The tag and the platform in a container follow from
     * the case's own conditions, which {@link #checkSteps} requires.
     */
    Optional<NetworkConditions> readStep(Node node) {
        return conditions(node);
    }

    /**
     * A {@code network} step changes the conditions in the middle of a case: only where the case has conditions
     * already (its own {@code network:} or its suite's), so that it carries the tag and is skipped where no relay
     * stands between module and platform.
     */
    static void checkSteps(YamlDocument doc, boolean suiteHasNetwork, List<Step> setup, List<Step> teardown,
                           List<Step> recover, List<Case> cases) {
        if (suiteHasNetwork) {
            return;
        }
        List<Step> shared = new java.util.ArrayList<>(setup);
        shared.addAll(teardown);
        shared.addAll(recover);
        boolean everyCase = !cases.isEmpty() && cases.stream().allMatch(c -> c.network().isPresent());
        for (Step s : shared) {
            if (s instanceof Step.Network && !everyCase) {
                needsConditions(doc, s, "the suite's");
            }
        }
        for (Case c : cases) {
            if (c.network().isPresent()) {
                continue;
            }
            for (Step s : c.steps()) {
                if (s instanceof Step.Network) {
                    needsConditions(doc, s, "the case '" + c.name() + "'");
                }
            }
        }
    }

    private static void needsConditions(YamlDocument doc, Step s, String where) {
        doc.error(s.position().line(), s.position().column(), "a 'network' step in " + where + " steps changes"
                + " the conditions in the middle of a case: give the case (or the suite) its own 'network:' for the"
                + " start (e.g. network: none, with the tag '" + TAG + "'), so that it runs only with the platform in"
                + " a container");
    }

    private Optional<NetworkConditions> conditions(Node node) {
        NetworkSpecs.Result r = NetworkSpecs.read(node, files.projectRoot().resolve(NetworkSpecs.DEFAULT_DIR));
        if (r instanceof NetworkSpecs.Result.Read ok) {
            return Optional.of(ok.conditions());
        }
        for (NetworkProblem p : r.problems()) {
            String where = p.file().map(f -> " (in the profile " + f + (p.line() > 0 ? ":" + p.line() + ":"
                    + p.column() : "") + ")").orElse("");
            String message = p.key() + " " + p.message() + where + "; expected " + EXPECTED;
            if (p.file().isEmpty() && p.line() > 0) {
                doc.error(p.line(), p.column(), message);
            } else {
                doc.error(node, message);
            }
        }
        return Optional.empty();
    }
}
