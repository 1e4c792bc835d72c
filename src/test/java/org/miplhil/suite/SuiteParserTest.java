package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.at.RequestType;
import org.miplhil.suite.PlatformExpectation.ResponseCode;
import org.miplhil.yaml.LoadResult;

class SuiteParserTest {

    @TempDir
    Path tmp;

    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
    }

    // ---- a valid suite and its model ----

    @Test
    void aValidSuiteLoadsIntoTheModel() {
        Suite s = fx.valid("""
                suite: Reads
                description: one read
                tags: [example]
                fixtures:
                  objects: fixtures/objects/light.yaml
                variables:
                  lifetime: 86400
                setup:
                  - send: AT+MIPLOPEN=0,${lifetime}
                    lines: ["+MIPLCREATE: 0"]
                teardown:
                  - send: AT+MIPLDELETE=0
                    expect: any
                cases:
                  - name: A float read reaches the platform
                    tags: [doc:7.3.1, AT+MIPLREADRSP]
                    variables:
                      lifetime: 3600
                    steps:
                      - platform: read
                        path: /3311/0/5805
                        as: r
                      - answer: 're:^\\+MIPLREAD: 0,(?<msgId>\\d+),3311,0,5805$'
                        within: 5s
                        with: AT+MIPLREADRSP=0,${msgId},1,3311,0,5805,4,4,1.88,0,0
                      - expect-platform: response
                        to: r
                        code: 2.05
                        value: {float: 1.88}
                        within: 500ms
                      - mcu: late
                        for: [+MIPLREAD]
                        delay: 12s
                      - wait: 1.5s
                """);
        assertThat(s.name()).isEqualTo("Reads");
        assertThat(s.description()).isEqualTo("one read");
        assertThat(s.tags()).containsExactly("example");
        assertThat(s.fixtures().objects()).containsExactly(tmp.resolve("fixtures/objects/light.yaml"));
        assertThat(s.fixtures().profile()).contains(tmp.resolve("fixtures/firmware/bc260y-cn.yaml"));
        assertThat(s.variables()).containsExactly(Map.entry("lifetime", "86400"));

        Step.Send open = (Step.Send) s.setup().get(0);
        assertThat(open.command().render(Map.of("lifetime", "60")).text()).contains("AT+MIPLOPEN=0,60");
        assertThat(open.expect()).isEqualTo(ResultExpectation.ok());
        assertThat(open.lines()).hasValueSatisfying(l -> assertThat(l).extracting(TextMatch::source)
                .containsExactly("+MIPLCREATE: 0"));
        assertThat(open.within()).isEqualTo(Duration.ofSeconds(5));
        assertThat(open.position()).isEqualTo(new Position("s.yaml", 9, 5));
        assertThat(((Step.Send) s.teardown().get(0)).expect()).isInstanceOf(ResultExpectation.AnyResult.class);

        Case c = s.cases().get(0);
        assertThat(c.name()).isEqualTo("A float read reaches the platform");
        assertThat(c.tags()).containsExactly("doc:7.3.1", "AT+MIPLREADRSP", "example");
        assertThat(c.variables()).containsExactly(Map.entry("lifetime", "3600"));
        assertThat(c.position()).isEqualTo(new Position("s.yaml", 15, 5));
        assertThat(c.steps()).extracting(Step::word)
                .containsExactly("platform", "answer", "expect-platform", "mcu", "wait");

        Step.Platform read = (Step.Platform) c.steps().get(0);
        assertThat(read.operation()).isEqualTo(new PlatformOperation.Read(
                new LwM2mPath(3311, OptionalInt.of(0), OptionalInt.of(5805))));
        assertThat(read.as()).contains("r");

        Step.Answer answer = (Step.Answer) c.steps().get(1);
        assertThat(answer.urc().captures()).containsExactly("msgId");
        assertThat(answer.within()).isEqualTo(Duration.ofSeconds(5));
        assertThat(answer.since()).isEqualTo(Since.LAST_ACTION);
        assertThat(answer.after()).isEqualTo(Duration.ZERO);
        Map<String, String> captured = answer.urc().match("+MIPLREAD: 0,3123,3311,0,5805", Map.of()).orElseThrow();
        assertThat(captured).containsExactly(Map.entry("msgId", "3123"));
        assertThat(answer.with().get(0).render(captured).text())
                .contains("AT+MIPLREADRSP=0,3123,1,3311,0,5805,4,4,1.88,0,0");
        assertThat(answer.urc().match("+MIPLREAD: 0,3123,3311,0,5806", Map.of())).isEmpty();

        Step.ExpectPlatform response = (Step.ExpectPlatform) c.steps().get(2);
        assertThat(response.within()).isEqualTo(Duration.ofMillis(500));
        PlatformExpectation.Response r = (PlatformExpectation.Response) response.expectation();
        assertThat(r.to()).contains("r");
        assertThat(r.code()).contains(new ResponseCode.Coap(2, 5));
        assertThat(r.values()).containsExactly(Map.entry(LwM2mPath.parse("/3311/0/5805").orElseThrow(),
                new TypedValue(TypedValue.Type.FLOAT, Template.literal("1.88"))));

        Step.Mcu mcu = (Step.Mcu) c.steps().get(3);
        assertThat(mcu.mode()).isEqualTo(McuMode.LATE);
        assertThat(mcu.kinds()).containsExactly(RequestType.READ);
        assertThat(mcu.delay()).contains(Duration.ofSeconds(12));
        assertThat(((Step.Wait) c.steps().get(4)).duration()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void everyKindOfStepLoads() {
        fx.write("suites/local-faults.yaml", "faults:\n  - on: urc\n    match: RDY\n    action: drop\n");
        Suite s = fx.valid("""
                suite: All steps
                fixtures:
                  objects: [fixtures/objects/light.yaml]
                  faults: fixtures/faults/slow.yaml
                cases:
                  - name: Every step
                    steps:
                      - send: AT+MIPLCREATE
                        expect: ["+CIS ERROR: 653", 're:^\\+CIS ERROR: 65[2-5]$']
                        within: 2s
                      - expect-urc: 're:^\\+MIPLEVENT: 0,(?<evt>\\d+)$'
                        within: 30s
                        since: step-start
                      - expect-urcs: ["+MIPLEVENT: 0,${evt}", "+MIPLEVENT: 0,6"]
                        order: any-order
                        within: 30s
                      - expect-no-urc: "+MIPLEVENT: 0,7"
                        during: 2m
                      - mcu: auto
                      - platform: write
                        path: /3311/0
                        mode: partial
                        values:
                          5850: {boolean: true}
                          /3311/0/5706: {opaque: 0AFF}
                      - platform: observe
                        path: /3303/0/5700
                        pmin: 2
                        pmax: 190
                        gt: 100.0
                        st: 0.2
                      - platform: execute
                        path: /3311/0/5523
                        args: reset
                      - platform: write-attributes
                        path: /3303/0
                        lt: 1
                      - platform: cancel
                        path: /3303/0/5700
                      - platform: discover
                        path: /3311
                      - expect-platform: notification
                        path: /3303/0
                        values: {5700: {float: 25.6}}
                        within: 10s
                      - expect-platform: registered
                        lifetime: 86400
                        objects: [/3311/0, /3303]
                        within: 30s
                      - expect-platform: updated
                        within: 30s
                      - expect-platform: deregistered
                        within: 30s
                      - sim-faults: ./local-faults.yaml
                      - sim-faults:
                          - on: command
                            match: '^AT\\+MIPLNOTIFY='
                            action: delay
                            value: 6s
                      - sim-faults: clear
                      - power: off
                        cut-at: '+QIND: "FOTA","UPDATING",30'
                        within: 2m
                        after: 100ms
                      - power: on
                      - power: cycle
                        cut-at: fota:downloading
                        within: 1m
                        for: 3s
                """);
        assertThat(s.fixtures().faults()).hasValueSatisfying(f -> assertThat(f.plan().faults()).hasSize(1));
        List<Step> steps = s.cases().get(0).steps();
        Step.Send send = (Step.Send) steps.get(0);
        assertThat(((ResultExpectation.OneOf) send.expect()).results()).hasSize(2);
        assertThat(((ResultExpectation.OneOf) send.expect()).results().get(1).match("+CIS ERROR: 655", Map.of()))
                .isPresent();
        assertThat(((Step.ExpectUrc) steps.get(1)).since()).isEqualTo(Since.STEP_START);
        Step.ExpectUrcs urcs = (Step.ExpectUrcs) steps.get(2);
        assertThat(urcs.order()).isEqualTo(UrcOrder.ANY_ORDER);
        assertThat(urcs.urcs().get(0).match("+MIPLEVENT: 0,4", Map.of("evt", "4"))).isPresent();
        assertThat(((Step.ExpectNoUrc) steps.get(3)).during()).isEqualTo(Duration.ofMinutes(2));
        assertThat(((Step.Mcu) steps.get(4)).kinds()).containsExactlyInAnyOrder(RequestType.values());
        PlatformOperation.Write write = (PlatformOperation.Write) ((Step.Platform) steps.get(5)).operation();
        assertThat(write.mode()).isEqualTo(PlatformOperation.WriteMode.PARTIAL);
        assertThat(write.values().keySet()).extracting(LwM2mPath::toString).containsExactly("/3311/0/5850", "/3311/0/5706");
        PlatformOperation.Observe observe = (PlatformOperation.Observe) ((Step.Platform) steps.get(6)).operation();
        assertThat(observe.attributes().pmin()).isEqualTo(OptionalLong.of(2));
        assertThat(observe.attributes().gt()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("100"));
        assertThat(observe.attributes().lt()).isEmpty();
        assertThat(((PlatformOperation.Execute) ((Step.Platform) steps.get(7)).operation()).args())
                .hasValueSatisfying(a -> assertThat(a.source()).isEqualTo("reset"));
        PlatformExpectation.Registered reg = (PlatformExpectation.Registered) ((Step.ExpectPlatform) steps.get(12))
                .expectation();
        assertThat(reg.lifetime()).isEqualTo(OptionalLong.of(86400));
        assertThat(reg.objects()).extracting(LwM2mPath::toString).containsExactly("/3311/0", "/3303");
        assertThat(((Step.SimFaults) steps.get(15)).source()).isInstanceOfSatisfying(FaultSource.FromFile.class,
                f -> assertThat(f.file()).isEqualTo(tmp.resolve("suites/local-faults.yaml")));
        assertThat(((Step.SimFaults) steps.get(16)).source()).isInstanceOfSatisfying(FaultSource.Inline.class,
                f -> assertThat(f.plan().faults()).hasSize(1));
        assertThat(((Step.SimFaults) steps.get(17)).source()).isInstanceOf(FaultSource.Clear.class);
        Step.Power cut = (Step.Power) steps.get(18);
        assertThat(cut.action()).isEqualTo(PowerAction.OFF);
        assertThat(cut.cutAt()).hasValueSatisfying(t -> assertThat(t).isInstanceOf(CutTrigger.AtUrc.class));
        assertThat(cut.after()).isEqualTo(Duration.ofMillis(100));
        Step.Power cycle = (Step.Power) steps.get(20);
        assertThat(cycle.cutAt()).contains(new CutTrigger.AtFotaState(CutTrigger.FotaState.DOWNLOADING));
        assertThat(cycle.offFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(((Step.Power) steps.get(19)).offFor()).isEqualTo(Step.Power.DEFAULT_OFF_TIME);
    }

    @Test
    void profileEntriesAreVariables() {
        Suite s = fx.valid("""
                suite: Profile
                cases:
                  - name: Twice is refused
                    steps:
                      - send: AT+MIPLCREATE
                        expect: "+CIS ERROR: ${profile.errors.create.twice}"
                """);
        assertThat(s.fixtures().profileValues()).containsEntry("errors.create.twice", "653");
        Step.Send send = (Step.Send) s.cases().get(0).steps().get(0);
        TextMatch expected = ((ResultExpectation.OneOf) send.expect()).results().get(0);
        assertThat(expected.match("+CIS ERROR: 653", Map.of("profile.errors.create.twice", "653"))).isPresent();
    }

    @Test
    void inOrderPatternsUseWhatEarlierOnesCaptured() {
        fx.valid("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - expect-urcs:
                          - 're:^\\+MIPLWRITE: 0,(?<msgId>\\d+),.*,1$'
                          - 're:^\\+MIPLWRITE: 0,${msgId},.*,0$'
                        within: 5s
                      - send: AT+MIPLWRITERSP=0,${msgId},2
                """);
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - expect-urcs:
                          - 're:^\\+MIPLWRITE: 0,(?<msgId>\\d+),.*,1$'
                          - 're:^\\+MIPLWRITE: 0,${msgId},.*,0$'
                        order: any-order
                        within: 5s
                """).errors()).containsExactly("s.yaml:7:13: undefined variable '${msgId}': it is defined only later or"
                + " in another case (at s.yaml:5:9)");
    }

    // ---- each kind of error, with its position ----

    @Test
    void unknownKey() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - send: AT
                        whithin: 5s
                """).errors()).containsExactly(
                "s.yaml:6:9: unknown key 'whithin' in the send step (known: send, expect, lines, within, urcs-before)");
    }

    @Test
    void requiresIsAWordOrAListAtSuiteAndCaseLevel() {
        Suite s = fx.parse("""
                suite: S
                requires: local-platform
                cases:
                  - name: N
                    requires: [local-platform]
                    steps:
                      - send: AT
                  - name: M
                    steps:
                      - send: AT
                """).orElseThrow();
        assertThat(s.requires()).containsExactly(Requirement.LOCAL_PLATFORM);
        assertThat(s.cases().get(0).requires()).containsExactly(Requirement.LOCAL_PLATFORM);
        assertThat(s.cases().get(1).requires()).isEmpty();
        assertThat(fx.parse("""
                suite: S
                requires: [local-platfrom]
                cases:
                  - name: N
                    requires: {local-platform: true}
                    steps:
                      - send: AT
                """).errors()).containsExactly(
                "s.yaml:2:12: 'requires' must be one of local-platform, found 'local-platfrom'",
                "s.yaml:5:15: 'requires' (a word or a list of words) must be a list, found a mapping");
    }

    @Test
    void unknownTopLevelAndCaseKeys() {
        assertThat(fx.parse("""
                suite: S
                setps: []
                cases:
                  - name: N
                    step: []
                """).errors()).containsExactly(
                "s.yaml:2:1: unknown key 'setps' in the suite (known: suite, description, tags, fixtures, variables,"
                        + " setup, teardown, recover, cases, requires, network)",
                "s.yaml:4:5: a case is missing the key 'steps'",
                "s.yaml:5:5: unknown key 'step' in a case (known: name, tags, variables, steps, requires, network,"
                        + " invariants)");
    }

    @Test
    void wrongTypes() {
        assertThat(fx.parse("""
                suite: S
                tags: example
                cases:
                  - name: N
                    steps:
                      - send: AT
                        within: 5
                      - wait: [1s]
                      - platform: write-attributes
                        path: /3303/0/5700
                        pmin: soon
                """).errors()).containsExactly(
                "s.yaml:2:7: 'tags' must be a list, found 'example'",
                "s.yaml:7:17: 'within' must be a duration such as 250ms, 6s or 1.5s, found '5'",
                "s.yaml:8:15: 'wait' must be a duration such as 250ms, 6s or 1.5s, found a list",
                "s.yaml:11:15: 'pmin' must be an integer, found 'soon'");
    }

    @Test
    void missingRequiredKeys() {
        assertThat(fx.parse("""
                cases:
                  - name: N
                    steps:
                      - expect-urc: RDY
                      - platform: read
                """).errors()).containsExactly(
                "s.yaml:1:1: the suite is missing the key 'suite'",
                "s.yaml:4:9: the expect-urc step is missing the key 'within'",
                "s.yaml:5:9: the platform step is missing the key 'path'");
    }

    @Test
    void badRegularExpression() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - expect-urc: 're:^\\+MIPLREAD: (0'
                        within: 5s
                """).errors()).containsExactly(
                "s.yaml:5:21: 'expect-urc' is not a valid regular expression: Unclosed group near index 15 in"
                        + " '^\\+MIPLREAD: (0'");
    }

    @Test
    void undefinedVariable() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - send: AT+MIPLREADRSP=0,${msgId},1
                      - expect-urc: 're:^\\+MIPLREAD: 0,(?<msgId>\\d+)'
                        within: 5s
                      - send: AT+MIPLOPEN=0,${lifetime}
                """).errors()).containsExactly(
                "s.yaml:5:15: undefined variable '${msgId}': it is defined only later or in another case (at s.yaml:6:9)",
                "s.yaml:8:15: undefined variable '${lifetime}': no default under 'variables' and no earlier step"
                        + " captures it");
    }

    @Test
    void aCaptureOfOneCaseIsNotDefinedInTheNextButSetupCapturesAre() {
        assertThat(fx.parse("""
                suite: S
                setup:
                  - send: AT+MIPLCREATE
                    lines: ['re:^\\+MIPLCREATE: (?<ref>\\d+)$']
                teardown:
                  - send: AT+MIPLDELETE=${ref}
                cases:
                  - name: A
                    steps:
                      - expect-urc: 're:^\\+MIPLOBSERVE: 0,(?<observeId>\\d+)'
                        within: 5s
                  - name: B
                    steps:
                      - send: AT+MIPLNOTIFY=${ref},${observeId},3311,0,5850,5,1,1,0,0
                """).errors()).containsExactly("s.yaml:14:15: undefined variable '${observeId}': it is defined only"
                + " later or in another case (at s.yaml:10:9)");
    }

    @Test
    void malformedPlaceholdersAndUnknownBuiltins() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - send: AT+X=${oops
                      - send: AT+X=${1a}
                      - send: AT+X=${module.serial}
                      - send: AT+X=$${literal}
                      - send: AT+MIPLCONFIG=0,1,0,"${platform.host}",${platform.port}
                """).errors()).containsExactly(
                "s.yaml:5:15: 'send': '${' at character 6 is not closed with '}' (write $${ for a literal ${)",
                "s.yaml:6:15: 'send': '${1a}' is not a variable name (a letter, then letters, digits, _ . - +)",
                "s.yaml:7:15: unknown built-in variable '${module.serial}' (built-ins: ${module.imei}, ${module.imsi},"
                        + " ${platform.host}, ${platform.port}, ${platform.bootstrap-port}, ${platform.bootstrap-host},"
                        + " ${profile.<section>.<key>})");
    }

    @Test
    void profileEntryThatDoesNotExist() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - send: AT+MIPLCREATE
                        expect: "+CIS ERROR: ${profile.errors.create.thrice}"
                """).errors()).containsExactly("s.yaml:6:17: the firmware profile fixtures/firmware/bc260y-cn.yaml"
                + " has no entry 'errors.create.thrice' (for '${profile.errors.create.thrice}': <section>.<key> of an"
                + " entry with a value)");
    }

    @Test
    void fixtureFileNotFound() {
        assertThat(fx.parse("""
                suite: S
                fixtures:
                  objects: [fixtures/objects/light.yaml, fixtures/objects/dark.yaml]
                  profile: ./profile.yaml
                cases:
                  - name: N
                    steps:
                      - sim-faults: ../fixtures/faults/missing.yaml
                      - sim-faults: fixtures/faults/slow.yaml
                """).errors()).containsExactly(
                "s.yaml:3:42: object model file 'fixtures/objects/dark.yaml' not found (looked for"
                        + " fixtures/objects/dark.yaml; names starting with ./ or ../ are relative to the suite's"
                        + " directory, others to the project root '.')",
                "s.yaml:4:12: firmware profile file './profile.yaml' not found (looked for suites/profile.yaml; names"
                        + " starting with ./ or ../ are relative to the suite's directory, others to the project root '.')",
                "s.yaml:8:21: fault plan file '../fixtures/faults/missing.yaml' not found (looked for"
                        + " fixtures/faults/missing.yaml; names starting with ./ or ../ are relative to the suite's"
                        + " directory, others to the project root '.')");
    }

    @Test
    void anInvalidFaultPlanIsReportedWithItsOwnPositions() {
        fx.write("fixtures/faults/broken.yaml", "faults:\n  - on: command\n    match: '('\n    action: drop\n");
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - sim-faults: fixtures/faults/broken.yaml
                """).errors()).containsExactly(
                "s.yaml:5:21: fault plan fixtures/faults/broken.yaml is invalid (1 error, listed with its own positions)",
                "fixtures/faults/broken.yaml:3:12: faults[0].match is not a valid regular expression: Unclosed group"
                        + " near index 1 in '('");
    }

    @Test
    void inlineFaultsAreCheckedInPlace() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - sim-faults:
                          - on: command
                            match: '^AT'
                            action: explode
                """).errors()).containsExactly(
                "s.yaml:8:21: 'sim-faults'[0].action must be one of delay, reply, drop, duplicate, swap-next, garble, edit, emit, pause,"
                        + " found 'explode'");
    }

    @Test
    void objectModelsAreChecked() {
        fx.write("fixtures/objects/broken.yaml", "objects:\n  - id: 3303\n    name: T\n    resources: []\n    instances: []\n    colour: red\n");
        fx.write("fixtures/objects/light-again.yaml", fx.read("fixtures/objects/light.yaml"));
        List<String> errors = fx.parse("""
                suite: S
                fixtures:
                  objects:
                    - fixtures/objects/light.yaml
                    - fixtures/objects/broken.yaml
                    - fixtures/objects/light-again.yaml
                cases:
                  - name: N
                    steps:
                      - mcu: late
                        delay: 10s
                """).errors();
        assertThat(errors.subList(0, 3)).containsExactly(
                "s.yaml:5:7: object model fixtures/objects/broken.yaml is invalid (" + (errors.size() - 3)
                        + " errors, listed with its own positions)",
                "s.yaml:6:7: object 3311 of fixtures/objects/light-again.yaml is already defined by"
                        + " fixtures/objects/light.yaml",
                "s.yaml:11:16: 'mcu: late' answers past the 10 s window of 5.1-5.6: 'delay' must be longer than 10s"
                        + " (use 'mcu: auto' with a delay for a slow answer in time)");
        assertThat(errors.subList(3, errors.size())).isNotEmpty()
                .allSatisfy(e -> assertThat(e).startsWith("fixtures/objects/broken.yaml:"))
                .anySatisfy(e -> assertThat(e).startsWith("fixtures/objects/broken.yaml:6:5: unknown key 'colour'"));
    }

    @Test
    void duplicateCaseNames() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: Create twice is refused
                    steps: [{send: AT}]
                  - name: Create twice is refused
                    steps: [{send: AT}]
                """).errors()).containsExactly(
                "s.yaml:5:11: duplicate case name 'Create twice is refused' (first at s.yaml:3:11)");
    }

    @Test
    void malformedYamlIsAReportedError() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - send: AT+MIPLCREATE
                        expect: +CIS ERROR: 653
                """).errors()).singleElement().asString()
                .startsWith("s.yaml:6:27: YAML syntax: mapping values are not allowed here")
                .endsWith("(quote text that contains ': ', such as \"+CIS ERROR: 653\")");
        assertThat(fx.parse("").errors()).containsExactly("s.yaml:1:1: the file is empty");
        assertThat(fx.parse("- just\n- a list\n").errors())
                .containsExactly("s.yaml:1:1: the suite must be a mapping (key: value), found a list");
        assertThat(fx.parse("a: &x [*x]\n").errors()).singleElement().asString().startsWith("s.yaml:");
    }

    @Test
    void aStepWithTwoKindsOrNone() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - send: AT
                        expect-urc: OK
                      - within: 5s
                      - wait 2s
                """).errors()).containsExactly(
                "s.yaml:6:9: 'send' and 'expect-urc' are in the same step: one step does one thing (make two steps)",
                "s.yaml:7:9: a step needs one of the keys send, expect-urc, expect-urcs, expect-no-urc, answer, mcu,"
                        + " platform, expect-platform, wait, sim-faults, power, fota, expect-fota, sleep, wake, state, network, found within",
                "s.yaml:8:9: a step must be a mapping such as 'send: AT+MIPLVER?', found 'wait 2s'");
    }

    @Test
    void meaningChecks() {
        assertThat(fx.parse("""
                suite: S
                tags: [doc:three, "has space", ets:x]
                cases:
                  - name: N
                    steps:
                      - send: AT
                        expect: "+CIS ERROR 653"
                      - mcu: auto
                      - mcu: never
                        delay: 1s
                      - platform: execute
                        path: /3311/0
                      - platform: read
                        path: /3311/0/5805
                        value: {float: 1}
                      - expect-platform: response
                        to: nobody
                        code: 2.5
                        within: 1s
                      - expect-platform: response
                        value: {integer: 1.5}
                        within: 0s
                      - power: on
                        for: 2s
                """).errors()).containsExactly(
                "s.yaml:2:8: tag 'doc:three': 'doc:' is followed by a section of the note, such as doc:3.3.2",
                "s.yaml:2:19: tag 'has space' cannot be selected with a tag expression: no spaces and none of , ( ) & | !",
                "s.yaml:2:32: tag 'ets:x': 'ets:' is followed by an OMA ETS test number, such as ets:101",
                "s.yaml:7:17: '+CIS ERROR 653' is not a final result: expect OK, ERROR, \"+CIS ERROR: <n>\","
                        + " \"+CME ERROR: <n>\" (or any); information lines go under 'lines'",
                "s.yaml:8:14: 'mcu: auto' answers from object models, and the suite names none (fixtures: objects)",
                "s.yaml:10:9: 'delay' applies to 'mcu: auto' and 'mcu: late'",
                "s.yaml:12:15: 'platform: execute' needs a resource path such as /3311/0/5523, found /3311/0",
                "s.yaml:15:9: 'value' applies to write, not to read",
                "s.yaml:17:13: no earlier platform step is named 'nobody' (name one with 'as: nobody')",
                "s.yaml:18:15: 'code' must be a CoAP response code such as 2.05, 2.04 or 4.04, or timeout; found '2.5'",
                "s.yaml:21:26: '1.5' is not a valid integer value",
                "s.yaml:22:17: 'within' must be longer than 0",
                "s.yaml:24:9: 'for' (how long the power stays off) applies to 'power: cycle'");
    }

    @Test
    void sleepAndWakeSteps() {
        Suite s = fx.valid("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - sleep: deep
                        within: 40s
                      - sleep: light
                      - wake: psm-eint
                        within: 2s
                      - wake: psm-eint
                """);
        List<Step> steps = s.cases().get(0).steps();
        assertThat(steps.get(0)).isEqualTo(new Step.Sleep(Step.SleepLevel.DEEP, Duration.ofSeconds(40),
                steps.get(0).position()));
        assertThat(((Step.Sleep) steps.get(1)).within()).isEqualTo(Step.Sleep.DEFAULT_WITHIN);
        assertThat(((Step.Sleep) steps.get(1)).level()).isEqualTo(Step.SleepLevel.LIGHT);
        assertThat(((Step.Wake) steps.get(2)).within()).isEqualTo(Duration.ofSeconds(2));
        assertThat(((Step.Wake) steps.get(3)).within()).isEqualTo(Step.Wake.DEFAULT_WITHIN);
        assertThat(steps).extracting(Step::word).containsExactly("sleep", "sleep", "wake", "wake");
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - sleep: doze
                      - wake: uart
                      - sleep: deep
                        within: 0s
                      - wake: psm-eint
                        during: 1s
                """).errors()).satisfiesExactly(
                e -> assertThat(e).startsWith("s.yaml:5:16: ").contains("doze"),
                e -> assertThat(e).startsWith("s.yaml:6:15: ").contains("uart"),
                e -> assertThat(e).isEqualTo("s.yaml:8:17: 'within' must be longer than 0"),
                e -> assertThat(e).startsWith("s.yaml:10:9: unknown key 'during'"));
    }

    @Test
    void platformTimeoutAndWriteModes() {
        Suite s = fx.valid("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - platform: read
                        path: /3311/0/5850
                        timeout: 40s
                      - platform: discover
                        path: /3311
                """);
        assertThat(((Step.Platform) s.cases().get(0).steps().get(0)).timeout()).contains(Duration.ofSeconds(40));
        assertThat(((Step.Platform) s.cases().get(0).steps().get(1)).timeout()).isEmpty();
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - platform: write
                        path: /3311/0/5850
                        mode: partial
                        value: {boolean: true}
                      - platform: write
                        path: /3311
                        values: {0/5850: {boolean: true}}
                      - platform: write
                        path: /3311/0
                """).errors()).containsExactly(
                "s.yaml:7:15: 'mode: partial' updates some resources of an instance; a resource path is always replaced",
                "s.yaml:10:15: 'platform: write' writes a resource (/3311/0/5850) or an instance (/3311/0), not /3311",
                "s.yaml:12:9: 'platform: write' to an instance needs 'values', such as values: {5850: {boolean: true}}");
    }

    @Test
    void aResponseNeedsAnEarlierRequest() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - expect-platform: response
                        code: 2.05
                        within: 5s
                """).errors()).containsExactly("s.yaml:5:9: 'expect-platform: response' checks the answer to a"
                + " platform request, and no earlier step sends one");
    }

    @Test
    void schemaCommentMustPointAtAFile() {
        assertThat(fx.parse("""
                # yaml-language-server: $schema=../schema/suite.schema.json
                suite: S
                cases:
                  - name: N
                    steps: [{send: AT}]
                """).errors()).containsExactly("s.yaml:1:33: the schema '../schema/suite.schema.json' named here does"
                + " not exist (looked for schema/suite.schema.json, relative to the suite's directory)");
        fx.write("schema/suite.schema.json", "{}");
        assertThat(fx.parse("""
                # yaml-language-server: $schema=../schema/suite.schema.json
                suite: S
                cases:
                  - name: N
                    steps: [{send: AT}]
                """).isOk()).isTrue();
    }

    @Test
    void everyErrorIsReportedInFileOrder() {
        LoadResult<Suite> r = fx.parse("""
                cases:
                  - name: N
                    steps:
                      - send: AT+X=${nothing}
                        whatever: 1
                  - name: N
                    steps: []
                suite: S
                fixtures:
                  faults: nowhere.yaml
                """);
        assertThat(r.errors()).extracting(e -> e.substring(0, e.indexOf(": ")))
                .containsExactly("s.yaml:4:15", "s.yaml:5:9", "s.yaml:6:11", "s.yaml:7:12", "s.yaml:10:11");
    }

    @Test
    void casesAreCountedEvenWhenTheSuiteHasErrors() {
        SuiteParser.Outcome o = fx.outcome("""
                suite: S
                cases:
                  - name: A
                    steps: [{send: AT, bad: 1}]
                  - name: B
                    steps: [{send: AT}]
                """);
        assertThat(o.result().isOk()).isFalse();
        assertThat(o.cases()).isEqualTo(2);
    }

    @Test
    void theRepositoryExamplesLoad() {
        LoadResult<Suite> r = SuiteLoader.load(Path.of("suites/examples/light-control.yaml"));
        assertThat(r.errors()).isEmpty();
        Suite s = r.orElseThrow();
        assertThat(s.cases()).hasSize(10);
        assertThat(s.setup()).first().isEqualTo(new Step.Mcu(McuMode.OFF, java.util.EnumSet.allOf(RequestType.class),
                Optional.empty(), new Position("suites/examples/light-control.yaml", 20, 5)));
        assertThat(s.cases().get(1).name()).isEqualTo("AT+MIPLCREATE while an instance exists is refused with the"
                + " profile's code");
        assertThat(s.fixtures().profileValues()).containsKey("errors.create.twice");
    }
}
