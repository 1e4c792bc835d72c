package org.miplhil.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.miplhil.report.AllureReportGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mipl-hil report}: the Allure HTML report, one file that opens offline. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Build the Allure HTML report (a single index.html that opens offline) from a run's results.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "reports/allure-results",
            description = "Allure results of a run (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/allure-report",
            description = "Where the report goes; replaced if present (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--allure-home", paramLabel = "DIR",
            description = "Allure command line to use (default: the one the build unpacks into target/allure).")
    Path allureHome;

    @Override
    public Integer call() {
        if (!AllureReportGenerator.hasResults(results)) {
            System.err.println("mipl-hil report: no Allure results in " + results
                    + " (no *-result.json); run ./mipl-hil run first, or name the directory with --results");
            return 2;
        }
        var home = AllureReportGenerator.locateHome(allureHome);
        if (home.isEmpty()) {
            System.err.println("mipl-hil report: Allure command line not found"
                    + (allureHome == null ? " in target/allure; build it with ./mvnw -B package" : " at " + allureHome));
            return 2;
        }
        var outcome = new AllureReportGenerator(home.get(), Duration.ofMinutes(5)).generate(results, out);
        if (outcome instanceof AllureReportGenerator.Outcome.Generated g) {
            System.out.println("Allure report: " + g.indexHtml().toAbsolutePath().normalize());
            return 0;
        }
        var failed = (AllureReportGenerator.Outcome.Failed) outcome;
        System.err.println("mipl-hil report: " + failed.message());
        if (!failed.log().isBlank()) {
            System.err.println(failed.log().strip());
        }
        return 2;
    }
}
