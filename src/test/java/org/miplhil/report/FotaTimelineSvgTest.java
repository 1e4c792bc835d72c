package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.miplhil.report.FotaTimeline.Band;
import org.miplhil.report.FotaTimeline.Ending;
import org.miplhil.report.FotaTimeline.Mark;
import org.miplhil.report.FotaTimeline.MarkKind;
import org.miplhil.report.FotaTimeline.Progress;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The FOTA picture: every phase, progress point and mark is drawn, in time order along the axis. */
class FotaTimelineSvgTest {

    private static final long MS = 1_000_000L;

    private static FotaTimeline sample() {
        return new FotaTimeline(
                List.of(new Band("download", 1000 * MS, 3000 * MS, Ending.DONE),
                        new Band("update", 3500 * MS, 4000 * MS, Ending.CUT),
                        new Band("update", 6000 * MS, 7000 * MS, Ending.DONE),
                        new Band("reboot", 7000 * MS, 7500 * MS, Ending.DONE),
                        new Band("re-register", 7500 * MS, 9000 * MS, Ending.OPEN)),
                List.of(new Progress(3600 * MS, 0), new Progress(3900 * MS, 30), new Progress(6500 * MS, 60),
                        new Progress(7000 * MS, 100)),
                List.of(new Mark(3900 * MS, MarkKind.TRIGGER, "cut-at fota:updating:30%"),
                        new Mark(4000 * MS, MarkKind.CUT, "power off"),
                        new Mark(5000 * MS, MarkKind.RESTORE, "power on"),
                        new Mark(1000 * MS, MarkKind.URC, "+MIPLEVENT: 0,40"),
                        new Mark(7500 * MS, MarkKind.URC, "+QIND: \"FOTA\",\"END\",0"),
                        new Mark(900 * MS, MarkKind.CAMPAIGN, "write package URI: coap://x/<pkg>")),
                9000 * MS);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> byClass(Document d, String cls) {
        List<Element> out = new ArrayList<>();
        for (String tag : List.of("g", "circle", "rect")) {
            NodeList nodes = d.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element e = (Element) nodes.item(i);
                if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static double x(Element e) {
        return Double.parseDouble(e.getAttribute("data-x"));
    }

    @Test
    void phasesProgressPowerUrcsAndCampaignStepsAreDrawnInTimeOrder() throws Exception {
        String svg = new FotaTimelineSvg("a cut at 30 % <of> the update").render(sample());
        Document d = parse(svg); // well-formed XML, the title escaped

        List<Element> bands = byClass(d, "band");
        assertThat(bands).extracting(e -> e.getAttribute("data-phase"))
                .containsExactly("download", "update", "update", "reboot", "re-register");
        assertThat(bands).extracting(e -> e.getAttribute("data-ending"))
                .containsExactly("DONE", "CUT", "DONE", "DONE", "OPEN");
        assertThat(bands).extracting(FotaTimelineSvgTest::x).isSorted();
        assertThat(byClass(d, "band-cut")).hasSize(1);

        List<Element> progress = byClass(d, "progress");
        assertThat(progress).extracting(e -> e.getAttribute("data-percent")).containsExactly("0", "30", "60", "100");
        assertThat(progress).extracting(FotaTimelineSvgTest::x).isSorted();
        // higher percentages are drawn higher up
        assertThat(progress).extracting(e -> Double.parseDouble(e.getAttribute("cy"))).isSortedAccordingTo(
                (a, b) -> Double.compare(b, a));

        double trigger = x(byClass(d, "trigger").get(0));
        double cut = x(byClass(d, "cut").get(0));
        double restore = x(byClass(d, "restore").get(0));
        assertThat(trigger).isLessThan(cut);
        assertThat(cut).isLessThan(restore);
        assertThat(byClass(d, "unpowered")).singleElement()
                .satisfies(r -> assertThat(Double.parseDouble(r.getAttribute("x"))).isEqualTo(cut, org.assertj.core.data.Offset.offset(0.01)));
        // the cut falls at the end of the update band it interrupted
        Element cutBand = bands.get(1);
        assertThat(Long.parseLong(cutBand.getAttribute("data-end-ns"))).isEqualTo(4000 * MS);

        assertThat(byClass(d, "urc")).extracting(FotaTimelineSvgTest::x).isSorted().hasSize(2);
        assertThat(byClass(d, "campaign")).singleElement().satisfies(c -> assertThat(x(c)).isLessThan(x(bands.get(0))));
        assertThat(svg).contains("write package URI: coap://x/&lt;pkg&gt;", "FOTA: a cut at 30 % &lt;of&gt; the update",
                "5 phases, 1 cuts, 4 progress reports (last 100 %)");
    }

    @Test
    void anEmptyPictureSaysSo() throws Exception {
        String svg = new FotaTimelineSvg("nothing").render(new FotaTimeline(List.of(), List.of(), List.of(), 0));
        parse(svg);
        assertThat(svg).contains("no firmware update seen");
    }
}
