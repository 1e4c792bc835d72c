package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.EventKind;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Lane;
import org.miplhil.report.Status;
import org.miplhil.report.StepResult;
import org.miplhil.report.TimelineEvent;

/** The executor on small suites against the virtual module on a real pseudo-terminal. */
class SuiteRunnerTest {

    @TempDir
    Path dir;

    static final String BASICS = """
            suite: executor basics
            fixtures:
              profile: PROFILE
            variables:
              lifetime: 3600
            setup:
              - send: AT+CMEE=1
            teardown:
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: captures and variables are filled in when the step runs
                steps:
                  - send: AT+CGSN=1
                    lines: ["+CGSN: ${module.imei}"]
                  - send: AT+MIPLVER?
                    lines: ['re:^\\+MIPLVER: (?<version>\\S+)$']
                  - send: AT+MIPLVER?
                    lines: ["+MIPLVER: ${version}"]
                  - send: AT+MIPLCREATE
                    lines: ['re:^\\+MIPLCREATE: (?<ref>\\d)$']
                  - send: AT+MIPLCREATE
                    expect: "+CIS ERROR: ${profile.errors.create.twice}"
                  - send: AT+MIPLOPEN=${ref},1
                    expect: 're:^\\+CIS ERROR: 65\\d$'
                  - send: AT+MIPLOPEN=${ref},${lifetime},70000
                    expect: "+CIS ERROR: ${profile.errors.open.timeout-range}"
                    within: 5s
              - name: a wrong final result fails as the module's problem
                steps:
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLCREATE
                    expect: "+CIS ERROR: 652"
                  - send: AT
              - name: a failure shows a template's value beside the template
                steps:
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLCREATE
                    expect: "+CIS ERROR: ${profile.errors.open.timeout-range}"
              - name: a URC that never comes fails at its deadline
                steps:
                  - send: AT
                  - expect-urc: "+MIPLEVENT: 0,99"
                    within: 300ms
              - name: the teardown of the failed cases deleted their instances
                steps:
                  - send: AT+MIPLCREATE
                    lines: ["+MIPLCREATE: 0"]
            """;

