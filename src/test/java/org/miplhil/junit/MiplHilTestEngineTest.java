package org.miplhil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** The JUnit Platform engine through the platform's own test kit: discovery, ids, sources, tags, results. */
class MiplHilTestEngineTest {

    static final String PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private static EngineTestKit.Builder engine() {
        // one case at a time whatever the build's -Dmipl-hil.parallel (system properties reach the test kit too)
        return EngineTestKit.engine(MiplHilTestEngine.ID).configurationParameter("mipl-hil.parallel", "0");
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("PROFILE", PROFILE), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theExamplesAreDiscoveredWithStableIdsFileSourcesAndTags() throws IOException {
        EngineDiscoveryResults found = engine().selectors(selectDirectory("suites/examples")).discover();

        TestDescriptor root = found.getEngineDescriptor();
        assertThat(root.getUniqueId()).isEqualTo(UniqueId.forEngine("mipl-hil"));
        UniqueId lightControlId = UniqueId.forEngine("mipl-hil").append("suite", "suites/examples/light-control.yaml");
        assertThat(root.getChildren()).extracting(TestDescriptor::getUniqueId).contains(lightControlId,
                UniqueId.forEngine("mipl-hil").append("suite", "suites/examples/virtual-module.yaml"));
        TestDescriptor lightControl = root.getChildren().stream()
                .filter(d -> d.getUniqueId().equals(lightControlId)).findFirst().orElseThrow();
        assertThat(lightControl.isContainer()).isTrue();
        assertThat(lightControl.getDisplayName()).isEqualTo("Light Control over OneNET without bootstrap");

        String name = "AT+MIPLVER? reports the OneNET SDK version";
        TestDescriptor version = lightControl.getChildren().stream().filter(d -> d.getDisplayName().equals(name))
                .findFirst().orElseThrow();
        assertThat(version.isTest()).isTrue();
        assertThat(version.getUniqueId()).isEqualTo(lightControlId.append("case", name));
        // as text, JUnit encodes the '/' of the path: [engine:mipl-hil]/[suite:suites%2Fexamples%2F...]/[case:...]
        assertThat(UniqueId.parse(version.getUniqueId().toString())).isEqualTo(version.getUniqueId());
        FileSource source = (FileSource) version.getSource().orElseThrow();
        assertThat(source.getFile().toPath().toAbsolutePath())
                .isEqualTo(Path.of("suites/examples/light-control.yaml").toAbsolutePath());
        List<String> lines = Files.readAllLines(Path.of("suites/examples/light-control.yaml"));
        assertThat(lines.get(source.getPosition().orElseThrow().getLine() - 1)).contains("- name: " + name);
        // suite tags as written are JUnit tags: the case's own and the suite's
        assertThat(version.getTags()).extracting(TestTag::getName)
                .contains("doc:3.3.4", "AT+MIPLVER", "example");
    }

    @Test
    void aClassMarkedMiplHilSuitesSelectsTheConfiguredDirectoryAsSurefireDoes() throws IOException {
        write("one.yaml", """
                suite: configured
                cases:
                  - name: the only case
                    steps:
                      - send: AT
                """);

        EngineDiscoveryResults found = engine().configurationParameter("mipl-hil.suites", dir.toString())
                .selectors(selectClass(SuitesTest.class)).discover();
        EngineDiscoveryResults unmarked = engine().configurationParameter("mipl-hil.suites", dir.toString())
                .selectors(selectClass(MiplHilTestEngineTest.class)).discover();

        assertThat(found.getEngineDescriptor().getDescendants()).extracting(TestDescriptor::getDisplayName)
                .containsExactly("configured", "the only case");
        assertThat(unmarked.getEngineDescriptor().getChildren()).as("any other class selects nothing").isEmpty();
    }

    static final String MIXED = """
            suite: mixed results
            fixtures:
              profile: PROFILE
            tags: [engine-test]
            cases:
              - name: the version is reported
                tags: [doc:3.3.4, AT+MIPLVER]
                steps:
                  - send: AT+MIPLVER?
                    lines: ['re:^\\+MIPLVER: ']
              - name: a second instance is refused with 652
                tags: [doc:3.3.2, AT+MIPLCREATE]
                steps:
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLCREATE
                    expect: "+CIS ERROR: 652"
              - name: a slow case
                tags: [slow]
                steps:
                  - wait: 10s
            """;

    @Test
    void casesRunAsTestsWithTheirOutcomesAndTagsSelectThem() throws IOException {
        Path suite = write("mixed.yaml", MIXED);

        EngineExecutionResults results = engine()
                .configurationParameter("mipl-hil.report", dir.resolve("reports").toString())
                .selectors(selectFile(suite.toFile()))
                .filters(TagFilter.excludeTags("slow"))
                .execute();

        Events tests = results.testEvents();
        tests.assertStatistics(s -> s.started(2).succeeded(1).failed(1).skipped(0).aborted(0));
        tests.assertThatEvents().haveExactly(1, event(test("the version is reported"),
                org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()));
        tests.assertThatEvents().haveExactly(1, event(test("a second instance is refused with 652"),
                finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.startsWith(
                        "[MODULE] AT+MIPLCREATE: expected the final result +CIS ERROR: 652, got +CIS ERROR: 653")))));
        results.containerEvents().assertStatistics(s -> s.started(2).succeeded(2));
        // Allure results under the configured report directory
        try (Stream<Path> files = Files.list(dir.resolve("reports/allure-results"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-result.json"))).hasSize(2);
        }
    }

    @Test
    void aUniqueIdSelectsOneCase() throws IOException {
        Path suite = write("mixed.yaml", MIXED);
        EngineDiscoveryResults all = engine().selectors(selectFile(suite.toFile())).discover();
        UniqueId version = all.getEngineDescriptor().getDescendants().stream()
                .filter(d -> d.getDisplayName().equals("the version is reported")).findFirst().orElseThrow()
                .getUniqueId();

        EngineDiscoveryResults one = engine().selectors(selectUniqueId(version)).discover();

        assertThat(one.getEngineDescriptor().getDescendants()).extracting(TestDescriptor::getUniqueId)
                .containsExactly(version.removeLastSegment(), version);
    }

    @Test
    void aCaseThisTargetCannotRunIsAbortedAndAMissingPortIsAnError() throws IOException {
        Path suite = write("hardware.yaml", """
                suite: on a port that is not there
                cases:
                  - name: any module
                    steps:
                      - send: AT
                  - name: the virtual module only
                    steps:
                      - sim-faults: clear
                """);

        Events tests = engine().configurationParameter("mipl-hil.target", "serial:" + dir.resolve("ttyNONE"))
                .configurationParameter("mipl-hil.report", dir.resolve("reports").toString())
                .selectors(selectFile(suite.toFile())).execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("any module"), finishedWithFailure(
                instanceOf(CaseDescriptor.CaseBroken.class), message(m -> m.startsWith("[INFRASTRUCTURE] cannot open")
                        && m.contains("ttyNONE")))));
        tests.assertThatEvents().haveExactly(1, event(test("the virtual module only"),
                abortedWithReason(message(m -> m.startsWith("needs the virtual module: sim-faults at ")))));
    }

    @Test
    void anInvalidSuiteIsAFailingTestListingItsProblems() throws IOException {
        Path bad = write("bad.yaml", """
                suite: broken
                cases:
                  - name: a typo
                    steps:
                      - sned: AT
                """);

        Events tests = engine().selectors(selectFile(bad.toFile())).execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test(), displayName(bad + " is a valid suite"),
                finishedWithFailure(message(m -> m.contains(bad + ":5:9: a step needs one of the keys")))));
    }

    @Test
    void anInvalidSuiteSelectedThroughTheMarkedClassSitsUnderAClassSourceAsSurefireNeeds() throws IOException {
        // Surefire drops a test whose parent has no class source: the broken suite would leave the build green
        Path bad = write("bad.yaml", "suite: broken\ncases:\n  - name: x\n    steps:\n      - sned: AT\n");
        EngineDiscoveryResults found = engine().selectors(selectClass(SuitesTest.class))
                .configurationParameter("mipl-hil.suites", dir.toString()).discover();

        TestDescriptor container = found.getEngineDescriptor().getChildren().stream()
                .filter(d -> d.getDisplayName().endsWith("bad.yaml")).findFirst().orElseThrow();
        assertThat(container.isContainer()).isTrue();
        assertThat(container.getSource()).get()
                .isInstanceOf(org.junit.platform.engine.support.descriptor.ClassSource.class);
        assertThat(container.getChildren()).singleElement()
                .satisfies(t -> assertThat(t.getDisplayName()).endsWith("bad.yaml is a valid suite"));
    }

    @Test
    void aMissingSuitesDirectoryIsAFailingTestNamingThePathNotZeroTests() {
        Path missing = dir.resolve("suitez");

        EngineExecutionResults results = engine().configurationParameter("mipl-hil.suites", missing.toString())
                .selectors(selectClass(SuitesTest.class)).execute();

        results.testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        results.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName(missing + " holds the suites"),
                finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.contains(
                        missing + ":1:1: mipl-hil.suites = " + missing) && m.contains("does not exist")
                        && m.contains("expected a directory of suite files (*.yaml, *.yml)")))));
    }

    @Test
    void aSuitesPathThatIsAFileOrAnEmptyDirectoryFailsToo() throws IOException {
        Path file = write("notes.txt", "not a directory");
        Path empty = Files.createDirectories(dir.resolve("empty"));

        Events onFile = engine().configurationParameter("mipl-hil.suites", file.toString())
                .selectors(selectClass(SuitesTest.class)).execute().testEvents();
        Events onEmpty = engine().configurationParameter("mipl-hil.suites", empty.toString())
                .selectors(selectClass(SuitesTest.class)).execute().testEvents();

        onFile.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(message(m ->
                m.contains(file + ":1:1: ") && m.contains("is not a directory")))));
        onEmpty.assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(message(m ->
                m.contains(empty + ":1:1: ") && m.contains("holds no suite file")))));
    }

    @Test
    void theDirectoryFailureSitsUnderAClassSourceAsSurefireNeeds() {
        EngineDiscoveryResults found = engine().configurationParameter("mipl-hil.suites", dir.resolve("x").toString())
                .selectors(selectClass(SuitesTest.class)).discover();

        assertThat(found.getEngineDescriptor().getChildren()).singleElement().satisfies(c -> {
            assertThat(c.getSource()).get().isInstanceOf(org.junit.platform.engine.support.descriptor.ClassSource.class);
            assertThat(c.getChildren()).singleElement().satisfies(t -> assertThat(t.isTest()).isTrue());
        });
    }

    @Test
    void aClasspathScanWithTheParameterSetIsLoudAboutAMissingDirectoryToo() {
        // without the parameter a class path scan (another project's IDE run) asks for no suites by name and a
        // missing default suites/ stays quiet; with it, the directory was named and must be there
        EngineDiscoveryResults elsewhere = engine()
                .configurationParameter("mipl-hil.suites", dir.resolve("nowhere").toString())
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots(
                        java.util.Set.of(dir)).get(0)).discover();

        assertThat(elsewhere.getEngineDescriptor().getChildren()).singleElement()
                .satisfies(c -> assertThat(c.getDisplayName()).endsWith("nowhere"));
    }

    @Test
    void theFailingTestOfAnInvalidSuitePointsAtItsFirstProblemLine() throws IOException {
        Path bad = write("bad.yaml", "suite: broken\ncases:\n  - name: x\n    steps:\n      - sned: AT\n");

        TestDescriptor invalid = engine().selectors(selectFile(bad.toFile())).discover().getEngineDescriptor()
                .getDescendants().stream().filter(TestDescriptor::isTest).findFirst().orElseThrow();

        FileSource source = (FileSource) invalid.getSource().orElseThrow();
        assertThat(source.getPosition()).get().extracting(org.junit.platform.engine.support.descriptor.FilePosition::getLine)
                .isEqualTo(5);
    }
}
