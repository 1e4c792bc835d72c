package org.miplhil.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the Ant/Surefire format Jenkins' JUnit plugin reads, one {@code TEST-<suite>.xml} per
 * suite, for runs outside Maven (under Maven, Surefire writes its own). A FAILED case is a
 * {@code <failure>}, a BROKEN one an {@code <error>}, both typed by their {@link FailureCategory};
 * {@code <system-out>} names the transcript and lists the measurements.
 */
public final class JUnitXmlWriter implements ReportSink {

    private final ReportLayout layout;
    private RunInfo run = RunInfo.builder().build();
    /** The files this run wrote: a suite met again (a module of a sharded fleet) gets {@code -2}, {@code -3}. */
    private final java.util.Set<Path> written = new java.util.HashSet<>();

    public JUnitXmlWriter(ReportLayout layout) {
        this.layout = layout;
    }

    @Override
    public void runStarted(RunInfo info) {
        run = info;
    }

    @Override
    public synchronized void suiteFinished(SuiteResult suite) {
        Path first = layout.junitFile(suite.info());
        Path file = first;
        for (int n = 2; !written.add(file); n++) {
            String name = first.getFileName().toString();
            file = first.resolveSibling(name.substring(0, name.length() - ".xml".length()) + "-" + n + ".xml");
        }
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                write(suite, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void write(SuiteResult suite, Writer out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", clean(suite.info().name()));
            x.writeAttribute("tests", Long.toString(suite.cases().size()));
            x.writeAttribute("failures", Long.toString(suite.count(Status.FAILED)));
            x.writeAttribute("errors", Long.toString(suite.count(Status.BROKEN)));
            x.writeAttribute("skipped", Long.toString(suite.count(Status.SKIPPED)));
            x.writeAttribute("time", seconds(suite.duration().toNanos()));
            x.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME
                    .format(suite.start().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            x.writeAttribute("hostname", clean(AllureFiles.hostName()));
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            for (Map.Entry<String, String> e : AllureFiles.environment(run).entrySet()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("property");
                x.writeAttribute("name", clean(e.getKey()));
                x.writeAttribute("value", clean(e.getValue()));
            }
            if (!suite.info().sourceFile().isEmpty()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("property");
                x.writeAttribute("name", "suite.file");
                x.writeAttribute("value", clean(suite.info().sourceFile()));
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            String classname = run.extra().containsKey(RunInfo.REPLICATED)
                    ? classname(suite.info(), run.extra().getOrDefault(RunInfo.MODULE, "")) : classname(suite.info());
            for (CaseResult c : suite.cases()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("name", clean(c.info().name()));
                x.writeAttribute("classname", classname);
                x.writeAttribute("time", seconds(c.duration().toNanos()));
                if (!c.info().sourceFile().isEmpty()) {
                    x.writeAttribute("file", clean(c.info().sourceFile()));
                    if (c.info().line() > 0) {
                        x.writeAttribute("line", Integer.toString(c.info().line()));
                    }
                }
                Failure f = c.failure();
                switch (c.status()) {
                    case FAILED, BROKEN -> {
                        Failure ff = f != null ? f : new Failure(FailureCategory.defaultFor(c.status()), "", "");
                        x.writeCharacters("\n    ");
                        x.writeStartElement(c.status() == Status.FAILED ? "failure" : "error");
                        x.writeAttribute("message", clean(ff.firstLine()));
                        x.writeAttribute("type", ff.category().name());
                        x.writeCharacters(clean(ff.markedMessage() + (ff.trace().isEmpty() ? "" : "\n\n" + ff.trace())));
                        x.writeEndElement();
                    }
                    case SKIPPED -> {
                        x.writeCharacters("\n    ");
                        x.writeEmptyElement("skipped");
                        if (f != null) {
                            x.writeAttribute("message", clean(f.message()));
                        }
                    }
                    case PASSED -> {
                    }
                }
                x.writeCharacters("\n    ");
                x.writeStartElement("system-out");
                x.writeCharacters(clean(systemOut(suite.info(), c)));
                x.writeEndElement();
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML for " + suite.info().name(), e);
        }
    }

    private String systemOut(SuiteInfo suite, CaseResult c) {
        StringBuilder b = new StringBuilder("\n");
        if (!c.transcript().isEmpty()) {
            b.append("transcript: ").append(layout.transcript(suite, c.info())).append('\n');
        }
        if (!c.info().source().isEmpty()) {
            b.append("source: ").append(c.info().source()).append('\n');
        }
        if (!c.info().allTags().isEmpty()) {
            b.append("tags: ").append(String.join(" ", c.info().allTags())).append('\n');
        }
        for (MeasurementRow r : c.allMeasurements()) {
            b.append("measurement: ").append(r.measurement().format())
                    .append(r.measurement().low() != null || r.measurement().high() != null || r.measurement().value() == null
                            ? (r.measurement().passed() ? " PASS" : " FAIL") : "")
                    .append('\n');
        }
        return b.toString();
    }

    /** Jenkins shows classname's last dotted part as the class; keep the suite name whole. */
    public static String classname(SuiteInfo suite) {
        return "mipl-hil." + suite.name().replaceAll("[^A-Za-z0-9_-]+", "_");
    }

    /** Replicated on every module of a fleet: the module is the package, so each module's results stand apart. */
    static String classname(SuiteInfo suite, String module) {
        return "mipl-hil." + module.replaceAll("[^A-Za-z0-9_-]+", "_") + "." + suite.name().replaceAll("[^A-Za-z0-9_-]+", "_");
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static String clean(String s) {
        return Xml.clean(s);
    }
}
