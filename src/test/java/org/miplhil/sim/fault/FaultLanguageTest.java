package org.miplhil.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keys that let generated mutants say more: edit, emit, reply-matches, power-on. */
class FaultLanguageTest {

    private static FaultPlan plan(String yaml) {
        return FaultPlanLoader.parse("f.yaml", yaml).orElseThrow();
    }

    private static List<String> errors(String yaml) {
        return FaultPlanLoader.parse("f.yaml", yaml).errors();
    }

    @Test
    void readsEditEmitReplyMatchesAndPowerOn() {
        FaultPlan p = plan("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,6$', action: edit, field: 2, value: '7'}
                  - {on: urc, match: '^\\+MIPLEVENT: 0,15$', action: emit, value: '+MIPLEVENT: 0,15'}
                  - on: command
                    match: '^AT\\+MIPLCLOSE'
                    action: emit
                    value: |
                      +MIPLEVENT: 0,8
                      +MIPLEVENT: 0,9
                    after: 1.5s
                  - {on: command, match: '^AT\\+MIPLOPEN=', reply-matches: 'ERROR', action: reply, value: OK, times: 1}
                  - {on: command, match: '^AT\\+MIPLOPEN=', reply-matches: '^OK$', action: delay, value: 40s}
                  - {on: power-on, action: emit, value: '+MIPLEVENT: 0,6', after: 30s, times: 2, skip: 1}
                """);
        assertThat(p.faults()).extracting(Fault::action).containsExactly(
                new FaultAction.Edit(2, "7"),
                new FaultAction.Emit(List.of("+MIPLEVENT: 0,15"), Duration.ZERO),
                new FaultAction.Emit(List.of("+MIPLEVENT: 0,8", "+MIPLEVENT: 0,9"), Duration.ofMillis(1500)),
                new FaultAction.Reply(List.of("OK")),
                new FaultAction.Delay(Duration.ofSeconds(40)),
                new FaultAction.Emit(List.of("+MIPLEVENT: 0,6"), Duration.ofSeconds(30)));
        assertThat(p.faults().get(3).replyMatches()).map(java.util.regex.Pattern::pattern).contains("ERROR");
        assertThat(p.faults().get(0).replyMatches()).isEmpty();
        Fault powerOn = p.faults().get(5);
        assertThat(powerOn.on()).isEqualTo(Fault.On.POWER_ON);
        assertThat(powerOn.times()).hasValue(2);
        assertThat(powerOn.skip()).isEqualTo(1);
        assertThat(powerOn.position()).isEqualTo("f.yaml:13:5");
    }

    @Test
    void readsPauseWithItsDurationAndReportsWhatIsWrong() {
        FaultPlan p = plan("""
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,14,', action: pause, value: 500ms, times: 1}
                  - {on: command, match: '^AT\\+MIPLNOTIFY=', reply-matches: '^OK$', action: pause, value: 1.5s}
                """);
        assertThat(p.faults()).extracting(Fault::action).containsExactly(
                new FaultAction.Pause(Duration.ofMillis(500)), new FaultAction.Pause(Duration.ofMillis(1500)));
        assertThat(p.faults().get(0).toString()).contains("pause x1");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: pause}\n"))
                .containsExactly("f.yaml:2:5: faults[0]: action pause needs a value (a duration such as 500ms)");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: pause, value: later}\n"))
                .containsExactly("f.yaml:2:49: faults[0].value must be a duration such as 250ms, 6s or 1.5s, found 'later'");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: pause, value: 1s, after: 1s}\n"))
                .containsExactly("f.yaml:2:53: faults[0].after is only for action emit, not pause");
        assertThat(errors("faults:\n  - {on: power-on, action: pause, value: 1s}\n"))
                .singleElement().asString().contains("a power-on fault can only emit");
    }

    @Test
    void editValueMayBeAnyScalarAndEmpty() {
        FaultPlan p = plan("""
                faults:
                  - {on: urc, match: 'A', action: edit, field: 3, value: 7}
                  - {on: urc, match: 'B', action: edit, field: 1, value: ''}
                  - {on: urc, match: 'C', action: edit, field: 4, value: '"a,b"'}
                """);
        assertThat(p.faults()).extracting(Fault::action).containsExactly(new FaultAction.Edit(3, "7"),
                new FaultAction.Edit(1, ""), new FaultAction.Edit(4, "\"a,b\""));
    }

    @Test
    void newKeysReportFileLineColumn() {
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: edit, value: '7'}\n"))
                .containsExactly("f.yaml:2:5: faults[0]: action edit needs field (the parameter's number after ': ', from 1)");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: edit, field: 0, value: '7'}\n"))
                .containsExactly("f.yaml:2:48: faults[0].field must be in 1..2147483647, found 0");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: edit, field: two, value: '7'}\n"))
                .containsExactly("f.yaml:2:48: faults[0].field must be an integer, found 'two'");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: edit, field: 2}\n"))
                .containsExactly("f.yaml:2:5: faults[0]: action edit needs a value (the field's new text)");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: edit, field: 2, value: \"a\\nb\"}\n"))
                .containsExactly("f.yaml:2:58: faults[0].value of an edit is one field: it cannot span lines");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: drop, field: 2}\n"))
                .containsExactly("f.yaml:2:41: faults[0].field is only for action edit, not drop");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: emit}\n"))
                .containsExactly("f.yaml:2:5: faults[0]: action emit needs a value (the lines to send)");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: emit, value: \"\\n \\n\"}\n"))
                .containsExactly("f.yaml:2:48: faults[0].value of an emit must hold at least one non-blank line");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: emit, value: A, after: soon}\n"))
                .containsExactly("f.yaml:2:58: faults[0].after must be a duration such as 250ms, 6s or 1.5s, found 'soon'");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: reply, value: A, after: 1s}\n"))
                .containsExactly("f.yaml:2:52: faults[0].after is only for action emit, not reply");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', reply-matches: OK, action: drop}\n"))
                .containsExactly("f.yaml:2:27: faults[0].reply-matches is for command faults only (it reads the "
                        + "module's final result line of the reply); a urc fault has no reply");
        assertThat(errors("faults:\n  - {on: command, match: 'x', reply-matches: '(', action: drop}\n"))
                .singleElement().asString().startsWith("f.yaml:2:46: faults[0].reply-matches is not a valid regular expression");
        assertThat(errors("faults:\n  - {on: power-on, match: 'x', action: emit, value: A}\n"))
                .containsExactly("f.yaml:2:20: faults[0].match is not used by a power-on fault (it acts at each "
                        + "power-up, 'after' later): remove it");
        assertThat(errors("faults:\n  - {on: power-on, action: drop}\n"))
                .containsExactly("f.yaml:2:28: faults[0]: a power-on fault can only emit (action: emit, value: the "
                        + "lines, after: when), found action drop");
        assertThat(errors("faults:\n  - {on: power-on, reply-matches: OK, action: emit, value: A}\n"))
                .singleElement().asString().startsWith("f.yaml:2:20: faults[0].reply-matches is for command faults only");
        assertThat(errors("faults:\n  - {on: urc, action: emit, value: A}\n"))
                .containsExactly("f.yaml:2:5: faults[0] is missing the key 'match'");
    }

    @Test
    void replyMatchesDecidesOnTheFinalLineAndSpendsNothingOnAMiss() {
        FaultEngine engine = new FaultEngine(plan("""
                faults:
                  - {on: command, match: '^AT\\+MIPLOPEN=', reply-matches: 'ERROR', action: reply, value: OK, times: 1, skip: 1}
                  - {on: command, match: '^AT\\+MIPLOPEN=', action: duplicate}
                """));
        // OK replies: the first fault waits for an error reply; the line goes to the second fault
        assertThat(action(engine.onCommand("AT+MIPLOPEN=0,86400", "OK"))).contains(new FaultAction.Duplicate());
        assertThat(engine.uses()).containsExactly(0, 1);
        // the first error reply is skipped (skip: 1), the second is turned into OK, the third is left alone (times: 1)
        assertThat(action(engine.onCommand("AT+MIPLOPEN=0,14", "+CIS ERROR: 651"))).contains(new FaultAction.Duplicate());
        assertThat(action(engine.onCommand("AT+MIPLOPEN=0,14", "+CIS ERROR: 651")))
                .contains(new FaultAction.Reply(List.of("OK")));
        assertThat(action(engine.onCommand("AT+MIPLOPEN=0,14", "+CIS ERROR: 651"))).contains(new FaultAction.Duplicate());
        assertThat(engine.uses()).containsExactly(1, 3);
        // reply unknown: a reply-matches fault never acts
        FaultEngine unknown = new FaultEngine(plan("""
                faults:
                  - {on: command, match: 'X', reply-matches: '', action: drop}
                """));
        assertThat(unknown.onCommand("X")).isEmpty();
        assertThat(action(unknown.onCommand("X", "OK"))).contains(new FaultAction.Drop());
    }

    @Test
    void powerOnFaultsActTogetherEachWithItsOwnCounters() {
        FaultEngine engine = new FaultEngine(plan("""
                faults:
                  - {on: power-on, action: emit, value: A, after: 1s, times: 1}
                  - {on: power-on, action: emit, value: B, skip: 1}
                  - {on: urc, match: '', action: drop}
                """));
        assertThat(engine.onPowerOn()).extracting(a -> a.action()).containsExactly(
                new FaultAction.Emit(List.of("A"), Duration.ofSeconds(1)));
        assertThat(engine.onPowerOn()).extracting(a -> a.action()).containsExactly(
                new FaultAction.Emit(List.of("B"), Duration.ZERO));
        assertThat(engine.onPowerOn()).hasSize(1);
        assertThat(engine.uses()).containsExactly(1, 2, 0);
        // power-on faults never act on lines
        assertThat(action(engine.onUrc("A"))).contains(new FaultAction.Drop());
        assertThat(engine.onCommand("A", "OK")).isEmpty();
    }

    @Test
    void fieldEditSplitsOutsideQuotes() {
        assertThat(FieldEdit.apply("+MIPLEVENT: 0,6", 2, "7")).contains("+MIPLEVENT: 0,7");
        assertThat(FieldEdit.apply("+MIPLEVENT: 0,6", 1, "1")).contains("+MIPLEVENT: 1,6");
        assertThat(FieldEdit.apply("+MIPLEVENT: 0,6", 3, "9")).contains("+MIPLEVENT: 0,6,9");
        assertThat(FieldEdit.apply("+MIPLEVENT: 0,6", 5, "9")).contains("+MIPLEVENT: 0,6,,,9");
        assertThat(FieldEdit.apply("+MIPLWRITE: 0,1,3311,0,5850,1,\"a,b\",0,0", 8, "1"))
                .contains("+MIPLWRITE: 0,1,3311,0,5850,1,\"a,b\",1,0");
        assertThat(FieldEdit.apply("+QIND: \"FOTA\",\"END\",0", 3, "1")).contains("+QIND: \"FOTA\",\"END\",1");
        assertThat(FieldEdit.apply("RDY", 1, "x")).isEmpty();
        assertThat(FieldEdit.apply("+MIPLCREATE: 0", 1, "")).contains("+MIPLCREATE: ");
    }

    @Test
    void faultsWrittenInsideASuiteTakeTheNewKeys() {
        org.miplhil.yaml.YamlDocument doc = org.miplhil.yaml.YamlDocument.compose("s.yaml", """
                - {on: power-on, action: emit, value: '+MIPLEVENT: 0,6', after: 30s}
                - {on: command, match: '^AT', reply-matches: ERROR, action: reply, value: OK}
                - {on: urc, match: '^\\+MIPLEVENT', action: edit, field: 2, value: '7'}
                """);
        Optional<FaultPlan> plan = FaultPlanLoader.readFaults(doc, doc.root().orElseThrow(), "'sim-faults'", "s.yaml");
        assertThat(doc.errors()).isEmpty();
        assertThat(plan.orElseThrow().faults()).extracting(Fault::on)
                .containsExactly(Fault.On.POWER_ON, Fault.On.COMMAND, Fault.On.URC);
        org.miplhil.yaml.YamlDocument bad = org.miplhil.yaml.YamlDocument.compose("s.yaml",
                "- {on: urc, match: 'x', reply-matches: OK, action: drop}\n");
        assertThat(FaultPlanLoader.readFaults(bad, bad.root().orElseThrow(), "'sim-faults'", "s.yaml")).isEmpty();
        assertThat(bad.errors()).singleElement().asString().startsWith("s.yaml:1:25: 'sim-faults'[0].reply-matches is for");
    }

    @Test
    void randomEntriesOfTheNewKeysNeverThrow() {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        List<java.util.Map<String, String>> valid = List.of(
                java.util.Map.of("on", "urc", "match", "'x'", "action", "edit", "field", "2", "value", "'7'"),
                java.util.Map.of("on", "command", "match", "'x'", "action", "emit", "value", "A", "after", "40s"),
                java.util.Map.of("on", "command", "match", "'x'", "reply-matches", "ERROR", "action", "reply",
                        "value", "OK", "times", "1"),
                java.util.Map.of("on", "power-on", "action", "emit", "value", "A", "after", "1s", "skip", "1"),
                java.util.Map.of("on", "urc", "match", "'x'", "action", "pause", "value", "500ms", "times", "1"));
        String[][] keys = {
                {"on", "command", "urc", "power-on", "wire", "[]"},
                {"match", "'x'", "'('", "{}", "''"},
                {"action", "edit", "emit", "reply", "drop", "delay", "pause", "swap-next", "garble", "x"},
                {"value", "'7'", "7", "''", "\"a\\nb\"", "6s", "500ms", "-1s", "\"\\xFF\"", "[]", "~"},
                {"field", "0", "1", "2", "-1", "x", "99999999999"},
                {"after", "0s", "40s", "soon", "-1s", "[]"},
                {"reply-matches", "ERROR", "'^OK$'", "'('", "{}"},
                {"times", "1", "0"},
                {"skip", "0", "-1"}};
        for (int round = 0; round < 2000; round++) {
            // a valid entry, then 0..3 random changes: a key added, replaced or removed
            java.util.Map<String, String> entry = new java.util.LinkedHashMap<>(valid.get(random.nextInt(valid.size())));
            int changes = random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                String[] k = keys[random.nextInt(keys.length)];
                if (random.nextInt(4) == 0) {
                    entry.remove(k[0]);
                } else {
                    entry.put(k[0], k[1 + random.nextInt(k.length - 1)]);
                }
            }
            StringBuilder sb = new StringBuilder("faults:\n  - {");
            entry.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ").append(k).append(": ").append(v));
            String yaml = sb.append("}\n").toString();
            org.miplhil.yaml.LoadResult<FaultPlan> r;
            try {
                r = FaultPlanLoader.parse("r.yaml", yaml);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": threw on <" + yaml + ">", e);
            }
            for (String error : r.errors()) {
                assertThat(error).as("seed %d <%s>", seed, yaml).matches("(?s)r\\.yaml:\\d+:\\d+: .+");
            }
            if (changes == 0) {
                assertThat(r.errors()).as("seed %d: the valid entry <%s>", seed, yaml).isEmpty();
            }
        }
    }

    private static Optional<FaultAction> action(Optional<FaultEngine.Applied> applied) {
        return applied.map(FaultEngine.Applied::action);
    }
}
