package org.miplhil.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Power steps (with the moment to cut) and the FOTA campaign and its expected outcome. */
final class PowerFotaStepReader {

    private final YamlDocument doc;
    private final SuiteValueReader read;
    private final SuiteFixtureReader fixtureReader;

    PowerFotaStepReader(YamlDocument doc, SuiteValueReader read, SuiteFixtureReader fixtureReader) {
        this.doc = doc;
        this.read = read;
        this.fixtureReader = fixtureReader;
    }

    Optional<Step> power(MappingReader m, StepScope scope, Position pos) {
        Optional<PowerAction> action = m.required("power").flatMap(n -> doc.oneOf(n, "'power'", SuiteKeys.WORDS.get("power")))
                .map(w -> PowerAction.valueOf(w.toUpperCase(java.util.Locale.ROOT)));
        Optional<CutTrigger> cutAt = m.optional("cut-at").flatMap(n -> cutTrigger(n, scope));
        Optional<Duration> within = m.optional("within").flatMap(n -> read.positiveDuration(n, "'within'"));
        Duration after = m.optional("after").flatMap(n -> doc.duration(n, "'after'")).orElse(Duration.ZERO);
        Duration offFor = m.optional("for").flatMap(n -> read.positiveDuration(n, "'for'")).orElse(Step.Power.DEFAULT_OFF_TIME);
        Recovery recover = m.optional("recover").flatMap(n -> doc.oneOf(n, "'recover'", SuiteKeys.WORDS.get("recover")))
                .map(w -> Recovery.valueOf(w.toUpperCase(java.util.Locale.ROOT))).orElse(Recovery.NONE);
        Duration readyWithin = m.optional("ready-within").flatMap(n -> read.positiveDuration(n, "'ready-within'"))
                .orElse(Step.Power.DEFAULT_READY_TIME);
        if (action.isEmpty()) {
            return Optional.empty();
        }
        if (action.get() == PowerAction.ON && m.has("cut-at")) {
            doc.error(m.keyNode("cut-at"), "'cut-at' applies to 'power: off' and 'power: cycle'");
        }
        if (action.get() != PowerAction.CYCLE && m.has("for")) {
            doc.error(m.keyNode("for"), "'for' (how long the power stays off) applies to 'power: cycle'");
        }
        if (action.get() == PowerAction.OFF && m.has("recover")) {
            doc.error(m.keyNode("recover"), "'recover' applies to 'power: on' and 'power: cycle': after 'power: off'"
                    + " the module stays unpowered");
        }
        if (m.has("ready-within") && recover == Recovery.NONE) {
            doc.error(m.keyNode("ready-within"), "'ready-within' applies to a power step with 'recover: ready' or"
                    + " 'recover: setup'");
        }
        if (m.has("cut-at") && !m.has("within")) {
            doc.error(m.node(), "'cut-at' needs 'within': how long to wait for the moment to cut");
        }
        if (m.has("within") && !m.has("cut-at")) {
            doc.error(m.keyNode("within"), "'within' applies to a power step with 'cut-at'");
        }
        Optional<CutTrigger> trigger = cutAt;
        if (trigger.isPresent() && trigger.get() instanceof CutTrigger.AtUrc at) {
            read.define(scope, at.urc(), pos);
        }
        return Optional.of(new Step.Power(action.get(), trigger, within, after, offFor, recover, readyWithin, pos));
    }

    private static final Pattern PROGRESS_TRIGGER = Pattern.compile("updating:(\\d{1,3})%?");

