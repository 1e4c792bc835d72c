package org.miplhil.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns Allure results into the HTML report, one self-contained {@code index.html} that opens
 * offline ({@code allure generate --single-file}), with Allure's command line from Maven Central as
 * the build unpacks it into {@code target/allure}, run on the current JVM.
 */
public final class AllureReportGenerator {

    /** System property naming the Allure command line's home (the directory with bin/ and lib/). */
    public static final String HOME_PROPERTY = "allure.commandline.home";
    /** Environment variable naming the same. */
    public static final String HOME_ENV = "MIPL_HIL_ALLURE_HOME";

    /** What generating gave. */
    public sealed interface Outcome {
        /** The report's single file. */
        record Generated(Path indexHtml, String log) implements Outcome {
        }

        /** Why there is no report; {@code log} has Allure's output when it ran. */
        record Failed(String message, String log) implements Outcome {
        }
    }

    private final Path home;
    private final Duration timeout;

    public AllureReportGenerator(Path home, Duration timeout) {
        this.home = home;
        this.timeout = timeout;
    }

    /**
     * The Allure command line: {@code explicit} if given, else the system property, the environment
     * variable, {@code allure/allure-*} beside the running jar (target/), then {@code target/allure}
     * under the working directory.
     */
    public static Optional<Path> locateHome(Path explicit) {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            return isHome(explicit) ? Optional.of(explicit) : Optional.empty();
        }
        String prop = System.getProperty(HOME_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        String env = System.getenv(HOME_ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        codeLocation().ifPresent(loc -> {
            Path target = loc.getParent(); // target/mipl-hil.jar or target/classes
            if (target != null) {
                candidates.addAll(unpacked(target.resolve("allure")));
            }
        });
        candidates.addAll(unpacked(Path.of("target", "allure")));
        return candidates.stream().filter(AllureReportGenerator::isHome).findFirst();
    }

    private static List<Path> unpacked(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("allure-")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Path> codeLocation() {
        try {
            var src = AllureReportGenerator.class.getProtectionDomain().getCodeSource();
            return src == null ? Optional.empty() : Optional.of(Path.of(src.getLocation().toURI()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    static boolean isHome(Path p) {
        return Files.isRegularFile(p.resolve("bin").resolve("allure")) && Files.isDirectory(p.resolve("lib"));
    }

    /** Results present: a directory with at least one {@code *-result.json}. */
    public static boolean hasResults(Path results) {
        if (!Files.isDirectory(results)) {
            return false;
        }
        try (Stream<Path> s = Files.list(results)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith("-result.json"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The report of {@code results} in {@code out}, with the history of the report that was there before: its
     * {@code history/} goes into {@code results/history/} first (as Allure's Jenkins plugin does between builds),
     * so the trend widgets and a case's retries span runs, and the new report's own {@code history/} is kept
     * beside its {@code index.html} for the next one. The single file holds no history of its own
     * ({@code --single-file} writes none), so a second, multi-file generation gives it.
     */
    public Outcome generate(Path results, Path out) {
        if (hasResults(results) && isHome(home)) {
            try {
                ReportHistory.carryInto(out, results);
            } catch (IOException e) {
                return new Outcome.Failed("cannot carry the previous report's history from " + out + " into "
                        + results + ": " + e.getMessage(), "");
            }
        }
        Outcome single = generateOnce(results, out, true);
        if (!(single instanceof Outcome.Generated g)) {
            return single;
        }
        Path full;
        try {
            full = Files.createTempDirectory("allure-history");
        } catch (IOException e) {
            return new Outcome.Failed("cannot prepare the history: " + e.getMessage(), g.log());
        }
        try {
            Outcome multi = generateOnce(results, full.resolve("report"), false);
            if (multi instanceof Outcome.Failed f) {
                return new Outcome.Failed("the report is written, its history not: " + f.message(), f.log());
            }
            ReportHistory.keep(full.resolve("report"), out);
            return single;
        } catch (IOException e) {
            return new Outcome.Failed("the report is written, its history not: " + e.getMessage(), g.log());
        } finally {
            ReportHistory.delete(full);
        }
    }

    private Outcome generateOnce(Path results, Path out, boolean singleFile) {
        if (!hasResults(results)) {
            return new Outcome.Failed("no Allure results in " + results
                    + " (no *-result.json): run ./mipl-hil run first, or name the directory with --results", "");
        }
        if (!isHome(home)) {
            return new Outcome.Failed("Allure command line not found at " + home
                    + " (it is unpacked into target/allure by ./mvnw package)", "");
        }
        Path log;
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            log = Files.createTempFile("allure-generate", ".log");
        } catch (IOException e) {
            return new Outcome.Failed("cannot prepare " + out + ": " + e.getMessage(), "");
        }
        try {
            String javaHome = System.getProperty("java.home");
            List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin").resolve("allure").toString(),
                    "generate"));
            if (singleFile) {
                command.add("--single-file");
            }
            command.addAll(List.of("--clean", "-o", out.toAbsolutePath().toString(),
                    results.toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command);
            Map<String, String> env = pb.environment();
            env.put("JAVA_HOME", javaHome);
            env.put("PATH", Path.of(javaHome, "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
            // no analytics call while generating, and no tracking script in a report meant to open offline
            env.put("ALLURE_NO_ANALYTICS", "true");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Outcome.Failed("allure generate did not finish within " + timeout.toSeconds() + " s",
                        read(log));
            }
            String text = read(log);
            Path index = out.resolve("index.html");
            if (p.exitValue() != 0) {
                return new Outcome.Failed("allure generate exited with " + p.exitValue(), text);
            }
            if (!Files.isRegularFile(index)) {
                return new Outcome.Failed("allure generate wrote no " + index, text);
            }
            return new Outcome.Generated(index, text);
        } catch (IOException e) {
            return new Outcome.Failed("cannot run allure: " + e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted while generating the report", "");
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
