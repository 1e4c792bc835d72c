package org.miplhil.report;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes Allure results through Allure's Java lifecycle: a test result per case with every step an
 * Allure step (parameters and measurements as step parameters), a container per suite holding its
 * setup and teardown, the case's attachments (timing table, sequence diagram SVG, transcript, platform CoAP
 * log), labels by chapter, section, command, ETS id and tag, links to the note, and the run files
 * (categories.json, environment.properties, executor.json on Jenkins).
 */
public final class AllureWriter implements ReportSink {

    /** Label holding OMA LwM2M enabler test ids. */
    public static final String ETS_LABEL = "ets";
    /** The label (and parameter) naming the firmware profile a fleet module's result ran under. */
    public static final String PROFILE_LABEL = "profile";

    /** A profile's file name ({@code bc260y-cn.yaml}), as a label shows it. */
    static String profileName(String profile) {
        int slash = Math.max(profile.lastIndexOf('/'), profile.lastIndexOf('\\'));
        return profile.substring(slash + 1);
    }

    private final Path resultsDir;
    private final AllureLifecycle lifecycle;
    private final NoteLinks noteLinks;
    private final Map<String, String> env;
    private final List<String> suiteCaseUuids = new ArrayList<>();
    private RunInfo run = RunInfo.builder().build();

    /** Results into {@code resultsDir}; note links from the environment; Jenkins detected from the process environment. */
    public AllureWriter(Path resultsDir) {
        this(resultsDir, NoteLinks.fromEnvironment(), System.getenv());
    }

    public AllureWriter(Path resultsDir, NoteLinks noteLinks, Map<String, String> env) {
        this.resultsDir = resultsDir;
        this.lifecycle = new AllureLifecycle(new FileSystemResultsWriter(resultsDir));
        this.noteLinks = noteLinks;
        this.env = Map.copyOf(env);
    }

    public Path resultsDir() {
        return resultsDir;
    }

    @Override
    public synchronized void runStarted(RunInfo info) {
        run = info;
        writeRunFiles(info);
    }

    @Override
    public synchronized void suiteStarted(SuiteInfo suite) {
        suiteCaseUuids.clear();
    }

    @Override
    public synchronized void caseFinished(SuiteInfo suite, CaseResult c) {
        String uuid = UUID.randomUUID().toString();
        suiteCaseUuids.add(uuid);
        CaseInfo info = c.info();
        String fullName = suite.name() + "." + info.id();
        String module = run.extra().getOrDefault(RunInfo.MODULE, "");
        // replicated on every module of a fleet: one result per module, not retries of one test
        String historyKey = run.extra().containsKey(RunInfo.REPLICATED) ? fullName + "@" + module : fullName;

        TestResult tr = new TestResult()
                .setUuid(uuid)
                .setName(info.name())
                .setFullName(fullName)
                .setTestCaseName(info.name())
                .setTestCaseId(ResultsUtils.md5(historyKey))
                .setHistoryId(ResultsUtils.md5(historyKey))
                .setTitlePath(List.of(suite.name()))
                .setDescription(description(suite, info))
                .setLabels(labels(suite, info))
                .setLinks(links(info));
        lifecycle.scheduleTestCase(tr);
        lifecycle.startTestCase(uuid);

        List<io.qameta.allure.model.StepResult> steps = new ArrayList<>();
        c.steps().forEach(s -> steps.add(step(s)));
        List<io.qameta.allure.model.Attachment> attachments = caseAttachments(suite, c);
        List<Parameter> params = new ArrayList<>();
        if (!module.isEmpty()) {
            params.add(new Parameter().setName(RunInfo.MODULE).setValue(module));
            if (!run.profile().isEmpty()) {
                params.add(new Parameter().setName(PROFILE_LABEL).setValue(profileName(run.profile())));
            }
        }
        c.measurements().forEach(m -> params.add(measurementParameter(m)));
        lifecycle.updateTestCase(uuid, t -> t.setSteps(steps).setAttachments(attachments).setParameters(params));
        lifecycle.stopTestCase(uuid);
        // recorded times, not the time of writing
        lifecycle.updateTestCase(uuid, t -> t
                .setStatus(status(c.status()))
                .setStatusDetails(details(c.status(), c.failure()))
                .setStage(Stage.FINISHED)
                .setStart(millis(c.start()))
                .setStop(millis(c.stop())));
        lifecycle.writeTestCase(uuid);
    }

