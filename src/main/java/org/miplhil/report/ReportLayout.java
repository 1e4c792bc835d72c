package org.miplhil.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run's outputs go under the report directory ({@code reports/} by default). A module of a fleet ({@code
 * --parallel}, a rack with several modules) writes its JUnit XML and transcripts in a folder of its own
 * ({@code junit/<module>/}, {@code transcripts/<module>/}); the Allure results of every module go to one folder, the
 * module being a label.
 *
 * @param module the module's name; empty for a run on one module
 */
public record ReportLayout(Path root, String module) {

    public ReportLayout {
        Objects.requireNonNull(root, "root");
        module = module == null ? "" : module;
    }

    public ReportLayout(Path root) {
        this(root, "");
    }

    /** The layout of one module of a fleet under the same report directory. */
    public ReportLayout forModule(String name) {
        return new ReportLayout(root, name);
    }

    private Path perModule(Path p) {
        return module.isEmpty() ? p : p.resolve(fileName(module));
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
        return perModule(root.resolve("junit"));
    }

    public Path transcripts() {
        return perModule(root.resolve("transcripts"));
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
