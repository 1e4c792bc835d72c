package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlWriterTest {

    @TempDir
    Path dir;

    private Document writeAndParse() throws Exception {
        ReportLayout layout = new ReportLayout(dir);
        TestClock clock = new TestClock();
        RunRecorder rec = RunRecorder.builder().clock(clock).sink(new TranscriptWriter(layout))
                .sink(new JUnitXmlWriter(layout)).build();
        Samples.registrationRun(rec, clock);
        Path file = dir.resolve("junit").resolve("TEST-registration.xml");
        assertThat(file).exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element testcase(Document d, String name) {
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }

    private static Element child(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    @Test
    void theSuiteCountsAsJenkinsReadsIt() throws Exception {
        Element suite = writeAndParse().getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("registration");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(Double.parseDouble(suite.getAttribute("time"))).isGreaterThan(0.4);
        NodeList props = suite.getElementsByTagName("property");
        boolean target = false;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            target |= p.getAttribute("name").equals("target") && p.getAttribute("value").equals("sim");
        }
        assertThat(target).as("the run's target among the properties").isTrue();
    }

    @Test
    void failuresErrorsAndSkipsCarryTheirMessageAndCategory() throws Exception {
        Document d = writeAndParse();
        Element passed = testcase(d, Samples.PASSING_CASE);
        assertThat(passed.getAttribute("classname")).isEqualTo("mipl-hil.registration");
        assertThat(passed.getAttribute("time")).isEqualTo("0.412");
        assertThat(child(passed, "failure")).isNull();
        assertThat(child(passed, "error")).isNull();

        Element failure = child(testcase(d, Samples.FAILING_CASE), "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("MODULE");
        assertThat(failure.getAttribute("message"))
                .isEqualTo("[MODULE] expected +CIS ERROR: 652 (doc 3.3.15: no observation yet), got OK");
        assertThat(failure.getTextContent()).contains("transcript tail");

        Element error = child(testcase(d, Samples.BROKEN_CASE), "error");
        assertThat(error.getAttribute("type")).isEqualTo("INFRASTRUCTURE");
        assertThat(error.getAttribute("message")).startsWith("[INFRASTRUCTURE] platform did not answer");

        Element skipped = child(testcase(d, Samples.SKIPPED_CASE), "skipped");
        assertThat(skipped.getAttribute("message")).isEqualTo("the profile gives no way to provoke 651");
    }

    @Test
    void systemOutNamesTheTranscriptThatWasWritten() throws Exception {
        Document d = writeAndParse();
        String out = child(testcase(d, Samples.PASSING_CASE), "system-out").getTextContent();
        Path transcript = dir.resolve("transcripts").resolve("registration").resolve("open-registers.txt");
        assertThat(out).contains("transcript: " + transcript);
        assertThat(transcript).content().contains("+MIPLEVENT: 0,6");
        assertThat(out).contains("measurement: AT+MIPLOPEN -> +MIPLEVENT: 0,6: 412 ms (limit 30 s) PASS");
        assertThat(out).contains("source: suites/registration.yaml:12");
        assertThat(dir.resolve("transcripts").resolve("registration").resolve("_setup.txt")).exists();
    }

    @Test
    void garbageInMessagesStillGivesWellFormedXml() throws Exception {
        ReportLayout layout = new ReportLayout(dir);
        RunRecorder rec = RunRecorder.builder().sink(new JUnitXmlWriter(layout)).build();
        rec.runStarted(RunInfo.builder().build());
        rec.suiteStarted(SuiteInfo.of("noise <&>"));
        rec.caseStarted(CaseInfo.builder("garbled \u0000\u0007 line ]]> <x>").build());
        rec.stepStarted("s");
        rec.stepFinished(Status.FAILED, "[MODULE] got \u0000\u00ff\uD800 \"<OK>\" ]]>");
        rec.caseFinished();
        rec.runFinished();
        try (var files = Files.list(dir.resolve("junit"))) {
            List<Path> all = files.toList();
            assertThat(all).singleElement();
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(all.get(0).toFile());
            Element failure = (Element) d.getElementsByTagName("failure").item(0);
            assertThat(failure.getAttribute("message")).isEqualTo("[MODULE] got \\x00\u00ff\\xD800 \"<OK>\" ]]>");
        }
    }
}