    @Test
    void stepsRunWithVariablesAndFailuresCarryTheirEvidenceAndCategory() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), BASICS);

        CaseResult basics = r.caseNamed("captures and variables are filled in when the step runs");
        assertThat(basics.status()).as("%s", basics.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.allSteps(basics)).extracting(StepResult::name).contains(
                "setup", "send AT+CMEE=1", "send AT+CGSN=1", "send AT+MIPLVER?",
                "send AT+MIPLOPEN=0,3600,70000", // the captured ref and the suite's variable
                "teardown", "send AT+MIPLDELETE=0");
        // every command's deadline is a measurement, met or not
        assertThat(Recorded.measurements(basics)).contains("AT+CGSN -> OK | limit 5 s | met",
                "AT+MIPLCREATE -> +CIS ERROR: 653 | limit 5 s | met");
        assertThat(basics.transcript()).contains("TX AT+MIPLCREATE", "RX +MIPLCREATE: 0", "TX AT+MIPLDELETE=0");
        assertThat(basics.timeline().events()).extracting(TimelineEvent::kind)
                .contains(EventKind.COMMAND, EventKind.INFORMATION, EventKind.FINAL_RESULT);

        CaseResult wrong = r.caseNamed("a wrong final result fails as the module's problem");
        assertThat(wrong.status()).isEqualTo(Status.FAILED);
        assertThat(wrong.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(wrong.failure().message())
                .startsWith("AT+MIPLCREATE: expected the final result +CIS ERROR: 652, got +CIS ERROR: 653 after");
        assertThat(Recorded.step(wrong, "send AT").isPresent()).as("steps after a failure do not run").isFalse();
        assertThat(Recorded.step(wrong, "send AT+MIPLDELETE=0").orElseThrow().status())
                .as("teardown runs after a failure").isEqualTo(Status.PASSED);

        assertThat(r.caseNamed("a failure shows a template's value beside the template").failure().message())
                .startsWith("AT+MIPLCREATE: expected the final result +CIS ERROR: 652"
                        + " (+CIS ERROR: ${profile.errors.open.timeout-range}), got +CIS ERROR: 653 after");

        CaseResult late = r.caseNamed("a URC that never comes fails at its deadline");
        assertThat(late.status()).isEqualTo(Status.FAILED);
        assertThat(late.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(late.failure().message()).contains("+MIPLEVENT: 0,99", "within 300 ms");
        assertThat(Recorded.measurements(late)).contains("AT -> +MIPLEVENT: 0,99 | limit 300 ms | not measured");
        assertThat(late.timeline().deadlines()).filteredOn(d -> d.name().equals("AT -> +MIPLEVENT: 0,99"))
                .singleElement().satisfies(d -> assertThat(d.met()).isFalse());

        assertThat(r.caseNamed("the teardown of the failed cases deleted their instances").status())
                .isEqualTo(Status.PASSED);
        assertThat(r.run.exitCode()).isEqualTo(1);
    }

    static final String NO_TEARDOWN = """
            suite: a suite that leaves things behind
            fixtures:
              profile: PROFILE
            cases:
              - name: a case that leaves an instance
                steps:
                  - send: AT+MIPLCREATE
              - name: the next case finds none
                steps:
                  - send: AT+MIPLCREATE
                    lines: ["+MIPLCREATE: 0"]
              - name: a case that leaves the module unpowered
                steps:
                  - power: off
                  - expect-no-urc: 're:.'
                    during: 300ms
                    since: step-start
              - name: the next case finds it powered and attached
                steps:
                  - send: AT+CEREG?
                    lines: ["+CEREG: 0,1"]
              - name: a fault plan holds for the rest of its case only
                steps:
                  - sim-faults:
                      - on: command
                        match: '^AT\\+MIPLVER\\?$'
                        action: reply
                        value: "+CIS ERROR: 651"
                  - send: AT+MIPLVER?
              - name: the next case runs without it
                steps:
                  - send: AT+MIPLVER?
                    lines: ['re:^\\+MIPLVER: ']
            """;

    @Test
    void theRunnerCleansUpWhatACaseLeftWhateverTheSuiteSays() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), NO_TEARDOWN);

        CaseResult left = r.caseNamed("a case that leaves an instance");
        assertThat(left.status()).isEqualTo(Status.PASSED);
        assertThat(Recorded.step(left, "leave the module closed and deleted").orElseThrow().status())
                .isEqualTo(Status.PASSED);
        assertThat(left.transcript()).contains("TX AT+MIPLDELETE=0");
        assertThat(r.caseNamed("the next case finds none").status()).isEqualTo(Status.PASSED);

        CaseResult unpowered = r.caseNamed("a case that leaves the module unpowered");
        assertThat(unpowered.status()).as("%s", unpowered.failure()).isEqualTo(Status.PASSED);
        assertThat(unpowered.timeline().events(Lane.POWER)).extracting(TimelineEvent::kind)
                .containsExactly(EventKind.POWER_OFF);
        assertThat(r.caseNamed("the next case finds it powered and attached").status()).isEqualTo(Status.PASSED);

        CaseResult faulty = r.caseNamed("a fault plan holds for the rest of its case only");
        assertThat(faulty.status()).isEqualTo(Status.FAILED);
        assertThat(faulty.failure().message()).contains("AT+MIPLVER?: expected the final result OK, got +CIS ERROR: 651");
        assertThat(r.caseNamed("the next case runs without it").status()).isEqualTo(Status.PASSED);
    }

    static final String REQUESTS = """
            suite: requests the case must answer
            fixtures:
              profile: PROFILE
            setup:
              - send: AT+MIPLCREATE
              - send: AT+MIPLADDOBJ=0,3311,1,"1",4,2
              - send: AT+MIPLOPEN=0,3600,30
              - expect-urcs: ["+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6"]
                within: 30s
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: requests answered by hand pass
                steps:
                  - answer: 're:^\\+MIPLOBSERVE: 0,(?<observeId>\\d+),1,3311,0,-1$'
                    within: 30s
                    with: AT+MIPLOBSERVERSP=0,${observeId},1
                  - answer: 're:^\\+MIPLDISCOVER: 0,(?<discoverId>\\d+),3311$'
                    within: 30s
                    with: AT+MIPLDISCOVERRSP=0,${discoverId},1,19,"5850;5851;5706;5805"
              - name: a request nobody answers fails the case
                steps:
                  - expect-urcs:
                      - 're:^\\+MIPLDISCOVER: 0,\\d+,3311$'
                      - 're:^\\+MIPLOBSERVE: 0,\\d+,1,3311,0,-1$'
                    order: any-order
                    within: 30s
              - name: a request shown again before its answer is answered once
                steps:
                  - answer: 're:^\\+MIPLOBSERVE: 0,(?<observeId>\\d+),1,3311,0,-1$'
                    within: 30s
                    after: 4s
                    with: AT+MIPLOBSERVERSP=0,${observeId},1
                  - answer: 're:^\\+MIPL[A-Z]+: 0,(?<nextId>\\d+),'
                    within: 30s
                    with: AT+MIPLDISCOVERRSP=0,${nextId},1,19,"5850;5851;5706;5805"
            """;

    @Test
    void aRequestUrcTheCaseLeavesUnansweredIsAFailure() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), REQUESTS);

        CaseResult answered = r.caseNamed("requests answered by hand pass");
        assertThat(answered.status()).as("%s", answered.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.measurements(answered)).anyMatch(m -> m.startsWith("AT+MIPLOPEN -> +MIPLEVENT: 0,6 | limit 30 s | met"));

        CaseResult unanswered = r.caseNamed("a request nobody answers fails the case");
        assertThat(unanswered.status()).isEqualTo(Status.FAILED);
        assertThat(unanswered.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(unanswered.failure().message()).startsWith("no step answered +MIPLOBSERVE: 0,")
                .contains("+MIPLDISCOVER: 0,");
        assertThat(Recorded.step(unanswered, "send AT+MIPLCLOSE=0").orElseThrow().status()).isEqualTo(Status.PASSED);

        // the platform retransmitted the observe before its answer (4 s): the module showed it again, the next
        // answer step took the discover, not the copy, and the copy needs no answer of its own
        CaseResult copies = r.caseNamed("a request shown again before its answer is answered once");
        assertThat(copies.status()).as("%s", copies.failure()).isEqualTo(Status.PASSED);
        List<String> observes = copies.transcript().lines().filter(l -> l.contains("+MIPLOBSERVE: 0,")).toList();
        assertThat(observes).as(copies.transcript()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(observes.stream().map(l -> l.substring(l.indexOf("+MIPLOBSERVE"))).distinct()).hasSize(1);
        assertThat(copies.transcript().lines().filter(l -> l.contains("AT+MIPLOBSERVERSP") && !l.contains("echo")))
                .as(copies.transcript()).isNotEmpty();
    }

    static final String PLATFORM = """
            suite: what the platform receives
            fixtures:
              profile: PROFILE
              objects: OBJECTS
            setup:
              - send: AT+CMEE=1
              - send: AT+MIPLCONFIG=0,1,0,"${platform.host}",${platform.port}
              - send: AT+MIPLCREATE
              - send: AT+MIPLADDOBJ=0,3303,2,"11",4,1
              - send: AT+MIPLOPEN=0,86400,30
              - expect-urcs: ["+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6"]
                within: 30s
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: typed values, codes, named requests and a timeout as expected
                steps:
                  - platform: read
                    path: /3303/0/5700
                    as: temperature
                  - expect-urc: 're:^\\+MIPLREAD: 0,\\d+,3303,0,5700$'
                    within: 10s
                  - mcu: never
                    for: +MIPLREAD
                  - platform: read
                    path: /3303/1/5700
                    timeout: 2s
                  - expect-platform: response
                    to: temperature
                    code: 2.05
                    value: {float: 9.8}
                    within: 10s
                  - expect-platform: response
                    code: timeout
                    within: 10s
              - name: a value that differs fails with both values
                steps:
                  - platform: read
                    path: /3303/0/5700
                  - expect-platform: response
                    value: {float: 1.5}
                    within: 10s
              - name: a code that differs fails with the answer
                steps:
                  - platform: execute
                    path: /3303/0/5605
                  - expect-platform: response
                    code: 2.05
                    within: 10s
              - name: a registration with another lifetime fails with the lifetime
                steps:
                  - expect-platform: registered
                    lifetime: 600
                    within: 5s
              - name: a notification that never comes fails at its deadline
                steps:
                  - expect-platform: notification
                    path: /3303/1
                    within: 500ms
            """;

    @Test
    void platformExpectationsCheckCodesTypedValuesAndEvents() throws Exception {
        String objects = Path.of("fixtures/objects/temperature-3303.yaml").toAbsolutePath().toString();
        Recorded r = Recorded.run(dir, Recorded.sim(), PLATFORM.replace("OBJECTS", objects));

        CaseResult fine = r.caseNamed("typed values, codes, named requests and a timeout as expected");
        assertThat(fine.status()).as("%s", fine.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.measurements(fine)).contains("platform read /3303/0/5700 -> 2.05 | limit 10 s | met",
                "platform read /3303/1/5700 -> timeout | limit 10 s | met");
        assertThat(fine.timeline().events(Lane.PLATFORM)).extracting(TimelineEvent::text)
                .anyMatch(t -> t.startsWith("GET /3303/0/5700"));

        CaseResult value = r.caseNamed("a value that differs fails with both values");
        assertThat(value.status()).isEqualTo(Status.FAILED);
        assertThat(value.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(value.failure().message()).startsWith("platform read /3303/0/5700 answer: /3303/0/5700 is float 9.8,"
                + " expected float 1.5");

        CaseResult code = r.caseNamed("a code that differs fails with the answer");
        assertThat(code.failure().message()).startsWith("platform execute /3303/0/5605: expected 2.05, the device"
                + " answered 2.04 CHANGED");

        assertThat(r.caseNamed("a registration with another lifetime fails with the lifetime").failure().message())
                .isEqualTo("the device registered at the platform, but with lifetime 86400 s, expected 600 s");
        assertThat(r.caseNamed("a notification that never comes fails at its deadline").failure().message())
                .isEqualTo("awaited a notification of /3303/1 within 500ms; notifications of that path received: none");
    }

    @Test
    void aPortThatCannotBeOpenedBreaksEveryCaseAsInfrastructureAndSkipsWhatNeedsTheSim() throws Exception {
        Target target = ((Target.Parsed.Ok) Target.parse("serial:" + dir.resolve("no-such-port") + "@9600")).target();
        Recorded r = Recorded.run(dir, RunOptions.builder().target(target).build(), """
                suite: on a missing port
                cases:
                  - name: a case for any module
                    steps:
                      - send: AT
                  - name: a case for the virtual module
                    steps:
                      - sim-faults: clear
                      - send: AT
                """);

        CaseResult any = r.caseNamed("a case for any module");
        assertThat(any.status()).isEqualTo(Status.BROKEN);
        assertThat(any.failure().category()).isEqualTo(FailureCategory.INFRASTRUCTURE);
        assertThat(any.failure().message()).contains("no-such-port");
        CaseResult sim = r.caseNamed("a case for the virtual module");
        assertThat(sim.status()).isEqualTo(Status.SKIPPED);
        assertThat(sim.failure().message()).startsWith("needs the virtual module: sim-faults at ");
    }
}