    @Override
    public synchronized void suiteFinished(SuiteResult result) {
        if (result.setup() == null && result.teardown() == null) {
            suiteCaseUuids.clear();
            return;
        }
        String uuid = UUID.randomUUID().toString();
        TestResultContainer container = new TestResultContainer()
                .setUuid(uuid)
                .setName(result.info().name())
                .setChildren(new ArrayList<>(suiteCaseUuids))
                .setStart(millis(result.start()))
                .setStop(millis(result.stop()));
        if (result.setup() != null) {
            container.setBefores(new ArrayList<>(List.of(fixture(result.info(), result.setup()))));
        }
        if (result.teardown() != null) {
            container.setAfters(new ArrayList<>(List.of(fixture(result.info(), result.teardown()))));
        }
        lifecycle.startTestContainer(container);
        lifecycle.stopTestContainer(uuid);
        lifecycle.updateTestContainer(uuid, t -> t.setStart(millis(result.start())).setStop(millis(result.stop())));
        lifecycle.writeTestContainer(uuid);
        suiteCaseUuids.clear();
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        run = result.info();
        writeRunFiles(run);
    }

    // ---- conversion ----------------------------------------------------------------------------

    private io.qameta.allure.model.StepResult step(StepResult s) {
        List<Parameter> params = new ArrayList<>();
        s.params().forEach(p -> params.add(new Parameter().setName(p.name()).setValue(p.value())));
        s.measurements().forEach(m -> params.add(measurementParameter(m)));
        List<io.qameta.allure.model.StepResult> children = new ArrayList<>();
        s.steps().forEach(c -> children.add(step(c)));
        List<io.qameta.allure.model.Attachment> attachments = new ArrayList<>();
        s.attachments().forEach(a -> attachments.add(write(a)));
        return new io.qameta.allure.model.StepResult()
                .setName(s.name())
                .setStatus(status(s.status()))
                .setStatusDetails(details(s.status(), s.failure()))
                .setStage(Stage.FINISHED)
                .setStart(millis(s.start()))
                .setStop(millis(s.stop()))
                .setParameters(params)
                .setSteps(children)
                .setAttachments(attachments);
    }

    private static Parameter measurementParameter(Measurement m) {
        return new Parameter().setName(m.name()).setValue(m.formatValueWithVerdict());
    }

    private io.qameta.allure.model.FixtureResult fixture(SuiteInfo suite, FixtureResult f) {
        List<io.qameta.allure.model.StepResult> steps = new ArrayList<>();
        f.steps().forEach(s -> steps.add(step(s)));
        List<io.qameta.allure.model.Attachment> attachments = new ArrayList<>();
        if (!f.timeline().isEmpty()) {
            attachments.add(write(Attachment.svg("sequence diagram", new SequenceDiagramSvg(suite.name() + " " + f.name())
                    .render(f.timeline(), f.failure()))));
        }
        if (!f.transcript().isEmpty()) {
            attachments.add(write(Attachment.text("transcript", f.transcript())));
        }
        if (CoapLog.hasEntries(f.timeline())) {
            attachments.add(write(Attachment.csv("platform CoAP log", CoapLog.csv(f.timeline()))));
        }
        f.attachments().forEach(a -> attachments.add(write(a)));
        return new io.qameta.allure.model.FixtureResult()
                .setName(suite.name() + " " + f.name())
                .setStatus(status(f.status()))
                .setStatusDetails(details(f.status(), f.failure()))
                .setStage(Stage.FINISHED)
                .setStart(millis(f.start()))
                .setStop(millis(f.stop()))
                .setSteps(steps)
                .setAttachments(attachments);
    }

    private List<io.qameta.allure.model.Attachment> caseAttachments(SuiteInfo suite, CaseResult c) {
        List<io.qameta.allure.model.Attachment> out = new ArrayList<>();
        List<MeasurementRow> rows = c.allMeasurements();
        if (!rows.isEmpty()) {
            out.add(write(Attachment.html("timing", TimingTable.html(c.info().name(), rows))));
        }
        if (!c.timeline().isEmpty()) {
            out.add(write(Attachment.svg("sequence diagram", new SequenceDiagramSvg(suite.name() + " / " + c.info().name())
                    .render(c.timeline(), c.failure()))));
        }
        if (!c.transcript().isEmpty()) {
            out.add(write(Attachment.text("transcript", c.transcript())));
        }
        if (CoapLog.hasEntries(c.timeline())) {
            out.add(write(Attachment.csv("platform CoAP log", CoapLog.csv(c.timeline()))));
        }
        c.attachments().forEach(a -> out.add(write(a)));
        return out;
    }

    private io.qameta.allure.model.Attachment write(Attachment a) {
        String source = UUID.randomUUID() + "-attachment." + a.extension();
        byte[] bytes = a.content();
        lifecycle.writeAttachment(source, new ByteArrayInputStream(bytes));
        return new io.qameta.allure.model.Attachment()
                .setName(a.name())
                .setType(a.mediaType())
                .setSource(source)
                .setSize((long) bytes.length);
    }

