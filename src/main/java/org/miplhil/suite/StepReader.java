package org.miplhil.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.RequestType;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The steps of a setup, a case or a recovery: which kind each is, and the module-side kinds (send, URC
 * expectations, answers, the MCU application, wait, sim-faults); platform, power and FOTA steps go to their rooms.
 */
final class StepReader {

    private static final List<String> REQUEST_URC_NAMES = SuiteKeys.WORDS.get("for");

    private final YamlDocument doc;
    private final SuiteValueReader read;
    private final SuiteFixtureReader fixtureReader;
    private final PlatformStepReader platformSteps;
    private final PowerFotaStepReader powerFotaSteps;
    private final NetworkReader networkReader;

    StepReader(YamlDocument doc, SuiteValueReader read, SuiteFixtureReader fixtureReader,
               PlatformStepReader platformSteps, PowerFotaStepReader powerFotaSteps, NetworkReader networkReader) {
        this.doc = doc;
        this.read = read;
        this.fixtureReader = fixtureReader;
        this.platformSteps = platformSteps;
        this.powerFotaSteps = powerFotaSteps;
        this.networkReader = networkReader;
    }


    List<Step> steps(Node node, String what, StepScope scope, boolean emptyAllowed) {
        if (node instanceof MappingNode && scope != null && (what.equals("'setup'") || what.equals("'recover'"))) {
            // the shorthand: a mapping is a one-step setup ({state: registered, ...})
            return step(node, scope).map(List::of).orElse(List.of());
        }
        Optional<List<Node>> items = doc.sequence(node, what);
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().isEmpty() && !emptyAllowed) {
            doc.error(node, what + " is empty: a case needs at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (Node item : items.get()) {
            step(item, scope).ifPresent(steps::add);
        }
        return steps;
    }

