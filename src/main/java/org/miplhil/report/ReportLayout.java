package org.miplhil.report;

import java.nio.file.Path;
import java.util.Objects;

/** Where a run's outputs go under the report directory ({@code reports/} by default). */
public record ReportLayout(Path root) {

    public ReportLayout {
        Objects.requireNonNull(root, "root");
    }

    public static ReportLayout defaults() {
        return new ReportLayout(Path.of("reports"));
    }

    public Path allureResults() {
        return root.resolve("allure-results");
    }

    public Path allureReport() {
        return root.resolve("allure-report");
    }

    public Path junit() {
        return root.resolve("junit");
    }

    public Path transcripts() {
        return root.resolve("transcripts");
    }

    /** {@code transcripts/<suite>/<case id>.txt}. */
    public Path transcript(SuiteInfo suite, CaseInfo info) {
        return transcripts().resolve(fileName(suite.name())).resolve(fileName(info.id()) + ".txt");
    }

    /** {@code junit/TEST-<suite>.xml}. */
    public Path junitFile(SuiteInfo suite) {
        return junit().resolve("TEST-" + fileName(suite.name()) + ".xml");
    }

    /** A name safe as one path segment on every file system. */
    public static String fileName(String s) {
        String x = (s == null ? "" : s).replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (x.isEmpty()) {
            x = "unnamed";
        }
        return x.length() > 120 ? x.substring(0, 120) : x;
    }
}
