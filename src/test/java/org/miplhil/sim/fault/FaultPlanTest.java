package org.miplhil.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.miplhil.yaml.LoadResult;

class FaultPlanTest {

    private static FaultPlan plan(String yaml) {
        return FaultPlanLoader.parse("f.yaml", yaml).orElseThrow();
    }

    private static List<String> errors(String yaml) {
        return FaultPlanLoader.parse("f.yaml", yaml).errors();
    }

    @Test
    void readsEveryAction() {
        FaultPlan p = plan("""
                faults:
                  - {on: command, match: '^AT\\+MIPLNOTIFY=', action: delay, value: 6s, times: 1}
                  - {on: command, match: 'X', action: reply, value: "+CIS ERROR: 651\\nOK"}
                  - {on: urc, match: '^\\+MIPLEVENT: 0,6$', action: drop}
                  - {on: urc, match: 'A', action: duplicate}
                  - {on: urc, match: 'B', action: swap-next}
                  - {on: urc, match: 'C', action: swap-next, value: 300ms}
                  - {on: command, match: 'D', action: garble, value: "\\xFF\\x00"}
                """);
        assertThat(p.faults()).extracting(Fault::action).containsExactly(
                new FaultAction.Delay(Duration.ofSeconds(6)),
                new FaultAction.Reply(List.of("+CIS ERROR: 651", "OK")),
                new FaultAction.Drop(),
                new FaultAction.Duplicate(),
                new FaultAction.SwapNext(FaultPlanLoader.DEFAULT_SWAP_HOLD),
                new FaultAction.SwapNext(Duration.ofMillis(300)),
                new FaultAction.Garble(new byte[] {(byte) 0xFF, 0}));
        assertThat(p.faults().get(0).times()).hasValue(1);
        assertThat(p.faults().get(1).times()).isEmpty();
        assertThat(p.faults().get(2).on()).isEqualTo(Fault.On.URC);
        assertThat(p.faults().get(0).position()).isEqualTo("f.yaml:2:5");
    }

    @Test
    void shippedExamplesLoad() {
        for (String name : List.of("notify-reply-late", "drop-reg-success", "wrong-error-code")) {
            LoadResult<FaultPlan> r = FaultPlanLoader.load(Path.of("fixtures/faults/" + name + ".yaml"));
            assertThat(r.errors()).as(name).isEmpty();
            assertThat(r.orElseThrow().faults()).as(name).isNotEmpty();
        }
    }

    @Test
    void multiLineReplyFromABlockScalar() {
        FaultPlan p = plan("""
                faults:
                  - on: command
                    match: '^AT\\+MIPLCREATE$'
                    action: reply
                    value: |
                      +MIPLCREATE: 1

                      OK
                """);
        assertThat(p.faults().get(0).action()).isEqualTo(new FaultAction.Reply(List.of("+MIPLCREATE: 1", "OK")));
    }

