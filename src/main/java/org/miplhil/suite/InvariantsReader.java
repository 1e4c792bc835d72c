package org.miplhil.suite;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miplhil.invariant.Invariant;
import org.miplhil.invariant.InvariantOptOut;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A case's {@code invariants: {except: [no-duplicate-urc, ...], because: "..."}}: the invariants it deliberately
 * breaks and why. Problems are reported at their node; never throws.
 */
final class InvariantsReader {

    static final List<String> KEYS = List.of("except", "because");

    private final YamlDocument doc;

    InvariantsReader(YamlDocument doc) {
        this.doc = doc;
    }

    Optional<InvariantOptOut> read(Node node) {
        Optional<YamlDocument.MappingReader> mr = doc.mapping(node, "'invariants' (a mapping with except and because)");
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        YamlDocument.MappingReader m = mr.get();
        Set<Invariant> except = new LinkedHashSet<>();
        m.required("except").ifPresent(n -> {
            List<Node> items = doc.sequence(n, "'except' (a list of invariants)").orElse(List.of());
            if (items.isEmpty()) {
                doc.error(n, "'except' names no invariant: leave 'invariants' out to keep them all");
            }
            for (Node item : items) {
                doc.oneOf(item, "an invariant", Invariant.words()).flatMap(Invariant::ofWord).ifPresent(i -> {
                    if (!except.add(i)) {
                        doc.error(item, "'" + i.word() + "' is named twice");
                    }
                });
            }
        });
        Optional<String> because = m.required("because").flatMap(n -> {
            Optional<String> s = doc.string(n, "'because' (why the case breaks them)");
            if (s.isPresent() && s.get().isBlank()) {
                doc.error(n, "'because' is empty: say why the case breaks these invariants");
                return Optional.empty();
            }
            return s;
        });
        m.finish(KEYS);
        return because.isPresent() && !except.isEmpty() ? Optional.of(new InvariantOptOut(except, because.get()))
                : Optional.empty();
    }
}
