package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The sequence diagram's layout on constructed timelines: order, direction, folding, compression, failures. */
class SequenceDiagramSvgTest {

    private static final long MS = 1_000_000L;

    private static TimelineEvent ev(double ms, EventKind kind, String text) {
        return new TimelineEvent((long) (ms * MS), kind, text, "");
    }

    private static SvgDom render(Timeline t) throws Exception {
        return SvgDom.parse(new SequenceDiagramSvg("a case <with> & markup").render(t));
    }

    @Test
    void arrowsRunDownInTimeOrderBetweenTheirLanes() throws Exception {
        Timeline t = new Timeline(List.of(
                ev(0, EventKind.COMMAND, "AT+MIPLOPEN=0,3600,30"),
                ev(0.001, EventKind.FINAL_RESULT, "OK"), // a microsecond later: still its own row
                ev(3, EventKind.COAP_REQUEST, "register ep lt=3600 </3/0>"),
                ev(9, EventKind.URC, "+MIPLEVENT: 0,6"),
                ev(12, EventKind.COAP_REQUEST, "READ /3/0/0"),
                ev(14, EventKind.COAP_RESPONSE, "CONTENT /3/0/0")), List.of(), List.of());
        SvgDom d = render(t);
        List<Element> arrows = d.byClass("arrow");
        assertThat(arrows).extracting(e -> e.getAttribute("data-kind")).containsExactly("COMMAND", "FINAL_RESULT",
                "COAP_REQUEST", "URC", "COAP_REQUEST", "COAP_RESPONSE");
        assertThat(arrows).extracting(e -> e.getAttribute("data-from") + ">" + e.getAttribute("data-to"))
                .containsExactly("MCU>MODULE", "MODULE>MCU", "MODULE>PLATFORM", "MODULE>MCU", "PLATFORM>MODULE",
                        "MODULE>PLATFORM");
        List<Double> ys = arrows.stream().map(e -> SvgDom.num(e, "data-y")).toList();
        assertThat(ys).isSorted();
        for (int i = 1; i < ys.size(); i++) {
            assertThat(ys.get(i) - ys.get(i - 1)).as("rows apart").isGreaterThanOrEqualTo(SequenceLayout.ARROW);
        }
        assertThat(ys.get(0)).as("below the lane headers").isGreaterThan(SequenceDiagramSvg.HEADER_BOTTOM + 10);
        assertThat(d.byClass("lane-header")).extracting(e -> e.getAttribute("data-party"))
                .containsExactly("MCU", "MODULE", "PLATFORM");
        assertThat(d.byClass("gap")).isEmpty();
    }

    @Test
    void idleStretchesAreCompressedAndLabelled() throws Exception {
        Timeline t = new Timeline(List.of(
                ev(0, EventKind.COMMAND, "AT+MIPLNOTIFY=0,7,3303,0,5700,4,4,\"25.1\",0,0"),
                ev(2, EventKind.FINAL_RESULT, "OK"),
                ev(28_402, EventKind.URC, "+MIPLEVENT: 0,26,0")), List.of(), List.of());
        SvgDom d = render(t);
        assertThat(d.byClass("gap")).singleElement().satisfies(g -> assertThat(SvgDom.shown(g)).contains("28.4 s"));
        List<Element> arrows = d.byClass("arrow");
        double span = SvgDom.num(arrows.get(2), "data-y") - SvgDom.num(arrows.get(0), "data-y");
        assertThat(span).as("28 s of nothing takes a row, not the page").isLessThan(100);
    }

