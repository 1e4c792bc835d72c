package org.miplhil.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Allure's history between two reports: a report's {@code history/} (history.json, history-trend.json,
 * duration-trend.json, categories-trend.json, retry-trend.json) copied into the next run's results before that
 * report is generated, which is how Allure draws its trends and retries (its Jenkins plugin does the same).
 */
final class ReportHistory {

    static final String DIR = "history";

    private ReportHistory() {
    }

    /** The previous report's {@code history/} (if any) into {@code results/history/}, replacing what was there. */
    static void carryInto(Path previousReport, Path results) throws IOException {
        Path from = previousReport.resolve(DIR);
        if (!Files.isDirectory(from)) {
            return;
        }
        copy(from, results.resolve(DIR));
    }

    /** The freshly generated multi-file report's {@code history/} beside the single file. */
    static void keep(Path generated, Path report) throws IOException {
        Path from = generated.resolve(DIR);
        if (Files.isDirectory(from)) {
            copy(from, report.resolve(DIR));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files;
        try (Stream<Path> s = Files.list(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a temporary tree; what cannot be removed stays (a temp directory left behind is harmless). */
    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // harmless, see above
        }
    }
}
