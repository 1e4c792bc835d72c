package org.miplhil.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.at.RequestType;
import org.miplhil.sim.AnsweredCommands;
import org.miplhil.sim.fault.Fault;
import org.miplhil.sim.fault.FaultAction;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.yaml.LoadResult;

/** The generated space: every family for every subject it fits, read from the codec's enumerations. */
class MutantSpaceTest {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]+(/[A-Za-z0-9-]+){1,2}");
    private static List<Mutant> space;
    private static Map<String, Mutant> byId;

    @BeforeAll
    static void generate() {
        space = MutantSpace.generate();
        byId = space.stream().collect(Collectors.toMap(Mutant::id, Function.identity(), (a, b) -> a));
    }

    @Test
    void idsAreUniqueAndFileNameSafe() {
        assertThat(byId).hasSameSizeAs(space);
        assertThat(space.stream().map(Mutant::id).filter(id -> !SAFE_ID.matcher(id).matches()).toList()).isEmpty();
        assertThat(space).allSatisfy(m -> assertThat(m.id()).startsWith(m.family().id() + "/"));
    }

    @Test
    void theSpaceIsTheSameOnEveryCall() {
        assertThat(MutantSpace.generate().stream().map(MutantSpaceTest::text).toList())
                .containsExactlyElementsOf(space.stream().map(MutantSpaceTest::text).toList());
    }

    private static String text(Mutant m) {
        return String.join("\u0000", m.id(), m.family().name(), m.subject(), m.on().name(), m.trigger().pattern(),
                m.replyTrigger().map(Pattern::pattern).orElse("-"), m.planYaml(), m.description());
    }

    @Test
    void everyPlanParsesItsTriggerIsItsFirstMatchAndItNamesTheDefect() {
        for (Mutant m : space) {
            LoadResult<FaultPlan> r = FaultPlanLoader.parse(m.id(), m.planYaml());
            assertThat(r.errors()).as("problems of %s:%n%s", m.id(), m.planYaml()).isEmpty();
            FaultPlan plan = ((LoadResult.Ok<FaultPlan>) r).value();
            assertThat(plan.faults()).as("faults of %s", m.id()).isNotEmpty();
            assertThat(plan.faults().get(0).on()).isEqualTo(m.on());
            if (m.on() == Fault.On.POWER_ON) { // no match in the plan: the trigger is the power-up line
                assertThat(m.trigger().pattern()).as("trigger of %s", m.id()).isEqualTo("^RDY$");
            } else {
                assertThat(plan.faults().get(0).match().pattern()).as("trigger of %s", m.id())
                        .isEqualTo(m.trigger().pattern());
            }
            assertThat(plan.defect()).as("defect of %s", m.id()).contains(m.description());
            assertThat(plan.faults()).allSatisfy(f -> assertThat(f.times()).as("times of %s", m.id()).hasValue(1));
        }
    }

    @Test
    void controlsAreExactlyTheDelayWithinFamily() {
        assertThat(space).allSatisfy(m -> assertThat(m.control()).as("control: %s", m.id())
                .isEqualTo(m.family() == Family.DELAY_WITHIN));
        assertThat(space).anyMatch(Mutant::control);
    }

    @Test
    void controlsPauseTheOutputWithinEveryDeadline() {
        MutantDeadlines deadlines = MutantDeadlines.of(org.miplhil.sim.profile.ProfileLoader
                .load(java.nio.file.Path.of("fixtures/firmware/bc260y-cn.yaml")).orElseThrow());
        for (Mutant m : space.stream().filter(Mutant::control).toList()) {
            FaultPlan plan = FaultPlanLoader.parse(m.id(), m.planYaml()).orElseThrow();
            // a slower module, never a reordering one: the line and everything after it later, in order
            assertThat(plan.faults()).as("faults of %s", m.id()).singleElement()
                    .extracting(Fault::action).isInstanceOf(FaultAction.Pause.class);
            Duration by = ((FaultAction.Pause) plan.faults().get(0).action()).by();
            assertThat(by).as("pause of %s", m.id()).isPositive()
                    .isLessThan(m.on() == Fault.On.COMMAND ? deadlines.command() : deadlines.urc())
                    // every within of the catalogue's steps is 5 s or more
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertThat(byId.get("delay-within-deadline/urc-MIPLEVENT-14").planYaml())
                .contains("action: pause").contains("value: 500ms");
        assertThat(byId.get("delay-within-deadline/cmd-MIPLOPEN-set").planYaml())
                .contains("action: pause").contains("value: 1s");
        // the family that must be found still delays and lets later lines overtake
        assertThat(byId.get("delay-past-deadline/urc-MIPLEVENT-14").planYaml()).contains("action: delay");
    }

    @Test
    void urcsBeyondChapter5AreLostDoubledAndGarbled() {
        List<String> kinds = List.of("RDY", "IP", "CFUN", "CEREG", "CSCON", "CPIN", "QNBIOTEVENT");
        for (String k : kinds) {
            assertThat(byId).containsKeys("drop/urc-" + k, "duplicate/urc-" + k, "garble/urc-" + k);
            assertThat(byId).doesNotContainKeys("delay-past-deadline/urc-" + k, "swap-with-next/urc-" + k);
        }
        assertThat(space).filteredOn(m -> m.id().matches("[a-z-]+/urc-(" + String.join("|", kinds) + ")"))
                .hasSize(3 * kinds.size());
        Pattern rdy = byId.get("drop/urc-RDY").trigger();
        assertThat(rdy.matcher("RDY").find()).isTrue();
        assertThat(rdy.matcher("RDYX").find()).isFalse();
        Pattern ip = byId.get("drop/urc-IP").trigger();
        assertThat(ip.matcher("+IP: 10.177.135.245").find()).isTrue();
        assertThat(byId.get("garble/urc-QNBIOTEVENT").trigger().matcher("+QNBIOTEVENT: \"ENTER DEEPSLEEP\"").find())
                .isTrue();
        assertThat(byId.get("drop/urc-CFUN").on()).isEqualTo(Fault.On.URC);
    }

    @Test
    void eventSixAfterAPowerUpIsAPowerOnEmitTriggeredByRdy() {
        Mutant m = byId.get("unlisted-urc/urc-MIPLEVENT-6/after-power-up");
        assertThat(m.on()).isEqualTo(Fault.On.POWER_ON);
        assertThat(m.trigger().matcher("RDY").find()).isTrue();
        assertThat(m.trigger().matcher("+MIPLEVENT: 0,6").find()).isFalse();
        Fault f = FaultPlanLoader.parse(m.id(), m.planYaml()).orElseThrow().faults().get(0);
        assertThat(f.on()).isEqualTo(Fault.On.POWER_ON);
        assertThat(f.action()).isEqualTo(new FaultAction.Emit(List.of("+MIPLEVENT: 0,6"), Duration.ofSeconds(5)));
        assertThat(m.planYaml()).doesNotContain("match:");
        assertThat(space).filteredOn(x -> x.on() == Fault.On.POWER_ON).containsExactly(m);
    }

    @Test
    void theSpaceStaysWithinItsHour() {
        assertThat(space).hasSizeBetween(600, 760);
    }

    @Test
    void everyFamilyButThePlansIsGenerated() {
        Map<Family, Integer> counts = MutantSpace.counts(space);
        assertThat(counts.keySet()).containsExactly(Family.values());
        for (Family f : Family.values()) {
            if (f == Family.PLAN) {
                assertThat(counts.get(f)).as("hand-written plans are not generated").isZero();
            } else {
                assertThat(counts.get(f)).as("mutants of %s", f).isPositive();
            }
        }
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(space.size());
    }

    @Test
    void everyFormOfEveryMiplCommandGetsTheCommandFamilies() {
        for (MiplCommandName n : MiplCommandName.values()) {
            for (Form f : n.forms()) {
                String s = "cmd-" + n.name() + "-" + f.name().toLowerCase(java.util.Locale.ROOT);
                for (String family : List.of("drop", "duplicate", "delay-past-deadline", "delay-within-deadline",
                        "garble", "swap-with-next")) {
                    assertThat(byId).containsKey(family + "/" + s);
                }
                assertThat(byId).containsKey("other-result-code/" + s + "/ok-to-error");
                if (f == Form.SET || f == Form.EXEC) {
                    assertThat(byId).containsKeys("other-result-code/" + s + "/other-error", "accept-refused/" + s,
                            "refuse-accepted/" + s);
                } else {
                    assertThat(byId).doesNotContainKeys("accept-refused/" + s, "refuse-accepted/" + s);
                }
                Pattern trigger = byId.get("drop/" + s).trigger();
                assertThat(trigger.matcher(line(n, f)).find()).as("%s finds %s", trigger, line(n, f)).isTrue();
            }
        }
        assertThat(byId.get("drop/cmd-MIPLOPEN-set").trigger().matcher("AT+MIPLOPEN=?").find()).isFalse();
        assertThat(byId.get("drop/cmd-MIPLCONFIG-query").trigger().matcher("AT+MIPLCONFIG=0,0").find()).isFalse();
    }

    private static String line(MiplCommandName n, Form f) {
        return switch (f) {
            case TEST -> n.testLine();
            case QUERY -> n.queryLine();
            case SET -> "AT" + n.atName() + "=0";
            case EXEC -> "AT" + n.atName();
        };
    }

    @Test
    void everyGeneralCommandTheModuleAnswersGetsItsFamilies() {
        Set<String> names = new HashSet<>(AnsweredCommands.basic());
        names.addAll(AnsweredCommands.extended());
        assertThat(names).contains("", "+CFUN", "+CEREG", "+QSCLK");
        for (String n : names) {
            String s = "cmd-" + (n.isEmpty() ? "AT" : n.startsWith("+") ? n.substring(1) : "AT" + n);
            assertThat(byId).containsKeys("drop/" + s, "duplicate/" + s, "delay-past-deadline/" + s,
                    "delay-within-deadline/" + s, "other-result-code/" + s + "/ok-to-error");
        }
        assertThat(byId.get("drop/cmd-AT").trigger().matcher("AT").find()).isTrue();
        assertThat(byId.get("drop/cmd-AT").trigger().matcher("AT+CFUN?").find()).isFalse();
        assertThat(byId.get("drop/cmd-CFUN").trigger().matcher("AT+CFUN=1").find()).isTrue();
        assertThat(byId.get("drop/cmd-CGSN").trigger().matcher("AT+CGSNX").find()).isFalse();
        assertThat(byId.get("drop/cmd-ATE").trigger().matcher("ATE0").find()).isTrue();
    }

    @Test
    void everyUrcKindOfChapter5GetsTheLineFamiliesAndItsFieldEdits() {
        List<String> lineFamilies = List.of("drop", "duplicate", "delay-past-deadline", "delay-within-deadline",
                "garble", "swap-with-next");
        for (EventId e : EventId.values()) {
            for (String family : lineFamilies) {
                assertThat(byId).containsKey(family + "/urc-MIPLEVENT-" + e.id());
            }
            assertThat(byId).containsKey("field-edit/urc-MIPLEVENT-" + e.id() + "/evtId");
        }
        for (RequestType t : RequestType.values()) {
            String s = "urc-" + t.urcPrefix().substring(1);
            for (String family : lineFamilies) {
                assertThat(byId).containsKey(family + "/" + s);
            }
            for (String field : t.fields()) {
                if (!List.of("value", "arguments", "parameter").contains(field)) {
                    assertThat(byId).containsKey("field-edit/" + s + "/" + field);
                }
            }
            assertThat(byId).containsKey("unlisted-urc/" + s + "/out-of-the-blue");
        }
        for (String fota : List.of("START", "UPDATING", "END")) {
            for (String family : lineFamilies) {
                assertThat(byId).containsKey(family + "/urc-QIND-FOTA-" + fota);
            }
        }
    }

    @Test
    void eventTriggersFindTheirIdOnly() {
        Pattern six = byId.get("drop/urc-MIPLEVENT-6").trigger();
        assertThat(six.matcher("+MIPLEVENT: 0,6").find()).isTrue();
        assertThat(six.matcher("+MIPLEVENT: 0,26,255").find()).isFalse();
        assertThat(six.matcher("+MIPLEVENT: 0,60").find()).isFalse();
        Pattern ack = byId.get("field-edit/urc-MIPLEVENT-26/ackId").trigger();
        assertThat(ack.matcher("+MIPLEVENT: 0,26,255").find()).isTrue();
        assertThat(ack.matcher("+MIPLEVENT: 0,26,1").find()).as("already the new value").isFalse();
    }

    @Test
    void requestFieldEditsFindTheirField() {
        Pattern msgId = byId.get("field-edit/urc-MIPLREAD/msgId").trigger();
        assertThat(msgId.matcher("+MIPLREAD: 0,52345,3303,0,5700").find()).isTrue();
        assertThat(msgId.matcher("+MIPLREAD: 0,1,3303,0,5700").find()).isFalse();
        // flag and index come after the written value: found from the end of the line
        Pattern index = byId.get("field-edit/urc-MIPLWRITE/index").trigger();
        assertThat(index.matcher("+MIPLWRITE: 0,7,3311,0,5850,1,3,a,b,0,0").find()).isTrue();
        assertThat(index.matcher("+MIPLWRITE: 0,7,3311,0,5850,2,1,00,0,1").find()).isFalse();
        Pattern flag = byId.get("field-edit/urc-MIPLWRITE/flag").trigger();
        assertThat(flag.matcher("+MIPLWRITE: 0,7,3311,0,5850,2,1,00,0,0").find()).isTrue();
        assertThat(flag.matcher("+MIPLWRITE: 0,7,3311,0,5850,2,1,00,1,0").find()).isFalse();
        assertThat(byId.get("field-edit/urc-MIPLWRITE/flag").planYaml()).contains("field: 9");
    }

    @Test
    void theIssuesFirmwareIsInTheSpace() {
        // a module that prints +MIPLEVENT: 0,15 twice after AT+MIPLCLOSE passed every case
        Mutant twice = byId.get("unlisted-urc/urc-MIPLEVENT-15/twice");
        assertThat(twice.planYaml()).contains("action: emit").contains("value: '+MIPLEVENT: 0,15'");
        assertThat(twice.trigger().matcher("+MIPLEVENT: 0,15").find()).isTrue();
        // and one whose event 6 comes past the registration timeout (3.3.7: 30 s)
        assertThat(byId.get("delay-past-deadline/urc-MIPLEVENT-6").planYaml()).contains("value: 33s");
        assertThat(byId.get("delay-past-deadline/cmd-MIPLOPEN-set").planYaml()).contains("value: 8s");
    }

    @Test
    void undefinedEventIdsAreNotIn57() {
        assertThat(UnlistedUrcs.undefinedEventIds()).containsExactly(0, 16, 22, 27, 44, 50)
                .allSatisfy(id -> assertThat(EventId.of(id)).isEmpty());
    }

    @Test
    void acceptAndRefuseActOnTheRightReplies() {
        Mutant accept = byId.get("accept-refused/cmd-MIPLOPEN-set");
        assertThat(accept.replyTrigger()).map(Pattern::pattern).hasValue("ERROR");
        assertThat(accept.planYaml()).contains("reply-matches: 'ERROR'").contains("value: 'OK'");
        Mutant refuse = byId.get("refuse-accepted/cmd-MIPLOPEN-set");
        assertThat(refuse.planYaml()).contains("reply-matches: '^OK$'").contains("value: '+CIS ERROR: 653'");
    }
}
