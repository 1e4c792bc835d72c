package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineSvgTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> byClass(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    static String title(Element e) {
        NodeList t = e.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
        return t.getLength() == 0 ? null : t.item(0).getTextContent();
    }

    @ParameterizedTest(name = "a {0} ms run: well-formed, x grows with time in every lane, within the plot")
    @ValueSource(longs = {200, 60_000})
    void positionsAreMonotonicInTime(long spanMs) throws Exception {
        Timeline t = Samples.timeline(spanMs);
        String svg = new TimelineSvg("sample " + spanMs + " ms").render(t);
        Document d = parse(svg);
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");

        List<Element> events = byClass(d, "g", "event");
        assertThat(events).hasSize(t.events().size());
        Map<String, List<double[]>> perLane = new HashMap<>();
        List<double[]> all = new ArrayList<>();
        for (Element e : events) {
            double[] p = {Long.parseLong(e.getAttribute("data-offset-ns")), Double.parseDouble(e.getAttribute("data-x"))};
            perLane.computeIfAbsent(EventKind.valueOf(e.getAttribute("data-kind")).lane().name(), k -> new ArrayList<>()).add(p);
            all.add(p);
        }
        all.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i)[1]).as("x of event %d against the one before", i)
                    .isGreaterThanOrEqualTo(all.get(i - 1)[1]);
            if (all.get(i)[0] > all.get(i - 1)[0] + spanMs * 1e6 / 100) {
                assertThat(all.get(i)[1]).isGreaterThan(all.get(i - 1)[1]);
            }
        }
        assertThat(perLane.keySet()).contains("COMMANDS", "REPLIES", "URCS", "PLATFORM", "POWER", "PHASES");
        // the whole run spans most of the width at either scale
        double minX = all.get(0)[1];
        double maxX = all.get(all.size() - 1)[1];
        assertThat(minX).isGreaterThanOrEqualTo(150);
        assertThat(maxX).isLessThanOrEqualTo(1400 - 30);
        assertThat(maxX - minX).isGreaterThan(700);
        // tick labels name the unit that suits the span
        Element axis = byClass(d, "g", "axis").get(0);
        assertThat(axis.getAttribute("data-unit")).isEqualTo(spanMs >= 10_000 ? "s" : "ms");
    }

    @Test
    void deadlineBarsAreGreenWhenMetAndRedWhenLateOrMissing() throws Exception {
        Document d = parse(new TimelineSvg("deadlines").render(Samples.timeline(60_000)));
        List<Element> deadlines = byClass(d, "g", "deadline");
        assertThat(deadlines).hasSize(4);
        Map<String, String> colourByTitle = new HashMap<>();
        for (Element g : deadlines) {
            Element bar = (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
            colourByTitle.put(title(g), bar.getAttribute("fill"));
        }
        assertThat(colourByTitle).containsEntry("AT+MIPLOPEN -> +MIPLEVENT: 0,6: 412 ms (limit 30 s)", TimelineSvg.GREEN);
        assertThat(colourByTitle).containsEntry("+MIPLREAD -> AT+MIPLREADRSP: 290 ms (limit 10 s)", TimelineSvg.GREEN);
        assertThat(colourByTitle).containsEntry("RDY -> +MIPLEVENT: 0,6 after restore: 14 s (limit 10 s)  LATE", TimelineSvg.RED);
        assertThat(colourByTitle).containsEntry("+QIND: \"FOTA\",\"END\" after restore: not measured (limit 20 s)  MISSED",
                TimelineSvg.RED);
        // the bar runs from the start to the limit; the measured mark sits at start + measured
        Element first = deadlines.stream().filter(g -> title(g).startsWith("AT+MIPLOPEN")).findFirst().orElseThrow();
        Element bar = (Element) first.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
        double x = Double.parseDouble(bar.getAttribute("x"));
        double w = Double.parseDouble(bar.getAttribute("width"));
        double xm = Double.parseDouble(byClass(d, "path", "deadline-measured").get(0).getAttribute("data-x"));
        assertThat(xm).isBetween(x, x + w * 0.05); // 412 ms of 30 s
        Element late = deadlines.stream().filter(g -> title(g).startsWith("RDY")).findFirst().orElseThrow();
        assertThat(late.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line").getLength())
                .as("the overrun past the limit is drawn").isEqualTo(1);
    }

    @Test
    void longTextIsTruncatedWithTheFullTextInTheTooltip() throws Exception {
        String longCommand = "AT+MIPLNOTIFY=0,123456,3200,0,5750,1,64,\"" + "x".repeat(64) + "\",0,0,7";
        Timeline t = new Timeline(List.of(new TimelineEvent(0, EventKind.COMMAND, longCommand, "")), List.of(), List.of());
        Document d = parse(new TimelineSvg("long").render(t));
        Element g = byClass(d, "g", "event").get(0);
        String label = g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text").item(0).getTextContent();
        assertThat(label).endsWith("...").hasSizeLessThan(longCommand.length());
        assertThat(title(g)).contains(longCommand);
    }

    @Test
    void emptyTimelineStillRenders() throws Exception {
        Document d = parse(new TimelineSvg("nothing").render(Timeline.empty()));
        assertThat(d.getDocumentElement().getTextContent()).contains("nothing recorded");
    }

    @Test
    void anyTextGivesAWellFormedDocument() throws Exception {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<TimelineEvent> ev = new ArrayList<>();
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                ev.add(new TimelineEvent(r.nextLong() % 100_000_000_000L, EventKind.values()[r.nextInt(EventKind.values().length)],
                        randomText(r), randomText(r)));
            }
            List<Deadline> dl = List.of(new Deadline(randomText(r), Math.abs(r.nextLong() % 1_000_000_000L),
                    Math.abs(r.nextLong() % 5_000_000_000L), r.nextBoolean() ? null : Math.abs(r.nextLong() % 9_000_000_000L)));
            List<Phase> ph = List.of(new Phase(randomText(r), r.nextInt(1000) * 1_000_000L, r.nextInt(1000) * 1_000_000L));
            String svg = new TimelineSvg(randomText(r)).render(new Timeline(ev, ph, dl));
            try {
                parse(svg);
            } catch (Exception e) {
                throw new AssertionError("seed " + seed + ", round " + round + ": " + e.getMessage() + "\n" + svg, e);
            }
        }
    }

    private static String randomText(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(60);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> b.append((char) r.nextInt(0x20));
                case 1 -> b.append("<>&\"'".charAt(r.nextInt(5)));
                case 2 -> b.append((char) (0xD800 + r.nextInt(0x800))); // lone surrogates
                case 3 -> b.append((char) r.nextInt(0x10000));
                default -> b.append((char) (0x20 + r.nextInt(0x5f)));
            }
        }
        return b.toString();
    }

    /** Writes the samples where a person (and the browser test) can open them. */
    static Path writeSample(long spanMs) throws Exception {
        Path dir = Path.of("target", "timeline-samples");
        Files.createDirectories(dir);
        Path file = dir.resolve("timeline-" + spanMs + "ms.svg");
        Files.writeString(file, new TimelineSvg("sample DFOTA run with a cut at 30 % (" + spanMs + " ms)")
                .render(Samples.timeline(spanMs)), StandardCharsets.UTF_8);
        return file;
    }
}
