package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.miplhil.cli.Main;

/**
 * The whole way to the HTML report: results from the Allure writer, Allure's command line as the
 * build unpacked it (failsafe runs this after package), and the report opened in Chromium.
 */
class AllureReportIT {

    static final Path BASE = Path.of("target", "allure-it");
    static final Path RESULTS = BASE.resolve("allure-results");
    static final Path REPORT = BASE.resolve("allure-report");

    @BeforeAll
    static void writeResults() throws Exception {
        if (Files.exists(BASE)) {
            try (Stream<Path> s = Files.walk(BASE)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        AllureWriterTest.writeSample(RESULTS, Map.of());
    }

    private static Path home() {
        return AllureReportGenerator.locateHome(null).orElseThrow(() -> new AssertionError(
                "Allure command line not found (system property " + AllureReportGenerator.HOME_PROPERTY + " = "
                        + System.getProperty(AllureReportGenerator.HOME_PROPERTY)
                        + "); the package phase unpacks it into target/allure"));
    }

    @Test
    void generatesASingleFileReportThatHoldsTheCases() throws Exception {
        var outcome = new AllureReportGenerator(home(), Duration.ofMinutes(3)).generate(RESULTS, REPORT);
        assertThat(outcome).isInstanceOf(AllureReportGenerator.Outcome.Generated.class);
        Path index = ((AllureReportGenerator.Outcome.Generated) outcome).indexHtml();
        assertThat(index).exists();
        try (Stream<Path> s = Files.list(REPORT)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("one file that opens offline, and the"
                    + " history the next report carries on").containsExactlyInAnyOrder("index.html", "history");
        }
        String html = Files.readString(index, StandardCharsets.UTF_8);
        assertThat(html.length()).isGreaterThan(100_000);
        assertThat(ReportHtml.embeddedText(html)).contains(Samples.PASSING_CASE, Samples.FAILING_CASE,
                "[MODULE] expected +CIS ERROR: 652", "Module did not behave", "Infrastructure");
        assertThat(java.util.regex.Pattern.compile("<script[^>]+src=\"https?:").matcher(html).find())
                .as("a script fetched from the network (analytics should be off)").isFalse();
    }

    /** Two runs, two reports into the same place: the second's history holds the first's entries (the trend). */
    @Test
    void theSecondReportCarriesTheFirstOnesHistory() throws Exception {
        Path first = BASE.resolve("trend-run-1");
        Path second = BASE.resolve("trend-run-2");
        AllureWriterTest.writeSample(first, Map.of());
        AllureWriterTest.writeSample(second, Map.of());
        Path out = BASE.resolve("trend-report");
        var generator = new AllureReportGenerator(home(), Duration.ofMinutes(3));
        assertThat(generator.generate(first, out)).isInstanceOf(AllureReportGenerator.Outcome.Generated.class);
        assertThat(trendEntries(out)).as("the first report's trend: its own run").isEqualTo(1);
        String firstHistory = Files.readString(out.resolve("history/history.json"));
        assertThat(second.resolve("history")).doesNotExist();

        assertThat(generator.generate(second, out)).isInstanceOf(AllureReportGenerator.Outcome.Generated.class);
        assertThat(second.resolve("history/history.json")).as("carried into the second run's results")
                .hasContent(firstHistory);
        assertThat(trendEntries(out)).as("the second report's trend: both runs").isEqualTo(2);
        // each case's history: the first run's result and the second's
        var history = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("history/history.json").toFile());
        assertThat(history.size()).isPositive();
        history.forEach(h -> assertThat(h.get("items").size()).as(h.toString()).isEqualTo(2));
        assertThat(ReportHtml.embeddedText(Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8)))
                .as("the single file shows the carried trend").contains("history-trend");
    }

    private static int trendEntries(Path report) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolve("history/history-trend.json").toFile()).size();
    }

    @Test
    void theCommandLineBuildsItToo() throws Exception {
        Path out = BASE.resolve("cli-report");
        int code = Main.run("report", "--results", RESULTS.toString(), "--out", out.toString(),
                "--allure-home", home().toString());
        assertThat(code).isZero();
        assertThat(out.resolve("index.html")).exists();
    }

    @Test
    void theReportRendersInChromium() throws Exception {
        Chromium chromium = Chromium.require();
        Path index = REPORT.resolve("index.html");
        if (!Files.exists(index)) {
            generatesASingleFileReportThatHoldsTheCases();
        }
        String url = index.toAbsolutePath().toUri() + "#suites";
        String dom = chromium.dumpDom(url, 15_000);
        assertThat(dom).as("the suites tree, rendered by the report's scripts").contains(Samples.PASSING_CASE,
                Samples.FAILING_CASE, Samples.BROKEN_CASE);
        String categories = chromium.dumpDom(index.toAbsolutePath().toUri() + "#categories", 15_000);
        assertThat(categories).contains("Module did not behave", "Infrastructure");
        String caseUrl = index.toAbsolutePath().toUri() + "#"
                + ReportHtml.suitesRoute(Files.readString(index, StandardCharsets.UTF_8), Samples.PASSING_CASE);
        String casePage = chromium.dumpDom(caseUrl, 15_000);
        assertThat(casePage).as("the case page: steps, parameters, attachments, links")
                .contains("send AT+MIPLOPEN=0,3600,30", "expect +MIPLEVENT: 0,6 within 30 s", "timing", "sequence diagram",
                        "transcript", "platform CoAP log", "note 3.3.7 AT+MIPLOPEN: register (p. 14)", "doc:3.3.7");
        chromium.screenshot(caseUrl, BASE.resolve("case.png"), 1400, 1000, 15_000);
        chromium.screenshot(index.toAbsolutePath().toUri() + "#categories", BASE.resolve("categories.png"),
                1400, 900, 15_000);
        chromium.screenshot(index.toAbsolutePath().toUri().toString(), BASE.resolve("overview.png"), 1400, 900,
                15_000);
    }
}
