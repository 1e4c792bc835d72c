package org.miplhil.suite;

import java.time.Duration;
import java.util.Optional;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the {@code sleep} and {@code wake} steps (docs/suites.md "Sleep and wake-up"). Reports, never throws. */
final class SleepStepParser {

    private SleepStepParser() {
    }

    static Optional<Step> parse(String kind, YamlDocument.MappingReader m, YamlDocument doc, Position pos) {
        if (kind.equals("sleep")) {
            Optional<Step.SleepLevel> level = m.required("sleep")
                    .flatMap(n -> doc.oneOf(n, "'sleep'", SuiteKeys.WORDS.get("sleep")))
                    .map(w -> Step.SleepLevel.valueOf(w.toUpperCase(java.util.Locale.ROOT)));
            Duration within = within(m, doc, Step.Sleep.DEFAULT_WITHIN);
            return level.map(l -> new Step.Sleep(l, within, pos));
        }
        Optional<Step.WakeSource> by = m.required("wake")
                .flatMap(n -> doc.oneOf(n, "'wake'", SuiteKeys.WORDS.get("wake")))
                .map(w -> Step.WakeSource.PSM_EINT);
        Duration within = within(m, doc, Step.Wake.DEFAULT_WITHIN);
        return by.map(b -> new Step.Wake(b, within, pos));
    }

    private static Duration within(YamlDocument.MappingReader m, YamlDocument doc, Duration dflt) {
        Optional<Node> n = m.optional("within");
        if (n.isEmpty()) {
            return dflt;
        }
        Optional<Duration> d = doc.duration(n.get(), "'within'");
        if (d.isPresent() && d.get().isZero()) {
            doc.error(n.get(), "'within' must be longer than 0");
        }
        return d.orElse(dflt);
    }
}