    private Optional<CutTrigger> cutTrigger(Node n, StepScope scope) {
        Optional<String> text = doc.string(n, "'cut-at'");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().startsWith("fota:")) {
            String state = text.get().substring("fota:".length()).trim();
            for (CutTrigger.FotaState s : CutTrigger.FotaState.values()) {
                if (s.word().equals(state)) {
                    return Optional.of(new CutTrigger.AtFotaState(s));
                }
            }
            java.util.regex.Matcher pm = PROGRESS_TRIGGER.matcher(state);
            if (pm.matches()) {
                int percent = Integer.parseInt(pm.group(1));
                if (percent <= 100) {
                    return Optional.of(new CutTrigger.AtProgress(percent));
                }
            }
            doc.error(n, "'cut-at: fota:" + state + "': the state is one of idle, downloading, downloaded, updating,"
                    + " or a progress of the update such as updating:30% (0..100)");
            return Optional.empty();
        }
        return read.textMatch(n, "'cut-at'", scope).map(CutTrigger.AtUrc::new);
    }

    Optional<Step> fota(MappingReader m, StepScope scope, Position pos) {
        Optional<Node> node = m.required("fota");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Optional<MappingReader> fm = doc.mapping(node.get(), "'fota' (the campaign: package, version, trigger)");
        if (fm.isEmpty()) {
            return Optional.empty();
        }
        MappingReader f = fm.get();
        Step.FotaStarter startedBy = f.optional("started-by").flatMap(n -> doc.oneOf(n, "'started-by'",
                        SuiteKeys.WORDS.get("started-by")))
                .map(w -> w.equals("console") ? Step.FotaStarter.CONSOLE : Step.FotaStarter.PLATFORM)
                .orElse(Step.FotaStarter.PLATFORM);
        boolean console = startedBy == Step.FotaStarter.CONSOLE;
        if (console) {
            // OneNET creates LwM2M FOTA tasks in its console only (7.10.5): the harness serves no package and
            // sends no request, so the keys of the platform's campaign do not apply
            for (String key : List.of("package", "trigger", "step-timeout")) {
                if (f.has(key)) {
                    f.optional(key);
                    doc.error(f.keyNode(key), "'" + key + "' applies to 'started-by: platform': with 'started-by:"
                            + " console' the console's task holds the package and the platform's requests");
                }
            }
        }
        Optional<Path> pkg = console ? Optional.empty()
                : f.required("package").flatMap(n -> fixtureReader.fixtureFile(n, "firmware package"));
        Optional<Template> version = f.required("version").flatMap(n -> read.template(n, "'version'", scope));
        Step.FotaTrigger trigger = console ? Step.FotaTrigger.NOW : f.optional("trigger").flatMap(n -> doc.oneOf(n,
                        "'trigger'", SuiteKeys.WORDS.get("trigger")))
                .map(w -> w.equals("next-uplink") ? Step.FotaTrigger.NEXT_UPLINK : Step.FotaTrigger.NOW)
                .orElse(Step.FotaTrigger.NOW);
        Optional<Duration> stepTimeout = console ? Optional.empty()
                : f.optional("step-timeout").flatMap(n -> read.positiveDuration(n, "'step-timeout'"));
        Optional<Duration> phaseTimeout = f.optional("phase-timeout").flatMap(n -> read.positiveDuration(n, "'phase-timeout'"));
        Optional<Duration> within = Optional.empty();
        if (console) {
            if (!f.has("within")) {
                doc.error(node.get(), "'started-by: console' needs 'within': how long to wait for the task started"
                        + " in the console to reach the module (+MIPLEVENT: 0,40)");
            }
            within = f.optional("within").flatMap(n -> read.positiveDuration(n, "'within'"));
        } else if (f.has("within")) {
            f.optional("within");
            doc.error(f.keyNode("within"), "'within' applies to 'started-by: console' (how long to wait for the"
                    + " console's task): the platform's campaign has 'step-timeout' and 'phase-timeout'");
        }
        f.finish(SuiteKeys.FOTA);
        if (scope.campaign) {
            doc.error(node.get(), "a FOTA campaign was started by an earlier step already: one campaign per case");
        }
        scope.campaign = true;
        scope.consoleCampaign = console;
        if (version.isEmpty() || (console ? within.isEmpty() : pkg.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Step.Fota(startedBy, pkg, version.get(), trigger, stepTimeout, phaseTimeout, within, pos));
    }

    Optional<Step> expectFota(MappingReader m, StepScope scope, Position pos) {
        Optional<Node> node = m.required("expect-fota");
        Duration within = m.required("within").flatMap(n -> read.positiveDuration(n, "'within'")).orElse(null);
        List<String> words = new ArrayList<>();
        if (node.isPresent()) {
            List<Node> items = node.get() instanceof SequenceNode seq ? seq.getValue() : List.of(node.get());
            if (items.isEmpty()) {
                doc.error(node.get(), "'expect-fota' is empty: give succeeded, failed or timed-out (or a list of them)");
            }
            for (Node item : items) {
                doc.oneOf(item, "'expect-fota'", SuiteKeys.WORDS.get("expect-fota")).ifPresent(w -> {
                    if (!words.contains(w)) {
                        words.add(w);
                    }
                });
            }
        }
        if (words.isEmpty()) {
            m.takeAllKeys();
            return Optional.empty();
        }
        String w = String.join("/", words);
        onlyForAny(m, words, "version", "succeeded");
        onlyForAny(m, words, "result", "failed");
        onlyForAny(m, words, "phase", "timed-out");
        List<TextMatch> steps = m.optional("steps").map(n -> read.matches(n, "'steps'", scope, false)).orElse(List.of());
        if (!scope.campaign) {
            doc.error(m.keyNode("expect-fota"), "'expect-fota' with no FOTA campaign before it: start one with a"
                    + " 'fota' step");
        }
        if (scope.consoleCampaign) {
            // the module's side says nothing of /3/0/3 or /5/0/5: a suite checks the revision with ATI (7.10.6)
            for (String key : List.of("version", "result")) {
                if (m.has(key)) {
                    doc.error(m.keyNode(key), "'" + key + "' is what the platform reads (/3/0/3, /5/0/5): after"
                            + " 'started-by: console' only the module's side is seen; check the revision with"
                            + " 'send: ATI' (7.10.6)");
                }
            }
        }
        Optional<Template> version = m.optional("version").flatMap(n -> read.template(n, "'version'", scope));
        OptionalInt result = m.optional("result").map(n -> doc.integer(n, "'result'", 0, 255))
                .map(r -> r.isPresent() ? OptionalInt.of((int) r.getAsLong()) : OptionalInt.empty())
                .orElse(OptionalInt.empty());
        Optional<TextMatch> phase = m.optional("phase").flatMap(n -> read.textMatch(n, "'phase'", scope));
        List<FotaExpectation> alternatives = new ArrayList<>();
        for (String word : words) {
            alternatives.add(switch (word) {
                case "succeeded" -> new FotaExpectation.Succeeded(version, steps);
                case "failed" -> new FotaExpectation.Failed(result, steps);
                default -> new FotaExpectation.TimedOut(phase, steps);
            });
        }
        if (within == null || w.isEmpty()) {
            return Optional.empty();
        }
        FotaExpectation e = alternatives.size() == 1 ? alternatives.get(0)
                : new FotaExpectation.AnyOf(alternatives, steps);
        return Optional.of(new Step.ExpectFota(e, within, pos));
    }

    /** Reports a key that none of the expected outcomes takes. */
    private void onlyForAny(MappingReader m, List<String> words, String key, String word) {
        if (m.has(key) && !words.contains(word)) {
            m.optional(key);
            doc.error(m.keyNode(key), "'" + key + "' applies to " + word + ", not to " + String.join(", ", words));
        }
    }
}