    @Test
    void repeatedExchangesFoldKeepingTheFirstTheLastAndTheErrors() throws Exception {
        List<TimelineEvent> events = new ArrayList<>();
        List<Deadline> deadlines = new ArrayList<>();
        double at = 0;
        for (int i = 0; i < 40; i++) {
            events.add(ev(at, EventKind.COMMAND, "AT+MIPLNOTIFY=0,7,3303,0,5700,4,4,\"" + i + "\",0,0"));
            events.add(ev(at + 1, EventKind.FINAL_RESULT, i == 20 ? "+CIS ERROR: 601" : "OK"));
            deadlines.add(new Deadline("AT+MIPLNOTIFY -> final result", (long) (at * MS), 300 * MS, MS));
            at += 5;
        }
        SvgDom d = render(new Timeline(events, List.of(), deadlines));
        List<Element> folds = d.byClass("fold");
        // 0..19 fold around the kept first and last (18 folded), the error stays, 21..39 likewise (17 folded)
        assertThat(folds).extracting(f -> f.getAttribute("data-count")).containsExactly("18", "17");
        assertThat(SvgDom.shown(folds.get(0))).contains("18 \u00d7 AT+MIPLNOTIFY");
        assertThat(SvgDom.title(folds.get(0))).contains("\"5\"", "18 deadlines all met");
        List<String> shown = d.byClass("arrow").stream().map(SvgDom::title).toList();
        assertThat(shown).anyMatch(s -> s.contains("\"0\"")).anyMatch(s -> s.contains("\"19\""))
                .anyMatch(s -> s.contains("+CIS ERROR: 601")).anyMatch(s -> s.contains("\"39\""))
                .noneMatch(s -> s.contains("\"5\""));
        assertThat(d.byClass("arrow")).hasSize(2 * 5);
        assertThat(d.byClass("deadline")).as("met deadlines inside a fold are counted there").hasSize(40 - 35);
        List<Double> ys = new ArrayList<>();
        d.byClass("arrow").forEach(e -> ys.add(SvgDom.num(e, "data-y")));
        assertThat(ys).isSorted();
    }

