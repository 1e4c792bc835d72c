package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.RunListener;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.StepResult;

/**
 * {@code fota: {started-by: console}} on the virtual module, with the embedded platform seen as one that cannot start
 * a campaign (as OneNET's API cannot): the test plays OneNET's console, starting the campaign through the real
 * platform from another thread once the case says so; the case follows the module's side of 6.1 and 7.10.6 and
 * passes, or fails with what it awaited, its deadline and what arrived when nobody starts the task.
 */
class ConsoleFotaTest {

    @TempDir
    Path dir;

    static final String TARGET = "BC260YCNAAR01A03_BETA0721";
    static final Path PACKAGE = Path.of("fixtures/firmware/packages/BC260YCNAAR01A03-to-BETA0721.delta").toAbsolutePath();

    static final String SUITE = """
            suite: DFOTA from OneNET's console
            fixtures:
              profile: PROFILE
              objects: OBJECTS
            setup:
              - send: AT+MIPLCREATE
              - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
              - send: AT+MIPLOPEN=0,86400,30
              - expect-urc: "+MIPLEVENT: 0,6"
                within: 30s
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: a task started in the console is followed on the module's side
                steps:
                  - fota:
                      started-by: console
                      version: TARGET
                      within: 30s
                      phase-timeout: 30s
                  - expect-urc: '+QIND: "FOTA","END",0'
                    within: 60s
                  - expect-urc: 're:^\\+IP: '
                    within: 30s
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
                  - send: AT+MIPLOPEN=0,86400,30
                  - expect-fota: succeeded
                    within: 30s
                    steps: ['re:^download started', 're:^downloaded', 'update started: +QIND: "FOTA","START"', 're:^restarted: RDY',
                            'update ended: +QIND: "FOTA","END",0', 're:^registered again', 're:^package erased',
                            'result reported: +MIPLEVENT: 0,11']
                  - send: ATI
                    lines: [Quectel_Ltd, Quectel_BC260Y-CN, "Revision: TARGET"]
              - name: nobody starts the task in the console
                steps:
                  - fota:
                      started-by: console
                      version: TARGET
                      within: 1s
                  - expect-fota: succeeded
                    within: 20s
              - name: the platform's own campaign still needs FOTA_CAMPAIGN
                steps:
                  - fota:
                      package: PKG
                      version: TARGET
                  - expect-fota: succeeded
                    within: 1s
            """.replace("TARGET", TARGET).replace("PKG", PACKAGE.toString())
            .replace("OBJECTS", Path.of("fixtures/objects/temperature-3303.yaml").toAbsolutePath().toString());

    @Test
    void aTaskStartedInTheConsoleIsFollowedOnTheModulesSideAndItsAbsenceIsReportedWithEvidence() throws Exception {
        Path file = dir.resolve("console.yaml");
        Files.writeString(file, SUITE.replace("PROFILE", Recorded.PROFILE.toString()), StandardCharsets.UTF_8);
        RunOptions options = RunOptions.builder().build();
        RunPlan plan = RunPlan.load(List.of(file), options, TagSelection.all());
        assertThat(plan.ok()).as("%s", plan.problems()).isTrue();

        // the console: told by the report's step "start the FOTA task ... now", it starts the campaign the first time
        AtomicReference<Platform> real = new AtomicReference<>();
        CountDownLatch told = new CountDownLatch(1);
        List<String> instructions = new ArrayList<>();
        RunRecorder recorder = RunRecorder.builder().build();
        RunListener rec = (RunListener) Proxy.newProxyInstance(RunListener.class.getClassLoader(),
                new Class<?>[] {RunListener.class}, (proxy, method, args) -> {
                    if (method.getName().equals("stepStarted") && args[0] instanceof String name
                            && name.startsWith("start the FOTA task")) {
                        synchronized (instructions) {
                            instructions.add(name);
                        }
                        told.countDown();
                    }
                    try {
                        return method.invoke(recorder, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        CompletableFuture<FotaCampaign> console = CompletableFuture.supplyAsync(() -> {
            try {
                if (!told.await(120, TimeUnit.SECONDS)) {
                    throw new AssertionError("the case never asked for the console's task");
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            Platform p = real.get();
            String endpoint = p.devices().get(0).endpoint();
            return p.startFota(endpoint, FotaSpec.of(PACKAGE, TARGET));
        });

        RunResult result;
        try (SuiteRunner runner = new SuiteRunner(options, rec, p -> {
            real.set(p);
            return new LackingPlatform(p, Set.of(PlatformCapability.FOTA_CAMPAIGN));
        })) {
            result = runner.run(plan);
        } finally {
            if (console.isDone() && !console.isCompletedExceptionally()) {
                console.get().close();
            }
        }
        assertThat(console).isCompleted();

        CaseResult followed = caseNamed(result, "a task started in the console is followed on the module's side");
        assertThat(followed.status()).as("%s", followed.failure()).isEqualTo(Status.PASSED);
        synchronized (instructions) {
            assertThat(instructions).first().asString().matches("start the FOTA task for IMEI \\d{15} \\(to "
                    + TARGET + "\\) in OneNET's console now; waiting up to 30s for the module to start downloading"
                    + " \\(\\+MIPLEVENT: 0,40\\)");
        }
        assertThat(Recorded.measurements(followed)).anyMatch(m -> m.startsWith("AT+MIPLOPEN -> fota succeeded | limit 30 s | met"));

        CaseResult absent = caseNamed(result, "nobody starts the task in the console");
        assertThat(absent.status()).isEqualTo(Status.FAILED);
        assertThat(absent.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(absent.failure().message()).startsWith("DFOTA (module side): expected the campaign to succeed, it"
                + " ended timed out in phase start; module side: \n    FAILED timed out: start: awaited +MIPLEVENT:"
                + " 0,40 (the console's task reaches the module: the download starts, 6.1.1) within 1s")
                .contains("URCs since the fota step: ");
        assertThat(Recorded.allSteps(absent)).extracting(StepResult::name).anyMatch(n -> n.startsWith(
                "start the FOTA task for IMEI"));

        CaseResult platform = caseNamed(result, "the platform's own campaign still needs FOTA_CAMPAIGN");
        assertThat(platform.status()).isEqualTo(Status.BROKEN);
        assertThat(platform.failure().message()).contains("the fota step at")
                .contains("a FOTA campaign started by the harness (FOTA_CAMPAIGN)");
    }

    private static CaseResult caseNamed(RunResult r, String name) {
        return r.suites().stream().flatMap(s -> s.cases().stream()).filter(c -> c.info().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no case '" + name + "'"));
    }
}
