package org.miplhil.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.miplhil.report.JUnitXmlWriter;
import org.miplhil.report.SuiteInfo;
import org.miplhil.suite.Case;
import org.miplhil.suite.Suite;

/**
 * How long each case is expected to take, for sharding the longest first (a case of 30 s started last would be the
 * run's tail): the time the last run under the same report directory recorded in its JUnit XML
 * ({@code junit/TEST-*.xml}, {@code junit/<module>/TEST-*.xml}); without one, a guess — a case tagged {@code slow}
 * (it waits out lifetimes or purges) a minute, any other two seconds. Reading never throws: a file that is not
 * JUnit XML gives no times.
 */
public final class CaseEstimates {

    /** A case tagged {@code slow} without a recorded time. */
    static final Duration SLOW_GUESS = Duration.ofSeconds(60);
    /** Any other case without a recorded time. */
    static final Duration GUESS = Duration.ofSeconds(2);

    private final Map<String, Duration> recorded;

    private CaseEstimates(Map<String, Duration> recorded) {
        this.recorded = Map.copyOf(recorded);
    }

    public static CaseEstimates none() {
        return new CaseEstimates(Map.of());
    }

    /** The times recorded under {@code junitDir} (and its module folders); none when it does not exist. */
    public static CaseEstimates read(Path junitDir) {
        Map<String, Duration> times = new HashMap<>();
        if (!Files.isDirectory(junitDir)) {
            return none();
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(junitDir, 2)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("TEST-") && p.toString().endsWith(".xml"))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return none();
        }
        for (Path f : files) {
            readFile(f, times);
        }
        return new CaseEstimates(times);
    }

    private static void readFile(Path f, Map<String, Duration> times) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(f)) {
            XMLStreamReader x = factory.createXMLStreamReader(in);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("testcase")) {
                    String name = x.getAttributeValue(null, "name");
                    String classname = x.getAttributeValue(null, "classname");
                    String time = x.getAttributeValue(null, "time");
                    if (name != null && classname != null && time != null) {
                        parseSeconds(time).ifPresent(d -> times.merge(key(suiteOf(classname), name), d,
                                (a, b) -> a.compareTo(b) >= 0 ? a : b));
                    }
                }
            }
            x.close();
        } catch (IOException | XMLStreamException | RuntimeException e) {
            // not JUnit XML (or cut short): what was read so far counts, the rest gives no times
        }
    }

    private static java.util.Optional<Duration> parseSeconds(String s) {
        try {
            double v = Double.parseDouble(s.strip());
            return v >= 0 && v < 1e7 ? java.util.Optional.of(Duration.ofNanos((long) (v * 1e9)))
                    : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The suite part of a classname: {@code mipl-hil.<suite>} or, replicated, {@code mipl-hil.<module>.<suite>}. */
    private static String suiteOf(String classname) {
        int dot = classname.lastIndexOf('.');
        return dot < 0 ? classname : classname.substring(dot + 1);
    }

    private static String key(String suitePart, String caseName) {
        return suitePart + "\u0000" + caseName;
    }

    /** The case's expected duration. */
    public Duration of(Suite suite, Case c) {
        String classname = JUnitXmlWriter.classname(new SuiteInfo(suite.name(), "", ""));
        Duration d = recorded.get(key(suiteOf(classname), c.name()));
        if (d != null) {
            return d;
        }
        return c.tags().contains("slow") || suite.tags().contains("slow") ? SLOW_GUESS : GUESS;
    }

    /** How many case times were read. */
    public int size() {
        return recorded.size();
    }
}
