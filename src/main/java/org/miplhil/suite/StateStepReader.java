package org.miplhil.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code state} step: a state word and what "registered" means (docs/suites.md, "Module states in a setup").
 * Defaults are what the suites' setups sent by hand: the platform's server with data format 1, lifetime 86400 and
 * {@code AT+MIPLOPEN}'s timeout 30 (7.2.3), every object of the fixtures, event 6 within 30 s.
 */
final class StateStepReader {

    static final Duration DEFAULT_WITHIN = Duration.ofSeconds(30);

    private StateStepReader() {}

    static Optional<Step> state(MappingReader m, YamlDocument doc, SuiteValueReader read,
                                SuiteFixtureReader fixtures, StepScope scope, Position pos) {
        Optional<ModuleState> state = m.required("state")
                .flatMap(n -> doc.oneOf(n, "'state'", SuiteKeys.WORDS.get("state")))
                .map(ModuleState::ofWord);
        List<Integer> objects = new ArrayList<>();
        Optional<Node> objectsNode = m.optional("objects");
        objectsNode.ifPresent(n -> {
            List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
            for (Node item : items) {
                OptionalLong id = doc.integer(item, "an object id of 'objects'", 0, 65535);
                if (id.isEmpty()) {
                    continue;
                }
                int objId = (int) id.getAsLong();
                if (!fixtures.objectIds.containsKey(objId)) {
                    doc.error(item, "object " + objId + " is not one of the suite's object models (fixtures: objects"
                            + (fixtures.objectIds.isEmpty() ? " names none" : ": " + fixtures.objectIds.keySet()) + ")");
                } else if (objects.contains(objId)) {
                    doc.error(item, "object " + objId + " is named twice in 'objects'");
                } else {
                    objects.add(objId);
                }
            }
        });
        boolean config = m.optional("config").flatMap(n -> doc.bool(n, "'config'")).orElse(true);
        boolean bootstrap = m.optional("bootstrap").flatMap(n -> doc.bool(n, "'bootstrap'")).orElse(false);
        if (!config && m.has("bootstrap")) {
            doc.error(m.keyNode("bootstrap"), "'bootstrap' says where AT+MIPLCONFIG points, and 'config: false' sends"
                    + " none");
        }
        int dataFormat = m.optional("data-format").map(n -> doc.integer(n, "'data-format'", 0, 1))
                .filter(OptionalLong::isPresent).map(l -> (int) l.getAsLong()).orElse(1);
        OptionalInt autoUpdate = m.optional("auto-update").map(n -> doc.integer(n, "'auto-update'", 0, 1))
                .filter(OptionalLong::isPresent).map(l -> OptionalInt.of((int) l.getAsLong())).orElse(OptionalInt.empty());
        Template lifetime = m.optional("lifetime").flatMap(n -> read.template(n, "'lifetime'", scope))
                .orElse(Template.literal("86400"));
        int openTimeout = m.optional("open-timeout").map(n -> doc.integer(n, "'open-timeout'", 1, 65535))
                .filter(OptionalLong::isPresent).map(l -> (int) l.getAsLong()).orElse(30);
        Duration within = m.optional("within").flatMap(n -> read.positiveDuration(n, "'within'")).orElse(DEFAULT_WITHIN);
        OptionalInt cmee = m.optional("cmee").map(n -> doc.integer(n, "'cmee'", 0, 2))
                .filter(OptionalLong::isPresent).map(l -> OptionalInt.of((int) l.getAsLong())).orElse(OptionalInt.empty());
        boolean deleteFirst = m.optional("delete-first").flatMap(n -> doc.bool(n, "'delete-first'")).orElse(false);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Step.State(state.get(), objects, objectsNode.isEmpty(), config, bootstrap, dataFormat,
                autoUpdate, lifetime, openTimeout, within, cmee, deleteFirst, pos));
    }
}