    @Test
    void errorsCarryFileLineColumn() {
        assertThat(errors("faults:\n  - {on: command, match: 'x', action: delay, value: 6s, colour: red}\n"))
                .singleElement().asString().startsWith("f.yaml:2:57: unknown key 'colour' in faults[0]");
        assertThat(errors("faults:\n  - {on: wire, match: 'x', action: drop}\n"))
                .singleElement().asString().isEqualTo("f.yaml:2:10: faults[0].on must be one of command, urc, power-on, found 'wire'");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: explode}\n"))
                .singleElement().asString().startsWith("f.yaml:2:35: faults[0].action must be one of delay, reply, drop");
        assertThat(errors("faults:\n  - {on: urc, match: '(unclosed', action: drop}\n"))
                .singleElement().asString().startsWith("f.yaml:2:22: faults[0].match is not a valid regular expression");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: delay, value: soon}\n"))
                .singleElement().asString().isEqualTo(
                        "f.yaml:2:49: faults[0].value must be a duration such as 250ms, 6s or 1.5s, found 'soon'");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: delay}\n"))
                .singleElement().asString().startsWith("f.yaml:2:5: faults[0]: action delay needs a value");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: drop, value: 3}\n"))
                .singleElement().asString().isEqualTo("f.yaml:2:48: faults[0]: action drop takes no value");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: garble, value: \"\\u4e2d\"}\n"))
                .singleElement().asString().startsWith("f.yaml:2:50: faults[0].value must be a non-empty string of characters");
        assertThat(errors("faults:\n  - {on: urc, match: 'x', action: drop, times: 0}\n"))
                .singleElement().asString().isEqualTo("f.yaml:2:48: faults[0].times must be in 1..2147483647, found 0");
        assertThat(errors("faults:\n  - {match: 'x', action: drop}\n"))
                .singleElement().asString().isEqualTo("f.yaml:2:5: faults[0] is missing the key 'on'");
        assertThat(errors("fault:\n  - {}\n")).contains("f.yaml:1:1: the fault plan is missing the key 'faults'");
        assertThat(errors("faults: [\n")).singleElement().asString().matches("f\\.yaml:\\d+:\\d+: YAML syntax: .+");
    }

    @Test
    void engineActsOnTheFirstMatchingFaultAndCountsTimes() {
        FaultEngine engine = new FaultEngine(plan("""
                faults:
                  - {on: command, match: '^AT\\+MIPLNOTIFY=', action: drop, times: 2}
                  - {on: command, match: 'NOTIFY', action: duplicate}
                  - {on: urc, match: '^\\+MIPLEVENT: 0,6$', action: drop, times: 1}
                """));
        assertThat(engine.onCommand("AT+MIPLVER?")).isEmpty();
        assertThat(action(engine.onCommand("AT+MIPLNOTIFY=0,1"))).contains(new FaultAction.Drop());
        assertThat(action(engine.onCommand("AT+MIPLNOTIFY=0,1"))).contains(new FaultAction.Drop());
        // the first fault is used up: the next matching one acts, every time
        assertThat(action(engine.onCommand("AT+MIPLNOTIFY=0,1"))).contains(new FaultAction.Duplicate());
        assertThat(action(engine.onCommand("AT+MIPLNOTIFY=0,1"))).contains(new FaultAction.Duplicate());
        // command faults never act on URCs and the reverse
        assertThat(engine.onUrc("+MIPLNOTIFY: x")).isEmpty();
        assertThat(engine.onCommand("+MIPLEVENT: 0,6")).isEmpty();
        assertThat(action(engine.onUrc("+MIPLEVENT: 0,6"))).contains(new FaultAction.Drop());
        assertThat(engine.onUrc("+MIPLEVENT: 0,6")).isEmpty();
        assertThat(engine.uses()).containsExactly(2, 2, 1);
    }

    private static Optional<FaultAction> action(Optional<FaultEngine.Applied> applied) {
        return applied.map(FaultEngine.Applied::action);
    }

    @Test
    void randomPlansNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] pieces = {"faults:", "\n", "  - ", "on: ", "command", "urc", "match: ", "'[a'", "'^AT'", "action: ",
                "delay", "reply", "garble", "swap-next", "value: ", "6s", "\"\\xFF\"", "times: ", "-1", "{", "}", ",",
                ": ", "#", "&a", "*a", "!!int", "|", "\t"};
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            LoadResult<FaultPlan> r;
            try {
                r = FaultPlanLoader.parse("r.yaml", sb.toString());
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " round " + round + ": threw on <" + sb + ">", e);
            }
            for (String error : r.errors()) {
                assertThat(error).as("seed %d round %d <%s>", seed, round, sb).matches("(?s)r\\.yaml:\\d+:\\d+: .+");
            }
        }
    }

    @Test
    void readsTheDefectAndTheExpressionThatDetectsIt() {
        FaultPlan p = plan("""
                defect: "a notify is never ACKed"
                detect: 'MIPLEVENT: 0,26,\\d+'
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,26,', action: drop}
                """);
        assertThat(p.defect()).hasValue("a notify is never ACKed");
        assertThat(p.detect().orElseThrow().matcher("missing +MIPLEVENT: 0,26,255").find()).isTrue();
        assertThat(plan("faults:\n  - {on: urc, match: x, action: drop}\n").detect()).isEmpty();
        assertThat(errors("detect: '[a'\nfaults:\n  - {on: urc, match: x, action: drop}\n"))
                .singleElement().asString().startsWith("f.yaml:1:9: 'detect' is not a valid regular expression");
        assertThat(errors("defect: [1, 2]\nfaults:\n  - {on: urc, match: x, action: drop}\n"))
                .singleElement().asString().startsWith("f.yaml:1:9:");
    }

    @Test
    void skipLetsTheFirstMatchesThroughAndLeavesThemToLaterFaults() {
        FaultEngine engine = new FaultEngine(plan("""
                faults:
                  - {on: command, match: '^AT\\+MIPLCREATE$', action: reply, value: "+CIS ERROR: 653", skip: 1, times: 1}
                  - {on: command, match: '^AT\\+MIPLCREATE$', action: duplicate}
                """));
        assertThat(action(engine.onCommand("AT+MIPLCREATE"))).hasValue(new FaultAction.Duplicate());
        assertThat(action(engine.onCommand("AT+MIPLCREATE")))
                .hasValue(new FaultAction.Reply(List.of("+CIS ERROR: 653")));
        assertThat(action(engine.onCommand("AT+MIPLCREATE"))).hasValue(new FaultAction.Duplicate());
        assertThat(engine.uses()).containsExactly(1, 2);
        assertThat(plan("faults:\n  - {on: urc, match: x, action: drop}\n").faults().get(0).skip()).isZero();
        assertThat(errors("faults:\n  - {on: urc, match: x, action: drop, skip: -1}\n"))
                .singleElement().asString().startsWith("f.yaml:2:45:");
    }
}
