package org.miplhil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --report DIR} of {@code run}, {@code mutate} and {@code soak}: where the Allure results, JUnit XML and
 * transcripts go. Each command gives its default (the field's initial value, which picocli shows as the default).
 */
final class ReportOption {

    @Option(names = "--report", paramLabel = "DIR",
            description = "Where the Allure results, JUnit XML and transcripts go (mutate adds selfcheck.json and"
                    + " detection.md, soak the runs' suites) (default: ${DEFAULT-VALUE}).")
    Path report;

    ReportOption() {
        this(Path.of("reports"));
    }

    ReportOption(Path defaultDir) {
        this.report = defaultDir;
    }
}
