package org.miplhil.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample runs and timelines, shaped like what the executor records against the virtual module. */
final class Samples {

    static final String PASSING_CASE = "AT+MIPLOPEN registers and reports events 1, 2, 4, 6";
    static final String FAILING_CASE = "MIPLNOTIFY before registering is rejected with 652";
    static final String BROKEN_CASE = "a read is answered within 10 s";
    static final String SKIPPED_CASE = "651 when the object table is full";
    static final String PSK = "s3cr3t-psk-0042";

    private Samples() {
    }

    /** A suite with setup, a passing, a failing (module), a broken (infrastructure) and a skipped case, and teardown. */
    static RunResult registrationRun(RunRecorder rec, TestClock clock) {
        rec.secret(PSK);
        rec.runStarted(RunInfo.builder().target("sim").profile("fixtures/firmware/bc260y-cn.yaml").plannedCases(4)
                .put("tags", "doc:3.3.7").build());
        rec.firmwareRevision("BC260YCNAAR01A03");
        rec.suiteStarted(new SuiteInfo("registration", "suites/registration.yaml", "registration and events"));

        // setup
        rec.stepStarted("create instance", params("command", "AT+MIPLCREATE"));
        rec.event(clock.nanoTime(), EventKind.COMMAND, "AT+MIPLCREATE");
        clock.advanceMillis(15);
        rec.event(clock.nanoTime(), EventKind.INFORMATION, "+MIPLCREATE: 0");
        rec.event(clock.nanoTime(), EventKind.FINAL_RESULT, "OK");
        rec.stepPassed();
        rec.transcript("> AT+MIPLCREATE\n< +MIPLCREATE: 0\n< OK\n");

        // passing case
        rec.caseStarted(CaseInfo.builder(PASSING_CASE).id("open-registers").tags(List.of("doc:3.3.7", "doc:5.7",
                "cmd:AT+MIPLOPEN", "ets:101", "registration")).source("suites/registration.yaml", 12).build());
        long sent = clock.nanoTime();
        rec.stepStarted("send AT+MIPLOPEN=0,3600,30", params("lifetime", "3600", "timeout", "30", "psk", PSK));
        rec.event(sent, EventKind.COMMAND, "AT+MIPLOPEN=0,3600,30");
        clock.advanceMillis(12);
        rec.event(clock.nanoTime(), EventKind.FINAL_RESULT, "OK");
        rec.deadline("AT+MIPLOPEN -> OK", sent, Duration.ofSeconds(5), clock.nanoTime());
        rec.stepPassed();
        rec.stepStarted("expect +MIPLEVENT: 0,6 within 30 s", Map.of());
        clock.advanceMillis(40);
        rec.event(clock.nanoTime(), EventKind.URC, "+MIPLEVENT: 0,1");
        clock.advanceMillis(30);
        rec.event(clock.nanoTime(), EventKind.URC, "+MIPLEVENT: 0,2");
        rec.event(clock.nanoTime(), EventKind.COAP_REQUEST, "POST /rd?ep=866971030000001;460040000000001&lt=3600",
                "CON mid=1201");
        clock.advanceMillis(100);
        rec.event(clock.nanoTime(), EventKind.COAP_RESPONSE, "2.01 Created /rd/abc", "ACK mid=1201");
        rec.event(clock.nanoTime(), EventKind.URC, "+MIPLEVENT: 0,4");
        clock.advanceMillis(230);
        rec.event(clock.nanoTime(), EventKind.URC, "+MIPLEVENT: 0,6");
        rec.deadline("AT+MIPLOPEN -> +MIPLEVENT: 0,6", sent, Duration.ofSeconds(30), clock.nanoTime());
        rec.stepPassed();
        rec.transcript("> AT+MIPLOPEN=0,3600,30\n< OK\n< +MIPLEVENT: 0,1\n< +MIPLEVENT: 0,2\n< +MIPLEVENT: 0,4\n"
                + "< +MIPLEVENT: 0,6\n");
        rec.caseFinished();

        // failing case: the module said OK where the note (and the profile) say 652
        rec.caseStarted(CaseInfo.builder(FAILING_CASE).tags(List.of("doc:3.3.15", "doc:4", "cmd:AT+MIPLNOTIFY"))
                .source("suites/registration.yaml", 40).build());
        long sent2 = clock.nanoTime();
        rec.stepStarted("send AT+MIPLNOTIFY=0,100,3200,0,5750,1,4,\"abcd\",0,0",
                params("msgId", "100", "objId", "3200"));
        rec.event(sent2, EventKind.COMMAND, "AT+MIPLNOTIFY=0,100,3200,0,5750,1,4,\"abcd\",0,0");
        clock.advanceMillis(9);
        rec.event(clock.nanoTime(), EventKind.FINAL_RESULT, "OK");
        rec.deadline("AT+MIPLNOTIFY -> final result", sent2, Duration.ofSeconds(5), clock.nanoTime());
        rec.stepFinished(Status.FAILED, "[MODULE] expected +CIS ERROR: 652 (doc 3.3.15: no observation yet), got OK\n"
                + "transcript tail: > AT+MIPLNOTIFY=... < OK");
        rec.transcript("> AT+MIPLNOTIFY=0,100,3200,0,5750,1,4,\"abcd\",0,0\n< OK\n");
        rec.caseFinished();

        // broken case: the platform is not there
        rec.caseStarted(CaseInfo.builder(BROKEN_CASE).tags(List.of("doc:5.3", "cmd:+MIPLREAD", "ets:301")).build());
        rec.stepStarted("platform reads /3200/0/5750");
        clock.advanceMillis(3);
        rec.stepFinished(Status.BROKEN, Failure.infrastructure("platform did not answer: connection refused 127.0.0.1:5683"));
        rec.caseFinished();

        // skipped case
        rec.caseStarted(CaseInfo.builder(SKIPPED_CASE).tags(List.of("doc:4", "firmware-cannot-provoke")).build());
        rec.caseFinished(Status.SKIPPED, new Failure(FailureCategory.HARNESS, "the profile gives no way to provoke 651", ""));

        // teardown
        rec.stepStarted("close and delete", Map.of());
        rec.event(clock.nanoTime(), EventKind.COMMAND, "AT+MIPLCLOSE=0");
        clock.advanceMillis(20);
        rec.event(clock.nanoTime(), EventKind.FINAL_RESULT, "OK");
        rec.stepPassed();
        rec.suiteFinished();
        return rec.runFinished();
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A DFOTA-like timeline of about {@code spanMs}: commands, replies, URCs, CoAP, power, phases, two deadlines. */
    static Timeline timeline(long spanMs) {
        long ms = 1_000_000L;
        double f = spanMs / 60_000.0;
        java.util.List<TimelineEvent> ev = new java.util.ArrayList<>();
        long t = 0;
        ev.add(new TimelineEvent(t, EventKind.COMMAND, "AT+MIPLOPEN=0,3600,30", ""));
        ev.add(new TimelineEvent((long) (12 * f * ms), EventKind.FINAL_RESULT, "OK", ""));
        ev.add(new TimelineEvent((long) (60 * f * ms), EventKind.URC, "+MIPLEVENT: 0,1", ""));
        ev.add(new TimelineEvent((long) (90 * f * ms), EventKind.URC, "+MIPLEVENT: 0,2", ""));
        ev.add(new TimelineEvent((long) (95 * f * ms), EventKind.COAP_REQUEST, "POST /rd?ep=866971030000001&lt=3600", "CON"));
        ev.add(new TimelineEvent((long) (190 * f * ms), EventKind.COAP_RESPONSE, "2.01 Created", "ACK"));
        ev.add(new TimelineEvent((long) (200 * f * ms), EventKind.URC, "+MIPLEVENT: 0,4", ""));
        ev.add(new TimelineEvent((long) (412 * f * ms), EventKind.URC, "+MIPLEVENT: 0,6", ""));
        ev.add(new TimelineEvent((long) (5000 * f * ms), EventKind.COAP_REQUEST, "READ /3200/0/5750", ""));
        ev.add(new TimelineEvent((long) (5010 * f * ms), EventKind.URC, "+MIPLREAD: 0,65111,3200,0,5750", ""));
        ev.add(new TimelineEvent((long) (5300 * f * ms), EventKind.COMMAND,
                "AT+MIPLREADRSP=0,65111,1,3200,0,5750,1,5,\"hello\",0,0", ""));
        ev.add(new TimelineEvent((long) (5310 * f * ms), EventKind.FINAL_RESULT, "OK", ""));
        ev.add(new TimelineEvent((long) (5320 * f * ms), EventKind.NOISE, "\u0000\u00ff<garbage & \"noise\">", "framing error"));
        ev.add(new TimelineEvent((long) (20000 * f * ms), EventKind.URC, "+MIPLEVENT: 0,40", ""));
        ev.add(new TimelineEvent((long) (30000 * f * ms), EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\",30", ""));
        ev.add(new TimelineEvent((long) (31000 * f * ms), EventKind.POWER_OFF, "relay ch1 off (cut at 30 %)", ""));
        ev.add(new TimelineEvent((long) (36000 * f * ms), EventKind.POWER_ON, "relay ch1 on", ""));
        ev.add(new TimelineEvent((long) (36500 * f * ms), EventKind.URC, "RDY", ""));
        ev.add(new TimelineEvent((long) (52000 * f * ms), EventKind.COMMAND, "AT+MIPLCLOSE=0", ""));
        ev.add(new TimelineEvent((long) (52020 * f * ms), EventKind.FINAL_RESULT, "+CIS ERROR: 655", ""));
        ev.add(new TimelineEvent((long) (30500 * f * ms), EventKind.MARK, "cut trigger: UPDATING 30", ""));
        java.util.List<Phase> phases = java.util.List.of(
                new Phase("downloading", (long) (20000 * f * ms), (long) (26000 * f * ms)),
                new Phase("updating", (long) (26000 * f * ms), (long) (31000 * f * ms)),
                new Phase("power off", (long) (31000 * f * ms), (long) (36000 * f * ms)));
        java.util.List<Deadline> deadlines = java.util.List.of(
                new Deadline("AT+MIPLOPEN -> +MIPLEVENT: 0,6", 0, (long) (30000 * f * ms), (long) (412 * f * ms)),
                new Deadline("+MIPLREAD -> AT+MIPLREADRSP", (long) (5010 * f * ms), (long) (10000 * f * ms),
                        (long) (290 * f * ms)),
                new Deadline("RDY -> +MIPLEVENT: 0,6 after restore", (long) (36500 * f * ms), (long) (10000 * f * ms),
                        (long) (14000 * f * ms)),
                new Deadline("+QIND: \"FOTA\",\"END\" after restore", (long) (36500 * f * ms), (long) (20000 * f * ms), null));
        return new Timeline(ev, phases, deadlines);
    }
}
