package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.miplhil.compare.CompareEndToEnd;

/**
 * The pages {@code ./mipl-hil compare} wrote in the end-to-end test ({@link CompareEndToEnd}: two real runs, the
 * candidate with an error code changed, a slower registration, a new URC and its own revision) opened in headless
 * Chromium as a reviewer opens them: compare.html, verdict.html and the qualification page {@code compare --report}
 * put beside the candidate's report. A script in a copy of each page (same directory, so links resolve alike)
 * reads what the browser laid out — the banner and its colour, each table under its heading, the flagged rows, every
 * link — and a screenshot shows the red of the failures and the green of what passed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualificationPagesBrowserTest {

    private Chromium chromium;

    @BeforeAll
    void runAndCompare() throws Exception {
        chromium = Chromium.require();
        CompareEndToEnd.runs();
    }

    @Test
    void theComparePageShowsTheRegressionTheFlaggedShiftTheBehaviourAndProfileDifferences() throws Exception {
        JsonNode page = probe(CompareEndToEnd.OUT.resolve("compare.html"));
        assertThat(page.get("title").asText()).isEqualTo("Compare: " + CompareEndToEnd.BASELINE_REVISION + " -> "
                + CompareEndToEnd.CANDIDATE_REVISION);
        JsonNode banner = banners(page).get(0);
        assertThat(banner.get("text").asText()).startsWith("REGRESSED: 1 case(s) newly failing, 2 shift(s) beyond 30 %");
        assertFailColour(banner);
        comparisonTables(page);
        assertLinksResolve(page, 6);
        screenshot("compare.html", CompareEndToEnd.OUT.resolve("compare.html"), false);
    }

    @Test
    void theVerdictPageShowsNotQualifiedEachRuleAndItsEvidence() throws Exception {
        JsonNode page = probe(CompareEndToEnd.OUT.resolve("verdict.html"));
        JsonNode banner = banners(page).get(0);
        assertThat(banner.get("text").asText()).isEqualTo("NOT QUALIFIED");
        assertFailColour(banner);
        JsonNode rules = table(page, "");
        assertThat(headers(rules)).containsExactly("", "rule", "outcome");
        assertThat(column(rules, 0)).containsExactly("PASS", "FAIL", "FAIL", "FAIL", "PASS", "PASS");
        assertThat(classes(rules, 0)).containsExactly("pass", "fail", "fail", "fail", "pass", "pass");
        // the evidence of the failed rules: the failing runs, linked to their transcripts, and the measurement
        JsonNode regression = table(page, "FAIL no regression");
        assertThat(column(regression, 0)).hasSize(1).allSatisfy(t -> assertThat(t)
                .startsWith(CompareEndToEnd.ERROR_CASE).contains("+CIS ERROR: 651"));
        assertThat(regression.get("rows").get(0).get(0).get("href").asText()).contains("/candidate/transcripts/");
        assertThat(column(table(page, "FAIL " + CompareEndToEnd.REGISTRATION), 0)).singleElement().asString()
                .contains("against the baseline").endsWith("FAIL");
        assertLinksResolve(page, 4);
        screenshot("verdict.html", CompareEndToEnd.OUT.resolve("verdict.html"), false);
    }

    @Test
    void theQualificationPageBesideTheReportHasTheVerdictThenTheComparisonWithWorkingLinks() throws Exception {
        Path index = CompareEndToEnd.QUALIFICATION_PAGE;
        JsonNode page = probe(index);
        assertThat(page.get("title").asText()).isEqualTo("Qualification");
        assertThat(banners(page)).extracting(b -> b.get("text").asText()).hasSize(2)
                .satisfies(b -> assertThat(b.get(0)).isEqualTo("NOT QUALIFIED"))
                .satisfies(b -> assertThat(b.get(1)).startsWith("REGRESSED"));
        comparisonTables(page);
        // links relative to REPORTDIR/qualification: the candidate's transcripts one level up, the baseline's beside
        List<String> hrefs = new ArrayList<>();
        page.get("links").forEach(l -> hrefs.add(l.get("href").asText()));
        assertThat(hrefs).anyMatch(h -> h.contains("/candidate/transcripts/"))
                .anyMatch(h -> h.contains("/baseline/transcripts/"));
        assertLinksResolve(page, 10);
        // and the differences are in the candidate's Allure results, for the next ./mipl-hil report
        try (var files = Files.list(CompareEndToEnd.CANDIDATE.resolve("allure-results"))) {
            assertThat(files.filter(p -> p.toString().endsWith("-result.json")).map(QualificationPagesBrowserTest::read)
                    .filter(t -> t.contains("\"Release qualification\""))).as("a case change, two shifts, two"
                    + " behaviour differences, a profile difference, the verdict").hasSize(7);
        }
        screenshot("qualification.html", index, true);
    }

    /** Verdict changes, measurement shifts, behaviour and profile differences, each as the end-to-end run left them. */
    private static void comparisonTables(JsonNode page) {
        JsonNode cases = table(page, "Verdict changes");
        assertThat(headers(cases)).containsExactly("change", "case", "baseline", "candidate", "candidate failure");
        assertThat(column(cases, 0)).containsExactly("newly failing");
        assertThat(classes(cases, 0)).containsExactly("fail");
        assertThat(column(cases, 1)).containsExactly(CompareEndToEnd.ERROR_CASE);
        assertThat(column(cases, 2)).containsExactly("passed");
        assertThat(column(cases, 3)).containsExactly("failed");

        JsonNode shifts = table(page, "Measurement shifts");
        assertThat(headers(shifts)).containsExactly("", "measurement", "baseline n / median / p95",
                "candidate n / median / p95", "median change");
        List<String> flags = column(shifts, 0);
        assertThat(flags.subList(0, 2)).containsExactly("FLAGGED", "FLAGGED");
        assertThat(classes(shifts, 0).subList(0, 2)).containsExactly("fail", "fail");
        assertThat(column(shifts, 1).subList(0, 2)).containsExactly(CompareEndToEnd.REGISTRATION,
                CompareEndToEnd.OBSERVE_AFTER_REGISTRATION);
        assertThat(flags.subList(2, flags.size())).hasSizeGreaterThan(10).containsOnly("ok");

        JsonNode behaviours = table(page, "Behaviour differences");
        assertThat(headers(behaviours)).containsExactly("case", "difference", "baseline lines", "candidate lines");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < behaviours.get("rows").size(); i++) {
            rows.add(column(behaviours, 0).get(i) + " | " + column(behaviours, 1).get(i) + " | "
                    + column(behaviours, 3).get(i));
        }
        assertThat(rows).containsExactlyInAnyOrder(
                CompareEndToEnd.ERROR_CASE + " | another error code (error lines) | +CIS ERROR: 655\n+CIS ERROR: 651",
                CompareEndToEnd.REGISTRATION_CASE + " | a line only in the candidate (+CSCON) | +CSCON: 1");

        JsonNode profile = table(page, "Profile differences");
        assertThat(column(profile, 0)).containsExactly("identity.revision");
        assertThat(column(profile, 3)).containsExactly(CompareEndToEnd.CANDIDATE_REVISION);
        for (JsonNode t : List.of(cases, shifts, behaviours, profile)) {
            assertThat(t.get("width").asDouble()).as("a table drawn with a size: %s", t.get("heading")).isPositive();
        }
    }

    /** Every link is drawn and leads to a file that exists. */
    private static void assertLinksResolve(JsonNode page, int atLeast) {
        JsonNode links = page.get("links");
        assertThat(links.size()).as("links on the page").isGreaterThanOrEqualTo(atLeast);
        for (JsonNode l : links) {
            String href = l.get("href").asText();
            assertThat(href).as("a link to a local file").startsWith("file:");
            assertThat(Path.of(URI.create(href))).as("the target of '%s'", l.get("text").asText()).isRegularFile();
            assertThat(l.get("shown").asBoolean()).as("link '%s' drawn", l.get("text").asText()).isTrue();
        }
    }

    private static void assertFailColour(JsonNode banner) {
        int[] rgb = rgb(banner.get("background").asText());
        assertThat(rgb[0]).as("the banner's background %s is red", banner.get("background").asText())
                .isGreaterThan(rgb[1] + 20).isGreaterThan(rgb[2] + 20);
        assertThat(banner.get("height").asDouble()).isPositive();
    }

    private static int[] rgb(String css) {
        String[] p = css.replaceAll("[^0-9,]", "").split(",");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }

    private static List<JsonNode> banners(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        page.get("banners").forEach(out::add);
        assertThat(out).as("banners").isNotEmpty();
        return out;
    }

    /** The first table whose heading starts with {@code heading} ("" for a table with no heading before it). */
    private static JsonNode table(JsonNode page, String heading) {
        for (JsonNode t : page.get("tables")) {
            if (heading.isEmpty() ? t.get("heading").asText().isEmpty() || t.get("heading").asText().equals(
                    page.get("banners").get(0).get("text").asText()) : t.get("heading").asText().startsWith(heading)) {
                return t;
            }
        }
        throw new AssertionError("no table under '" + heading + "' in " + page.get("tables"));
    }

    private static List<String> headers(JsonNode table) {
        List<String> out = new ArrayList<>();
        table.get("headers").forEach(h -> out.add(h.asText()));
        return out;
    }

    private static List<String> column(JsonNode table, int i) {
        List<String> out = new ArrayList<>();
        table.get("rows").forEach(r -> out.add(r.get(i).get("text").asText()));
        return out;
    }

    private static List<String> classes(JsonNode table, int i) {
        List<String> out = new ArrayList<>();
        table.get("rows").forEach(r -> out.add(r.get(i).get("css").asText()));
        return out;
    }

    /** Loads a copy of the page with the probe script beside the original and returns what the script read. */
    private JsonNode probe(Path page) throws Exception {
        assertThat(page).isRegularFile();
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        assertThat(end).as("the page ends its body").isPositive();
        Path copy = page.resolveSibling(page.getFileName().toString().replace(".html", ".probe.html"));
        Files.writeString(copy, html.substring(0, end) + "<pre id=\"probe\"></pre><script>" + PROBE + "</script>"
                + html.substring(end), StandardCharsets.UTF_8);
        String dom = chromium.dumpDom(copy.toUri().toString(), 3_000);
        int a = dom.indexOf("<pre id=\"probe\">");
        assertThat(a).as("the probe ran in Chromium:\n%s", dom).isNotNegative();
        a += "<pre id=\"probe\">".length();
        String encoded = dom.substring(a, dom.indexOf("</pre>", a)).strip();
        assertThat(encoded).as("the probe's result").isNotEmpty();
        return new ObjectMapper().readTree(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }

    /** A picture of the page: red for the failures, green where a rule or a case passed, dark text. */
    private void screenshot(String name, Path page, boolean greenToo) throws Exception {
        Path png = chromium.screenshot(page.toUri().toString(), CompareEndToEnd.DIR.resolve(name + ".png"), 1400,
                1200, 0);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG chromium wrote").isNotNull();
        int red = 0;
        int green = 0;
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                red += r > g + 20 && r > b + 20 ? 1 : 0;
                green += g > r + 20 && g > b + 20 ? 1 : 0;
                dark += r + g + b < 250 ? 1 : 0;
            }
        }
        assertThat(red).as("red: the NOT QUALIFIED / REGRESSED banner and the failed cells").isGreaterThan(5000);
        assertThat(dark).as("text").isGreaterThan(5000);
        if (greenToo) {
            assertThat(green).as("green: the rules that passed").isGreaterThan(500);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the browser laid out: banners, tables under their headings, links; base64 JSON in pre#probe. */
    private static final String PROBE = """
            const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
            const banners = [...document.querySelectorAll('h2.pass, h2.fail')].map(h => ({
              text: h.textContent, css: h.className, background: getComputedStyle(h).backgroundColor,
              height: h.getBoundingClientRect().height}));
            const tables = [...document.querySelectorAll('table')].map(t => {
              let h = t.previousElementSibling;
              while (h && !/^H[1-6]$/.test(h.tagName)) { h = h.previousElementSibling; }
              const rows = [...t.querySelectorAll('tr')];
              return {heading: h ? h.textContent : '', width: t.getBoundingClientRect().width,
                headers: [...rows[0].querySelectorAll('th')].map(c => c.textContent),
                rows: rows.slice(1).map(r => [...r.querySelectorAll('td')].map(c => {
                  const a = c.querySelector('a');
                  return {text: c.textContent, css: c.className, href: a ? a.href : ''};
                }))};
            });
            const links = [...document.querySelectorAll('a[href]')].map(a => ({text: a.textContent, href: a.href,
              shown: shown(a)}));
            const title = document.querySelector('h1').textContent;
            const json = JSON.stringify({title, banners, tables, links});
            document.getElementById('probe').textContent = btoa(unescape(encodeURIComponent(json)));
            """;
}