    @Test
    void aFoldedCycleSaysHowManyWhatVariesAndWhen() throws Exception {
        List<TimelineEvent> events = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            events.add(ev(i * 45, EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\"," + (3 * i) + "%,1,1"));
            events.add(ev(i * 45 + 3, EventKind.COAP_RESPONSE, "notify /5/0/3 2.05"));
        }
        SvgDom d = render(new Timeline(events, List.of(), List.of()));
        assertThat(d.byClass("fold")).singleElement().satisfies(f -> {
            assertThat(f.getAttribute("data-count")).isEqualTo("9");
            assertThat(f.getAttribute("data-cycle")).isEqualTo("2");
            assertThat(SvgDom.shown(f)).contains("9 \u00d7 +QIND: \"FOTA\",\"UPDATING\",#%,1,1 / notify /5/0/3 2.05",
                    "(values 3% \u2026 27%, +45 ms \u2013 +408 ms)");
            assertThat(SvgDom.title(f)).contains("9 \u00d7 the same cycle of 2 lines", "\"UPDATING\",15%");
        });
        assertThat(d.byClass("arrow")).extracting(SvgDom::title).hasSize(4)
                .anyMatch(t -> t.contains("\"UPDATING\",0%")).anyMatch(t -> t.contains("\"UPDATING\",30%"));
    }

    @Test
    void marksOfOneMomentShareALineSideBySide() throws Exception {
        Timeline t = new Timeline(List.of(ev(0, EventKind.URC, "+MIPLEVENT: 0,40"), ev(300, EventKind.URC,
                "+MIPLEVENT: 0,42")), List.of(new Phase("FOTA download", 0, 300 * MS),
                new Phase("FOTA downloaded", 300 * MS, 320 * MS)), List.of());
        SvgDom d = render(t);
        List<Element> across = d.byClass("across");
        assertThat(across).extracting(e -> e.getAttribute("data-kind"))
                .containsExactly("PHASE_START", "PHASE_END", "PHASE_START", "PHASE_END");
        assertThat(SvgDom.num(across.get(1), "data-y")).isEqualTo(SvgDom.num(across.get(2), "data-y"));
        assertThat(SvgDom.num(across.get(3), "data-y")).isGreaterThan(SvgDom.num(across.get(2), "data-y"));
        assertThat(SvgDom.shown(across.get(1))).contains("end of FOTA download (300 ms)");
        assertThat(SvgDom.shown(across.get(2))).contains("FOTA downloaded").doesNotContain("+");
    }

    @Test
    void aMissedUrcIsMarkedWithWhatArrivedInstead() throws Exception {
        Timeline t = new Timeline(List.of(
                ev(0, EventKind.COMMAND, "AT+MIPLNOTIFY=0,9,3303,0,5700,4,4,\"25.1\",0,0,7"),
                ev(1, EventKind.FINAL_RESULT, "OK"),
                ev(40, EventKind.COAP_RESPONSE, "notify /3303/0/5700 2.05"),
                ev(55, EventKind.URC, "+MIPLEVENT: 0,26,0"),
                ev(60, EventKind.URC, "+MIPLEVENT: 0,11,1")),
                List.of(), List.of(new Deadline("AT+MIPLNOTIFY -> final result", 0, 300 * MS, MS),
                new Deadline("sent -> +MIPLEVENT: 0,26,255", MS, 30_000 * MS, null)));
        SvgDom d = render(t);
        assertThat(d.byClass("failure")).singleElement().satisfies(f -> {
            assertThat(SvgDom.shown(f)).contains("MISSED: +MIPLEVENT: 0,26,255 did not arrive within 30 s",
                    "arrived instead: +MIPLEVENT: 0,26,0").doesNotContain("0,11,1");
            assertThat(SvgDom.num(f, "data-offset-ns")).isEqualTo(30_001 * MS);
        });
        assertThat(d.byClass("arrived-instead")).singleElement()
                .satisfies(a -> assertThat(SvgDom.title(a)).contains("+MIPLEVENT: 0,26,0"));
        assertThat(d.byClass("deadline")).extracting(SvgDom::shown)
                .containsExactly("1 ms / 300 ms\n", "\u2014 / 30 s MISSED\n");
        assertThat(d.byClass("missed")).singleElement();
        // the failure is drawn where it happened: after the idle 30 s, below every arrow
        double failureY = SvgDom.num(d.byClass("failure").get(0), "data-y");
        assertThat(d.byClass("arrow")).allSatisfy(a -> assertThat(SvgDom.num(a, "data-y")).isLessThan(failureY));
        assertThat(d.byClass("gap")).hasSize(1);
    }

    @Test
    void aCaseFailureWithoutADeadlineIsMarkedAtTheEnd() throws Exception {
        Timeline t = new Timeline(List.of(ev(0, EventKind.COMMAND, "AT+MIPLVER?"),
                ev(1, EventKind.FINAL_RESULT, "+CIS ERROR: 100")), List.of(), List.of());
        SvgDom d = SvgDom.parse(new SequenceDiagramSvg("x").render(t, Failure.module("expected OK, got +CIS ERROR: 100")));
        assertThat(d.byClass("failure")).singleElement()
                .satisfies(f -> assertThat(SvgDom.shown(f)).contains("expected OK, got +CIS ERROR: 100"));
    }

    @Test
    void powerAndPhasesAreMarksAcrossTheLanes() throws Exception {
        Timeline t = new Timeline(List.of(
                ev(0, EventKind.URC, "+QIND: \"FOTA\",\"UPDATING\",30"),
                ev(2, EventKind.MARK, "cut trigger fota:updating:30%"),
                ev(3, EventKind.POWER_OFF, "power off"),
                ev(1503, EventKind.POWER_ON, "power on")),
                List.of(new Phase("power off", 3 * MS, 1503 * MS), new Phase("FOTA update", -500 * MS, 9000 * MS)),
                List.of());
        SvgDom d = render(t);
        assertThat(d.byClass("across")).extracting(e -> e.getAttribute("data-kind"))
                .containsExactly("PHASE_START", "MARK", "POWER_OFF", "POWER_ON", "PHASE_END");
        assertThat(d.byClass("across")).extracting(SvgDom::shown)
                .anyMatch(s -> s.contains("power cut")).anyMatch(s -> s.contains("power restored"))
                .anyMatch(s -> s.contains("end of FOTA update (9.5 s)"));
    }

    @Test
    void textIsEscapedAndLongLabelsKeepTheirFullTextInATitle() throws Exception {
        String longLine = "+MIPLWRITE: 0,65081,3303,0,5750,1,60,\"" + "<&>\"'".repeat(12) + "\",0,0";
        Timeline t = new Timeline(List.of(ev(0, EventKind.URC, longLine)), List.of(), List.of());
        String svg = new SequenceDiagramSvg("<&>").render(t);
        SvgDom d = SvgDom.parse(svg); // well-formed despite the markup in the text
        Element a = d.byClass("arrow").get(0);
        assertThat(SvgDom.title(a)).contains(longLine);
        assertThat(SvgDom.shown(a)).endsWith("...\n").hasSizeLessThan(60);
    }

    @Test
    void anEmptyTimelineSaysSo() throws Exception {
        SvgDom d = render(Timeline.empty());
        assertThat(d.doc.getDocumentElement().getTextContent()).contains("nothing recorded");
    }
}