    private Optional<Step> step(Node node, StepScope scope) {
        if (!(node instanceof MappingNode mapping)) {
            doc.error(node, "a step must be a mapping such as 'send: AT+MIPLVER?', found " + YamlDocument.describe(node));
            return Optional.empty();
        }
        List<String> kinds = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                keys.add(k.getValue());
                if (SuiteKeys.STEPS.containsKey(k.getValue()) && !kinds.contains(k.getValue())) {
                    kinds.add(k.getValue());
                }
            }
        }
        if (kinds.isEmpty()) {
            doc.error(node, "a step needs one of the keys " + String.join(", ", SuiteKeys.STEPS.keySet())
                    + (keys.isEmpty() ? "" : ", found " + String.join(", ", keys)));
            return Optional.empty();
        }
        MappingReader m = doc.mapping(node, "the " + kinds.get(0) + " step").orElseThrow();
        if (kinds.size() > 1) {
            doc.error(m.keyNode(kinds.get(1)), "'" + kinds.get(0) + "' and '" + kinds.get(1)
                    + "' are in the same step: one step does one thing (make two steps)");
            m.takeAllKeys();
            return Optional.empty();
        }
        String kind = kinds.get(0);
        Position pos = read.position(node);
        int before = read.errorCount();
        Optional<Step> step = switch (kind) {
            case "send" -> send(m, scope, pos);
            case "expect-urc" -> expectUrc(m, scope, pos);
            case "expect-urcs" -> expectUrcs(m, scope, pos);
            case "expect-no-urc" -> expectNoUrc(m, scope, pos);
            case "answer" -> answer(m, scope, pos);
            case "mcu" -> mcu(m, pos);
            case "platform" -> platformSteps.platform(m, scope, pos);
            case "expect-platform" -> platformSteps.expectPlatform(m, scope, pos);
            case "wait" -> m.required("wait").flatMap(n -> read.positiveDuration(n, "'wait'"))
                    .map(d -> new Step.Wait(d, pos));
            case "sim-faults" -> simFaults(m, pos);
            case "fota" -> powerFotaSteps.fota(m, scope, pos);
            case "expect-fota" -> powerFotaSteps.expectFota(m, scope, pos);
            case "sleep", "wake" -> SleepStepParser.parse(kind, m, doc, pos);
            case "state" -> StateStepReader.state(m, doc, read, fixtureReader, scope, pos);
            case "network" -> m.required("network").flatMap(networkReader::readStep)
                    .map(n -> new Step.Network(n, pos));
            default -> powerFotaSteps.power(m, scope, pos);
        };
        // a known key left unread was skipped because of another problem already reported: not unknown
        SuiteKeys.STEPS.get(kind).forEach(m::optional);
        m.finish(SuiteKeys.STEPS.get(kind));
        return read.errorCount() == before ? step : Optional.empty();
    }

    private Optional<Step> send(MappingReader m, StepScope scope, Position pos) {
        Template command = m.required("send").flatMap(n -> read.template(n, "'send'", scope)).orElse(null);
        ResultExpectation expect = read.resultExpectation(m.optional("expect"), scope).orElse(null);
        Optional<List<TextMatch>> lines = m.optional("lines").map(n -> read.matches(n, "'lines'", scope, true));
        List<TextMatch> before = m.optional("urcs-before").map(n -> read.matches(n, "'urcs-before'", scope, true))
                .orElse(List.of());
        Duration within = m.optional("within").flatMap(n -> read.positiveDuration(n, "'within'"))
                .orElse(Step.DEFAULT_RESPONSE_TIME);
        lines.ifPresent(ls -> ls.forEach(l -> read.define(scope, l, pos)));
        if (command == null || expect == null) {
            return Optional.empty();
        }
        return Optional.of(new Step.Send(command, expect, lines, within, pos, before));
    }

    private Optional<Step> expectUrc(MappingReader m, StepScope scope, Position pos) {
        TextMatch urc = m.required("expect-urc").flatMap(n -> read.textMatch(n, "'expect-urc'", scope)).orElse(null);
        Duration within = m.required("within").flatMap(n -> read.positiveDuration(n, "'within'")).orElse(null);
        Since since = read.since(m);
        if (urc == null || within == null) {
            return Optional.empty();
        }
        read.define(scope, urc, pos);
        return Optional.of(new Step.ExpectUrc(urc, within, since, pos));
    }

    private Optional<Step> expectUrcs(MappingReader m, StepScope scope, Position pos) {
        UrcOrder order = m.optional("order").flatMap(n -> doc.oneOf(n, "'order'", SuiteKeys.WORDS.get("order")))
                .map(w -> w.equals("in-order") ? UrcOrder.IN_ORDER : UrcOrder.ANY_ORDER).orElse(UrcOrder.IN_ORDER);
        // in order, a pattern may use what the patterns before it captured (the msgId of a multi-part write)
        StepScope patterns = order == UrcOrder.IN_ORDER ? scope : scope.copy();
        List<TextMatch> urcs = m.required("expect-urcs").map(n -> read.matches(n, "'expect-urcs'", patterns, false,
                order == UrcOrder.IN_ORDER ? pos : null)).orElse(null);
        Duration within = m.required("within").flatMap(n -> read.positiveDuration(n, "'within'")).orElse(null);
        Since since = read.since(m);
        if (urcs == null || within == null) {
            return Optional.empty();
        }
        urcs.forEach(u -> read.define(scope, u, pos));
        return Optional.of(new Step.ExpectUrcs(urcs, order, within, since, pos));
    }

    private Optional<Step> expectNoUrc(MappingReader m, StepScope scope, Position pos) {
        TextMatch urc = m.required("expect-no-urc").flatMap(n -> read.textMatch(n, "'expect-no-urc'", scope)).orElse(null);
        Duration during = m.required("during").flatMap(n -> read.positiveDuration(n, "'during'")).orElse(null);
        Since since = read.since(m);
        if (urc == null || during == null) {
            return Optional.empty();
        }
        return Optional.of(new Step.ExpectNoUrc(urc, during, since, pos));
    }

    private Optional<Step> answer(MappingReader m, StepScope scope, Position pos) {
        TextMatch urc = m.required("answer").flatMap(n -> read.textMatch(n, "'answer'", scope)).orElse(null);
        Duration within = m.required("within").flatMap(n -> read.positiveDuration(n, "'within'")).orElse(null);
        Since since = read.since(m);
        Duration after = m.optional("after").flatMap(n -> doc.duration(n, "'after'")).orElse(Duration.ZERO);
        if (urc != null) {
            read.define(scope, urc, pos); // the answer uses what the URC carries (msgId)
        }
        List<Template> with = m.required("with").map(n -> {
            List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
            if (items.isEmpty()) {
                doc.error(n, "'with' is empty: give the command(s) that answer the URC");
            }
            List<Template> commands = new ArrayList<>();
            for (Node item : items) {
                read.template(item, "'with'", scope).ifPresent(commands::add);
            }
            return commands;
        }).orElse(null);
        ResultExpectation expect = read.resultExpectation(m.optional("expect"), scope).orElse(null);
        if (urc == null || within == null || with == null || expect == null) {
            return Optional.empty();
        }
        return Optional.of(new Step.Answer(urc, within, since, after, with, expect, pos));
    }

    private Optional<Step> mcu(MappingReader m, Position pos) {
        Optional<McuMode> mode = m.required("mcu").flatMap(n -> doc.oneOf(n, "'mcu'", SuiteKeys.WORDS.get("mcu")))
                .map(w -> McuMode.valueOf(w.toUpperCase(java.util.Locale.ROOT)));
        Set<RequestType> kinds = EnumSet.allOf(RequestType.class);
        Optional<Node> forNode = m.optional("for");
        if (forNode.isPresent()) {
            kinds = EnumSet.noneOf(RequestType.class);
            Node n = forNode.get();
            List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
            if (items.isEmpty()) {
                doc.error(n, "'for' is empty: name request URCs such as +MIPLREAD, or leave 'for' out for all of them");
            }
            for (Node item : items) {
                Optional<String> w = doc.oneOf(item, "'for'", REQUEST_URC_NAMES);
                if (w.isPresent()) {
                    RequestType.ofUrcPrefix(w.get()).ifPresent(kinds::add);
                }
            }
        }
        Optional<Duration> delay = m.optional("delay").flatMap(n -> doc.duration(n, "'delay'"));
        if (mode.isPresent()) {
            if ((mode.get() == McuMode.AUTO || mode.get() == McuMode.LATE) && !fixtureReader.hasObjects) {
                doc.error(m.valueNode("mcu"), "'mcu: " + mode.get().word() + "' answers from object models, and the"
                        + " suite names none (fixtures: objects)");
            }
            if (mode.get() == McuMode.LATE && !m.has("delay")) {
                doc.error(m.node(), "'mcu: late' needs 'delay': how long after the URC the MCU answers (past 10 s)");
            } else if (mode.get() == McuMode.LATE && delay.isPresent()
                    && delay.get().compareTo(Step.Mcu.ANSWER_WINDOW) <= 0) {
                doc.error(m.valueNode("delay"), "'mcu: late' answers past the 10 s window of 5.1-5.6: 'delay' must be"
                        + " longer than 10s (use 'mcu: auto' with a delay for a slow answer in time)");
            } else if ((mode.get() == McuMode.NEVER || mode.get() == McuMode.OFF) && m.has("delay")) {
                doc.error(m.keyNode("delay"), "'delay' applies to 'mcu: auto' and 'mcu: late'");
            }
        }
        Set<RequestType> forKinds = kinds;
        return mode.map(md -> new Step.Mcu(md, forKinds, delay, pos));
    }

    private Optional<Step> simFaults(MappingReader m, Position pos) {
        Optional<Node> node = m.required("sim-faults");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Node n = node.get();
        if (n instanceof SequenceNode) {
            return FaultPlanLoader.readFaults(doc, n, "'sim-faults'", pos.toString())
                    .map(plan -> new Step.SimFaults(new FaultSource.Inline(plan), pos));
        }
        if (n instanceof ScalarNode s && s.getValue().equals("clear")) {
            return Optional.of(new Step.SimFaults(new FaultSource.Clear(), pos));
        }
        if (!(n instanceof ScalarNode) || Tag.NULL.equals(n.getTag())) {
            doc.error(n, "'sim-faults' is a fault plan file, a list of faults, or clear; found " + YamlDocument.describe(n));
            return Optional.empty();
        }
        return fixtureReader.fixtureFile(n, "fault plan").flatMap(p -> fixtureReader.faultPlanFile(n, p)
                .map(plan -> new Step.SimFaults(new FaultSource.FromFile(p, plan), pos)));
    }
}
