package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.qameta.allure.internal.Allure2ModelJackson;
import io.qameta.allure.internal.shadowed.jackson.databind.ObjectMapper;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureWriterTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = mapper();
    private List<TestResult> results;
    private Path resultsDir;

    /** Writes the sample run and reads every result back with Allure's own model. */
    static List<TestResult> writeSample(Path resultsDir, Map<String, String> env) throws Exception {
        TestClock clock = new TestClock();
        RunRecorder rec = RunRecorder.builder().clock(clock)
                .sink(new AllureWriter(resultsDir, new NoteLinks("https://lab.example/note.pdf#page={page}"), env))
                .build();
        Samples.registrationRun(rec, clock);
        ObjectMapper json = mapper();
        List<TestResult> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(resultsDir)) {
            for (Path p : s.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                out.add(json.readValue(p.toFile(), TestResult.class));
            }
        }
        return out;
    }

    /** Allure's own mapper, reading back the lower-case enum values it writes. */
    @SuppressWarnings("deprecation")
    static ObjectMapper mapper() {
        ObjectMapper m = Allure2ModelJackson.createMapper();
        m.configure(io.qameta.allure.internal.shadowed.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        return m;
    }

    @BeforeEach
    void write() throws Exception {
        resultsDir = dir.resolve("allure-results");
        results = writeSample(resultsDir, Map.of("BUILD_URL", "https://ci.lab/job/mipl-hil/42/", "BUILD_NUMBER", "42",
                "JOB_NAME", "mipl-hil", "JENKINS_URL", "https://ci.lab/"));
    }

    private TestResult result(String name) {
        return results.stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> labels(TestResult r, String name) {
        return r.getLabels().stream().filter(l -> l.getName().equals(name)).map(Label::getValue).toList();
    }

    @Test
    void everyCaseIsAResultWithItsStatusAndMarkedMessage() {
        assertThat(results).extracting(TestResult::getName).containsExactlyInAnyOrder(Samples.PASSING_CASE,
                Samples.FAILING_CASE, Samples.BROKEN_CASE, Samples.SKIPPED_CASE);
        assertThat(result(Samples.PASSING_CASE).getStatus()).isEqualTo(io.qameta.allure.model.Status.PASSED);
        TestResult failed = result(Samples.FAILING_CASE);
        assertThat(failed.getStatus()).isEqualTo(io.qameta.allure.model.Status.FAILED);
        assertThat(failed.getStatusDetails().getMessage()).startsWith("[MODULE] expected +CIS ERROR: 652");
        TestResult broken = result(Samples.BROKEN_CASE);
        assertThat(broken.getStatus()).isEqualTo(io.qameta.allure.model.Status.BROKEN);
        assertThat(broken.getStatusDetails().getMessage()).startsWith("[INFRASTRUCTURE] platform did not answer");
        assertThat(result(Samples.SKIPPED_CASE).getStatus()).isEqualTo(io.qameta.allure.model.Status.SKIPPED);
        // recorded times, not the time of writing: the sample clock is in 2025
        TestResult passed = result(Samples.PASSING_CASE);
        assertThat(passed.getStop() - passed.getStart()).isEqualTo(412);
        assertThat(passed.getHistoryId()).isNotBlank().isNotEqualTo(failed.getHistoryId());
    }

    @Test
    void stepsCarryParametersAndMeasurements() {
        TestResult passed = result(Samples.PASSING_CASE);
        StepResult open = passed.getSteps().get(0);
        assertThat(open.getName()).isEqualTo("send AT+MIPLOPEN=0,3600,30");
        assertThat(open.getParameters()).extracting(Parameter::getName, Parameter::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lifetime", "3600"),
                org.assertj.core.groups.Tuple.tuple("timeout", "30"),
                org.assertj.core.groups.Tuple.tuple("psk", Redactor.MASK),
                org.assertj.core.groups.Tuple.tuple("AT+MIPLOPEN -> OK", "12 ms (limit 5 s) PASS"));
        StepResult wait = passed.getSteps().get(1);
        assertThat(wait.getParameters()).extracting(Parameter::getValue).containsExactly("412 ms (limit 30 s) PASS");
        StepResult failedStep = result(Samples.FAILING_CASE).getSteps().get(0);
        assertThat(failedStep.getStatus()).isEqualTo(io.qameta.allure.model.Status.FAILED);
        assertThat(failedStep.getStatusDetails().getMessage()).startsWith("[MODULE]");
    }

    @Test
    void casesCarryTimingTimelineTranscriptAndCoapLog() throws Exception {
        TestResult passed = result(Samples.PASSING_CASE);
        assertThat(passed.getAttachments()).extracting(a -> a.getName() + " " + a.getType()).containsExactly(
                "timing text/html", "sequence diagram image/svg+xml", "transcript text/plain", "platform CoAP log text/csv");
        for (var a : passed.getAttachments()) {
            assertThat(resultsDir.resolve(a.getSource())).exists();
        }
        String timing = Files.readString(resultsDir.resolve(passed.getAttachments().get(0).getSource()));
        assertThat(timing).contains("AT+MIPLOPEN -&gt; +MIPLEVENT: 0,6").contains("412 ms").contains("limit 30 s");
        String svg = Files.readString(resultsDir.resolve(passed.getAttachments().get(1).getSource()));
        TimelineSvgTest.parse(svg);
        assertThat(svg).contains("+MIPLEVENT: 0,6", "class=\"sequence-diagram\"");
        String transcript = Files.readString(resultsDir.resolve(passed.getAttachments().get(2).getSource()));
        assertThat(transcript).contains("> AT+MIPLOPEN=0,3600,30");
        String coap = Files.readString(resultsDir.resolve(passed.getAttachments().get(3).getSource()));
        assertThat(coap.lines().toList()).hasSize(3).first().isEqualTo("offset_ms,direction,message,detail");
        assertThat(coap).contains("request,POST /rd?ep=866971030000001;460040000000001&lt=3600,CON mid=1201");
        // no file anywhere holds the secret
        try (Stream<Path> s = Files.list(resultsDir)) {
            for (Path p : s.toList()) {
                assertThat(Files.readString(p, StandardCharsets.ISO_8859_1)).as(p.toString()).doesNotContain(Samples.PSK);
            }
        }
    }

    @Test
    void labelsAndLinksFollowTheNote() {
        TestResult passed = result(Samples.PASSING_CASE);
        assertThat(labels(passed, "epic")).containsExactly("3 OneNET AT commands", "5 OneNET URCs");
        assertThat(labels(passed, "feature")).containsExactly("3.3.7 AT+MIPLOPEN: register", "5.7 +MIPLEVENT: events");
        assertThat(labels(passed, "story")).containsExactly("AT+MIPLOPEN");
        assertThat(labels(passed, "ets")).containsExactly("101");
        assertThat(labels(passed, "tag")).contains("doc:3.3.7", "cmd:AT+MIPLOPEN", "ets:101", "registration");
        assertThat(labels(passed, "suite")).containsExactly("registration");
        assertThat(labels(passed, "parentSuite")).containsExactly("target sim");
        assertThat(passed.getLinks()).extracting(l -> l.getName() + " -> " + l.getUrl()).containsExactly(
                "note 3.3.7 AT+MIPLOPEN: register (p. 14) -> https://lab.example/note.pdf#page=14",
                "note 5.7 +MIPLEVENT: events (p. 31) -> https://lab.example/note.pdf#page=31");
        assertThat(passed.getDescription()).contains("suites/registration.yaml:12");
    }

    @Test
    void setupAndTeardownAreFixturesOfTheSuitesCases() throws Exception {
        List<TestResultContainer> containers = new ArrayList<>();
        try (Stream<Path> s = Files.list(resultsDir)) {
            for (Path p : s.filter(p -> p.toString().endsWith("-container.json")).toList()) {
                containers.add(json.readValue(p.toFile(), TestResultContainer.class));
            }
        }
        assertThat(containers).singleElement().satisfies(c -> {
            assertThat(c.getChildren()).containsExactlyInAnyOrderElementsOf(results.stream().map(TestResult::getUuid).toList());
            assertThat(c.getBefores()).singleElement().satisfies(f -> {
                assertThat(f.getSteps()).extracting(StepResult::getName).containsExactly("create instance");
                assertThat(f.getAttachments()).extracting(io.qameta.allure.model.Attachment::getName)
                        .contains("sequence diagram", "transcript");
            });
            assertThat(c.getAfters()).singleElement()
                    .satisfies(f -> assertThat(f.getSteps()).extracting(StepResult::getName).containsExactly("close and delete"));
        });
    }

    @Test
    void runFilesLetTheReportGroupFailuresAndShowTheEnvironment() throws Exception {
        String categories = Files.readString(resultsDir.resolve("categories.json"));
        List<Map<String, Object>> cats = json.readValue(categories,
                new io.qameta.allure.internal.shadowed.jackson.core.type.TypeReference<List<Map<String, Object>>>() { });
        assertThat(cats).extracting(c -> c.get("name")).containsExactly("Module did not behave", "Infrastructure",
                "Harness bug");
        // Allure matches the whole message with DOTALL: each marked message falls in exactly its category
        for (TestResult r : results) {
            if (r.getStatusDetails() == null || r.getStatus() == io.qameta.allure.model.Status.SKIPPED) {
                continue;
            }
            String msg = r.getStatusDetails().getMessage();
            List<Object> matched = cats.stream()
                    .filter(c -> Pattern.compile((String) c.get("messageRegex"), Pattern.DOTALL).matcher(msg).matches())
                    .map(c -> c.get("name")).toList();
            assertThat(matched).as(msg).hasSize(1);
        }
        Properties env = new Properties();
        try (InputStream in = new FileInputStream(resultsDir.resolve("environment.properties").toFile())) {
            env.load(in);
        }
        assertThat(env).containsEntry("target", "sim").containsEntry("firmware.revision", "BC260YCNAAR01A03")
                .containsEntry("profile", "fixtures/firmware/bc260y-cn.yaml").containsEntry("tags", "doc:3.3.7")
                .containsKeys("java", "host");
        Map<String, Object> executor = json.readValue(resultsDir.resolve("executor.json").toFile(),
                new io.qameta.allure.internal.shadowed.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(executor).containsEntry("type", "jenkins").containsEntry("buildOrder", 42)
                .containsEntry("buildUrl", "https://ci.lab/job/mipl-hil/42/")
                .containsEntry("reportUrl", "https://ci.lab/job/mipl-hil/42/allure/");
    }

    @Test
    void noExecutorFileOutsideJenkins() throws Exception {
        Path other = dir.resolve("local");
        writeSample(other, Map.of());
        assertThat(other.resolve("executor.json")).doesNotExist();
        assertThat(other.resolve("categories.json")).exists();
    }
}
