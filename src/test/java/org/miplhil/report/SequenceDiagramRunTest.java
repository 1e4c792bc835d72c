package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.w3c.dom.Element;

/**
 * The sequence diagram of cases run for real on the virtual module: the DFOTA case with a power cut at 30 % of the
 * update (suites/dfota) and a 210-step case that ends in a missed URC; their diagrams read back as SVG, and rendered
 * in headless Chromium, where a script measures what the browser laid out (lanes, arrows, labels, overlaps).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequenceDiagramRunTest {

    private static final Path OUT = Path.of("target", "seqdiag");
    private static final String DFOTA_CASE = "A cut at about 30 % of the update does not stop it - the update goes on"
            + " at power-up, END 0, then 48 after re-registering";
    private static final String LONG_CASE = "210 steps, then a URC that never comes";
    /** The long case fits in a screen and a half, the DFOTA case (3,570 px unfolded, about 2,400 folded) in three. */
    private static final int LONG_CASE_MAX_HEIGHT = 1400;
    private static final int DFOTA_MAX_HEIGHT = 2600;

    private CaseResult dfota;
    private CaseResult longCase;

    @BeforeAll
    void runTheCases() throws Exception {
        Files.createDirectories(OUT);
        RunOptions options = RunOptions.builder().build();
        dfota = run(List.of(Path.of("suites/dfota/dfota.yaml")), options, "doc:5.9 & power", DFOTA_CASE);
        StringBuilder suite = new StringBuilder("""
                suite: a long case
                fixtures:
                  profile: PROFILE
                teardown:
                  - send: AT+MIPLCLOSE=0
                    expect: any
                  - send: AT+MIPLDELETE=0
                    expect: any
                cases:
                  - name: NAME
                    steps:
                      - mcu: never
                      - send: AT+MIPLCREATE
                      - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
                      - send: AT+MIPLOPEN=0,3600,30
                      - expect-urc: "+MIPLEVENT: 0,6"
                        within: 30s
                """.replace("PROFILE", Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath().toString())
                .replace("NAME", LONG_CASE));
        for (int i = 0; i < 204; i++) {
            suite.append("      - send: AT\n");
        }
        suite.append("      - expect-urc: \"+MIPLEVENT: 0,26,255\"\n        within: 2s\n");
        Path file = OUT.resolve("long-case.yaml");
        Files.writeString(file, suite.toString(), StandardCharsets.UTF_8);
        longCase = run(List.of(file), options, "", LONG_CASE);
    }

    private static CaseResult run(List<Path> files, RunOptions options, String tags, String name) {
        RunPlan plan = RunPlan.load(files, options, TagSelection.parse(tags).selection().orElseThrow());
        assertThat(plan.ok()).as("%s", plan.errors()).isTrue();
        RunRecorder rec = RunRecorder.builder().build();
        try (SuiteRunner runner = new SuiteRunner(options, rec)) {
            RunResult r = runner.run(plan);
            return r.suites().stream().flatMap(s -> s.cases().stream()).filter(c -> c.info().name().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no case '" + name + "' ran"));
        }
    }

    private static Path write(String file, CaseResult c) throws Exception {
        Path p = OUT.resolve(file);
        Files.writeString(p, new SequenceDiagramSvg(c.info().name()).render(c.timeline(), c.failure()),
                StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void theDfotaCaseShowsTheCutTheRestoreThePhasesAndAllThreeLanes() throws Exception {
        assertThat(dfota.status()).as("%s", dfota.failure()).isEqualTo(Status.PASSED);
        SvgDom d = SvgDom.parse(Files.readString(write("dfota-power-cut.svg", dfota)));
        List<Element> across = d.byClass("across");
        assertThat(across).extracting(e -> e.getAttribute("data-kind"))
                .contains("POWER_OFF", "POWER_ON", "PHASE_START", "PHASE_END");
        assertThat(across).extracting(SvgDom::shown).anyMatch(s -> s.contains("FOTA update"));
        List<Element> arrows = d.byClass("arrow");
        assertThat(arrows).extracting(e -> e.getAttribute("data-from") + ">" + e.getAttribute("data-to"))
                .contains("MCU>MODULE", "MODULE>MCU", "MODULE>PLATFORM", "PLATFORM>MODULE");
        assertThat(arrows).extracting(SvgDom::title).anyMatch(t -> t.contains("+QIND: \"FOTA\",\"END\",0"))
                .anyMatch(t -> t.contains("register"));
        // the cut comes before the restore, and both between the arrows around them, in time order
        double off = y(across, "POWER_OFF");
        double on = y(across, "POWER_ON");
        assertThat(off).isLessThan(on);
        assertThat(arrows.stream().map(e -> Long.parseLong(e.getAttribute("data-offset-ns"))).toList()).isSorted();
        assertThat(d.byClass("deadline")).isNotEmpty().allSatisfy(e -> assertThat(SvgDom.shown(e)).contains(" / "));
        assertThat(d.byClass("failure")).isEmpty();
        // the progress and the platform's notifies between them fold, before the cut and after the restore; the
        // first and last of each run, the cut trigger, the cut and each phase's start and end stay drawn
        List<Element> folds = d.byClass("fold");
        assertThat(folds).hasSizeGreaterThanOrEqualTo(2).allSatisfy(f -> assertThat(SvgDom.shown(f))
                .contains("\u00d7 +QIND: \"FOTA\",\"UPDATING\",#%", "(values ", "% \u2026 "));
        assertThat(folds).anyMatch(f -> f.getAttribute("data-cycle").equals("2")
                && SvgDom.shown(f).contains("/ notify /5/0/3"));
        assertThat(folds).anyMatch(f -> SvgDom.num(f, "data-y") < off).anyMatch(f -> SvgDom.num(f, "data-y") > on);
        assertThat(arrows).extracting(SvgDom::title).anyMatch(t -> t.contains("\"UPDATING\",0%"))
                .anyMatch(t -> t.contains("\"UPDATING\",30%")).anyMatch(t -> t.contains("\"UPDATING\",100%"));
        assertThat(across).extracting(SvgDom::shown).anyMatch(s -> s.contains("cut trigger"))
                .anyMatch(s -> s.contains("FOTA download")).anyMatch(s -> s.contains("FOTA reboot"))
                .anyMatch(s -> s.contains("FOTA re-register"));
        int height = Integer.parseInt(d.doc.getDocumentElement().getAttribute("height"));
        assertThat(height).as("the DFOTA case with a cut, folded").isLessThanOrEqualTo(DFOTA_MAX_HEIGHT);
    }

    @Test
    void theLongCaseFoldsItsRepeatsAndMarksTheMissedUrc() throws Exception {
        assertThat(longCase.status()).isEqualTo(Status.FAILED);
        String svg = Files.readString(write("long-case.svg", longCase));
        SvgDom d = SvgDom.parse(svg);
        // 204 x AT/OK: folded, in as many runs as the platform's observe and the module's URCs interrupt them
        List<Element> folds = d.byClass("fold");
        assertThat(folds).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(folds.stream().mapToInt(f -> Integer.parseInt(f.getAttribute("data-count"))).sum())
                .isGreaterThanOrEqualTo(180);
        assertThat(d.byClass("arrow")).extracting(SvgDom::title).anyMatch(t -> t.contains("+MIPLEVENT: 0,6"))
                .anyMatch(t -> t.contains("register"));
        // what came meanwhile depends on when the platform repeats its observe: a URC, or nothing like one
        assertThat(d.byClass("failure")).singleElement().satisfies(f -> assertThat(SvgDom.shown(f))
                .contains("MISSED: +MIPLEVENT: 0,26,255 did not arrive within 2 s")
                .containsAnyOf("arrived instead: +MIPLOBSERVE", "nothing like it arrived meanwhile")
                .doesNotContain("arrived instead: OK"));
        assertThat(d.byClass("gap")).as("the 2 s wait, compressed").hasSize(1);
        int height = Integer.parseInt(d.doc.getDocumentElement().getAttribute("height"));
        assertThat(height).as("210 steps in a screen and a half, not the 9000 px of every row")
                .isLessThanOrEqualTo(LONG_CASE_MAX_HEIGHT);
    }

    @ParameterizedTest(name = "{0} renders in Chromium: three lanes, arrows, labels, fold marks, nothing over the headers")
    @ValueSource(strings = {"dfota-power-cut", "long-case"})
    void rendersInChromium(String name) throws Exception {
        Chromium chromium = Chromium.require();
        String svg = new SequenceDiagramSvg(name).render(name.equals("long-case") ? longCase.timeline()
                : dfota.timeline(), name.equals("long-case") ? longCase.failure() : dfota.failure());
        int height = Integer.parseInt(SvgDom.parse(svg).doc.getDocumentElement().getAttribute("height"));
        Path svgFile = OUT.resolve(name + "-browser.svg");
        Files.writeString(svgFile, svg, StandardCharsets.UTF_8);
        Path page = OUT.resolve(name + ".html");
        Files.writeString(page, "<!DOCTYPE html><html><body style=\"margin:0\">"
                + svg.substring(svg.indexOf("<svg")) + "<pre id=\"check\"></pre><script>" + CHECK + "</script></body></html>",
                StandardCharsets.UTF_8);
        JsonNode r = new ObjectMapper().readTree(between(chromium.dumpDom(page.toAbsolutePath().toUri().toString(), 5_000)));
        assertThat(r.get("lanes").asInt()).as("lane headers").isEqualTo(3);
        assertThat(r.get("lifelines").asInt()).isEqualTo(3);
        assertThat(r.get("arrows").asInt()).as("arrows drawn with a size").isGreaterThan(8);
        assertThat(r.get("labels").asInt()).isGreaterThan(8);
        assertThat(r.get("overHeaders").asInt()).as("rows drawn over the lane headers: %s", r).isZero();
        assertThat(r.get("labelOverlaps").asInt()).as("labels covering each other: %s", r).isZero();
        if (name.equals("long-case")) {
            assertThat(r.get("failures").asInt()).isEqualTo(1);
        }
        assertThat(r.get("folds").asInt()).as("fold marks drawn with a size: %s", r).isGreaterThanOrEqualTo(1);
        assertThat(r.get("foldMarks").asInt()).as("fold marks saying how many: %s", r).isEqualTo(r.get("folds").asInt());
        assertThat(r.get("height").asDouble()).as("the height the browser laid out")
                .isLessThanOrEqualTo(name.equals("long-case") ? LONG_CASE_MAX_HEIGHT : DFOTA_MAX_HEIGHT);

        Path png = chromium.screenshot(svgFile.toAbsolutePath().toUri().toString(), OUT.resolve(name + ".png"), 1400,
                Math.min(height, 4000), 0);
        BufferedImage img = ImageIO.read(png.toFile());
        int red = 0;
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int rr = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                red += rr > g + 60 && rr > b + 60 ? 1 : 0;
                dark += rr + g + b < 250 ? 1 : 0;
            }
        }
        assertThat(dark).as("text and lines in the picture").isGreaterThan(2000);
        assertThat(red).as("red: a power cut or the failure mark").isGreaterThan(100);
    }

    private static double y(List<Element> across, String kind) {
        return across.stream().filter(e -> e.getAttribute("data-kind").equals(kind)).findFirst()
                .map(e -> SvgDom.num(e, "data-y")).orElseThrow();
    }

    private static String between(String dom) {
        int a = dom.indexOf("<pre id=\"check\">") + "<pre id=\"check\">".length();
        return dom.substring(a, dom.indexOf("</pre>", a)).replace("&quot;", "\"");
    }

    /** Measures the layout as the browser made it: boxes of headers, rows and labels. */
    private static final String CHECK = """
            const svg = document.querySelector('svg');
            const headers = [...svg.querySelectorAll('g.lane-header')];
            const headerBottom = Math.max(...headers.map(g => { const b = g.getBBox(); return b.y + b.height; }));
            const rows = [...svg.querySelectorAll('g.arrow, g.fold, g.gap, g.across, g.failure, g.deadline')];
            const over = rows.filter(g => g.getBBox().y < headerBottom);
            const labels = [...svg.querySelectorAll('text.label')].map(t => t.getBBox()).filter(b => b.width > 0);
            let overlaps = 0;
            for (let i = 0; i < labels.length; i++) {
              for (let j = i + 1; j < labels.length; j++) {
                const a = labels[i], b = labels[j];
                if (a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 2 && b.y < a.y + a.height - 2) {
                  overlaps++;
                }
              }
            }
            const arrows = [...svg.querySelectorAll('g.arrow')].filter(g => g.getBBox().width > 100);
            const folds = [...svg.querySelectorAll('g.fold')].filter(g => g.getBBox().width > 100);
            const foldMarks = folds.filter(g => /^\\d+ \u00d7 /.test(g.querySelector('text.label').textContent));
            document.getElementById('check').textContent = JSON.stringify({
              lanes: headers.length, lifelines: svg.querySelectorAll('line.lifeline').length,
              arrows: arrows.length, labels: labels.length, overHeaders: over.length, labelOverlaps: overlaps,
              failures: svg.querySelectorAll('g.failure').length, folds: folds.length, foldMarks: foldMarks.length,
              height: svg.getBoundingClientRect().height});
            """;
}
