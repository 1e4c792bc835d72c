package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.report.CaseResult;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.Reports;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;

/**
 * {@code requires: local-platform} and the steps that need a capability, on the virtual module and a real embedded
 * platform that says it lacks capabilities (as OneNET's adapter does): skipped with the reason in every report, or a
 * harness error naming the step, the capability and the fix; the embedded platform itself runs them all.
 */
class PlatformNeedsTest {

    @TempDir
    Path dir;

    static final String SUITE = """
            suite: needs of the platform
            fixtures:
              profile: PROFILE
            cases:
              - name: a plain case runs
                steps:
                  - send: AT
              - name: a case that requires the local platform
                requires: local-platform
                steps:
                  - send: AT
                  - expect-platform: updated
                    within: 1s
              - name: an update awaited without the requirement
                steps:
                  - send: AT
                  - expect-platform: updated
                    within: 300ms
              - name: write-attributes without the requirement
                steps:
                  - platform: write-attributes
                    path: /3303/0/5700
                    pmin: 1
            """;

    static final String WHOLE_SUITE = """
            suite: a suite that requires the local platform
            requires: [local-platform]
            fixtures:
              profile: PROFILE
            cases:
              - name: every case is skipped
                steps:
                  - send: AT
            """;

    private record Run(RunResult result, String console, Path reports) {
        CaseResult caseNamed(String name) {
            return result.suites().stream().flatMap(s -> s.cases().stream())
                    .filter(c -> c.info().name().equals(name)).findFirst().orElseThrow();
        }
    }

    private Run run(Set<PlatformCapability> lacking, String... suites) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < suites.length; i++) {
            Path f = dir.resolve("needs-" + i + ".yaml");
            Files.writeString(f, suites[i].replace("PROFILE", Recorded.PROFILE.toString()), StandardCharsets.UTF_8);
            files.add(f);
        }
        RunOptions options = RunOptions.builder().build();
        RunPlan plan = RunPlan.load(files, options, TagSelection.all());
        assertThat(plan.ok()).as("%s", plan.problems()).isTrue();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path reports = dir.resolve("reports");
        RunRecorder rec = Reports.forCommandLine(new ReportLayout(reports),
                ConsoleReporter.builder(new PrintStream(console, true, StandardCharsets.UTF_8)).build());
        try (SuiteRunner runner = new SuiteRunner(options, rec, p -> new LackingPlatform(p, lacking))) {
            RunResult r = runner.run(plan);
            return new Run(r, console.toString(StandardCharsets.UTF_8), reports);
        }
    }

    @Test
    void onAPlatformLackingCapabilitiesARequiringCaseIsSkippedWithTheReasonInEveryReport() throws Exception {
        Run r = run(Set.of(PlatformCapability.values()), SUITE, WHOLE_SUITE);

        assertThat(r.caseNamed("a plain case runs").status()).isEqualTo(Status.PASSED);
        CaseResult required = r.caseNamed("a case that requires the local platform");
        assertThat(required.status()).isEqualTo(Status.SKIPPED);
        assertThat(required.failure().message()).startsWith("requires local-platform: the platform is the embedded"
                + " platform, whose API cannot express registration updates (expect-platform at ")
                .contains("needs-0.yaml:12:");
        CaseResult whole = r.caseNamed("every case is skipped");
        assertThat(whole.status()).isEqualTo(Status.SKIPPED);
        assertThat(whole.failure().message()).startsWith("requires local-platform: the platform is the embedded"
                + " platform, whose API cannot express the CoAP request log").contains("registration updates");

        assertThat(r.console()).contains("SKIP    needs of the platform / a case that requires the local platform")
                .contains("requires local-platform: the platform is");
        Path junit = r.reports().resolve("junit/TEST-needs_of_the_platform.xml");
        assertThat(junit).content().contains("<skipped message=\"requires local-platform: the platform is");
        try (Stream<Path> files = Files.list(r.reports().resolve("allure-results"))) {
            List<String> skipped = files.filter(p -> p.toString().endsWith("-result.json")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(t -> t.contains("a case that requires the local platform")).toList();
            assertThat(skipped).singleElement().asString().contains("\"status\":\"skipped\"")
                    .contains("requires local-platform: the platform is");
        }
    }

    @Test
    void aStepThatNeedsAMissingCapabilityIsAHarnessErrorNamingTheStepTheCapabilityAndTheFix() throws Exception {
        Run r = run(Set.of(PlatformCapability.UPDATE_EVENTS, PlatformCapability.WRITE_ATTRIBUTES), SUITE);

        CaseResult update = r.caseNamed("an update awaited without the requirement");
        assertThat(update.status()).isEqualTo(Status.BROKEN);
        assertThat(update.failure().category()).isEqualTo(FailureCategory.HARNESS);
        assertThat(update.failure().message()).contains("the expect-platform step at")
                .contains("needs-0.yaml:17:").contains("registration updates (UPDATE_EVENTS)")
                .contains("'requires: local-platform'");
        CaseResult attributes = r.caseNamed("write-attributes without the requirement");
        assertThat(attributes.status()).isEqualTo(Status.BROKEN);
        assertThat(attributes.failure().message()).contains("the platform step at")
                .contains("write-attributes on its own (WRITE_ATTRIBUTES)");
        assertThat(r.caseNamed("a plain case runs").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void theEmbeddedPlatformRunsARequiringCase() throws Exception {
        Run r = run(Set.of(), WHOLE_SUITE);

        assertThat(r.caseNamed("every case is skipped").status()).isEqualTo(Status.PASSED);
    }

    @Test
    void whatEachStepNeeds() {
        assertThat(PlatformNeeds.describe(PlatformCapability.FOTA_CAMPAIGN)).isEqualTo("a FOTA campaign started by the"
                + " harness");
        for (PlatformCapability c : PlatformCapability.values()) {
            assertThat(PlatformNeeds.describe(c)).isNotBlank();
        }
    }
}