    private List<Label> labels(SuiteInfo suite, CaseInfo info) {
        List<Label> labels = new ArrayList<>();
        labels.add(ResultsUtils.createParentSuiteLabel(run.target().isEmpty() ? "mipl-hil" : "target " + run.target()));
        labels.add(ResultsUtils.createSuiteLabel(suite.name()));
        Set<String> epics = new LinkedHashSet<>();
        Set<String> features = new LinkedHashSet<>();
        for (String s : info.sections()) {
            epics.add(NoteSections.chapterLabel(s));
            features.add(NoteSections.find(s).map(NoteSections.Section::label).orElse(s));
        }
        epics.forEach(e -> labels.add(ResultsUtils.createEpicLabel(e)));
        features.forEach(f -> labels.add(ResultsUtils.createFeatureLabel(f)));
        info.commands().forEach(c -> labels.add(ResultsUtils.createStoryLabel(c)));
        info.etsIds().forEach(e -> labels.add(ResultsUtils.createLabel(ETS_LABEL, e)));
        info.allTags().forEach(t -> labels.add(ResultsUtils.createTagLabel(t)));
        labels.add(ResultsUtils.createHostLabel());
        String module = run.extra().getOrDefault(RunInfo.MODULE, "");
        if (module.isEmpty()) {
            labels.add(ResultsUtils.createThreadLabel());
        } else {
            // Allure's timeline draws a row per host and thread: a row per module of a fleet
            labels.add(ResultsUtils.createLabel(ResultsUtils.THREAD_LABEL_NAME, module));
            labels.add(ResultsUtils.createLabel(RunInfo.MODULE, module));
            // a rack's modules may run different firmware profiles: which one this result ran under
            if (!run.profile().isEmpty()) {
                labels.add(ResultsUtils.createLabel(PROFILE_LABEL, profileName(run.profile())));
            }
        }
        labels.add(ResultsUtils.createFrameworkLabel("mipl-hil"));
        labels.add(ResultsUtils.createLanguageLabel("java"));
        return labels;
    }

    private List<Link> links(CaseInfo info) {
        List<Link> links = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String s : info.sections()) {
            NoteSections.findOrEnclosing(s).ifPresent(sec -> {
                if (seen.add(sec.number())) {
                    links.add(new Link().setName(noteLinks.name(sec)).setUrl(noteLinks.url(sec)).setType("link"));
                }
            });
        }
        return links;
    }

    private static String description(SuiteInfo suite, CaseInfo info) {
        StringBuilder b = new StringBuilder();
        if (!info.description().isBlank()) {
            b.append(info.description().strip()).append("\n\n");
        }
        String source = info.source().isEmpty() ? suite.sourceFile() : info.source();
        if (!source.isEmpty()) {
            b.append("Source: `").append(source).append("`\n\n");
        }
        for (String s : info.sections()) {
            NoteSections.find(s).ifPresent(sec -> b.append("- note ").append(sec.number()).append(": ")
                    .append(sec.title()).append(" (").append(sec.original()).append(")\n"));
        }
        return b.toString().strip();
    }

    static io.qameta.allure.model.Status status(Status s) {
        return switch (s) {
            case PASSED -> io.qameta.allure.model.Status.PASSED;
            case FAILED -> io.qameta.allure.model.Status.FAILED;
            case BROKEN -> io.qameta.allure.model.Status.BROKEN;
            case SKIPPED -> io.qameta.allure.model.Status.SKIPPED;
        };
    }

    private static StatusDetails details(Status status, Failure f) {
        if (f == null) {
            return null;
        }
        // a skipped case's reason carries no category: it is nobody's failure
        String message = status == Status.SKIPPED ? f.message() : f.markedMessage();
        return new StatusDetails().setMessage(message).setTrace(f.trace().isEmpty() ? null : f.trace());
    }

    private static Long millis(Instant i) {
        return i.toEpochMilli();
    }

    private void writeRunFiles(RunInfo info) {
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(resultsDir.resolve("categories.json"), AllureFiles.categoriesJson(), StandardCharsets.UTF_8);
            Files.writeString(resultsDir.resolve("environment.properties"), AllureFiles.environmentProperties(info),
                    StandardCharsets.ISO_8859_1);
            var executor = AllureFiles.executorJson(env);
            if (executor.isPresent()) {
                Files.writeString(resultsDir.resolve("executor.json"), executor.get(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Allure run files into " + resultsDir, e);
        }
    }
}
