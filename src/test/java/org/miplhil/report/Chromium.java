package org.miplhil.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Headless Chromium (Debian's package) for looking at what the report shows, as a browser would. */
final class Chromium {

    static final String NOT_INSTALLED = "chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it as root)";

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /**
     * The browser, or the reason this test cannot run: in CI (the environment variable {@code CI} set, as
     * {@code .ci/run} does) a missing browser fails the test; elsewhere the test is skipped with the reason.
     */
    static Chromium require() {
        Optional<Chromium> found = find();
        if (found.isEmpty()) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(NOT_INSTALLED + " - required in CI");
            }
            org.junit.jupiter.api.Assumptions.abort(NOT_INSTALLED);
        }
        return found.get();
    }

    static Optional<Chromium> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(new Chromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /** A PNG of {@code url} at {@code width} x {@code height}. */
    Path screenshot(String url, Path png, int width, int height, int virtualTimeBudgetMs) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        List<String> args = new ArrayList<>(List.of("--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, "--hide-scrollbars"));
        if (virtualTimeBudgetMs > 0) {
            args.add("--virtual-time-budget=" + virtualTimeBudgetMs);
        }
        args.add(url);
        Result r = run(args, Duration.ofSeconds(90));
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot " + png + " (exit " + r.exit + "):\n" + r.output);
        }
        return png;
    }

    /** The DOM after the page's scripts ran for {@code virtualTimeBudgetMs} of virtual time. */
    String dumpDom(String url, int virtualTimeBudgetMs) throws IOException, InterruptedException {
        Result r = run(List.of("--dump-dom", "--virtual-time-budget=" + virtualTimeBudgetMs, url), Duration.ofSeconds(90));
        return r.stdout;
    }

    private record Result(int exit, String stdout, String output) {
    }

    private Result run(List<String> extra, Duration timeout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        try {
            List<String> cmd = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--user-data-dir=" + profile));
            cmd.addAll(extra);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("chromium did not finish within " + timeout.toSeconds() + " s: " + cmd
                        + "\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }
}
