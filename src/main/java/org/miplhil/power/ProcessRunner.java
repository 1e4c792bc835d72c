package org.miplhil.power;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to the end within a deadline: stdin empty, stdout and stderr collected (bounded) on their own
 * threads, the whole process tree killed at the deadline.
 */
final class ProcessRunner {

    /** Output kept per stream; the rest is counted and dropped. */
    static final int MAX_OUTPUT = 64 * 1024;
    /** How long to wait for the output pipes after the process ended (a grandchild may keep them open). */
    private static final long DRAIN_MILLIS = 1_000;

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private final String driver;
    private final String target;
    private final Map<String, String> environment;

    /** @param environment the variables the switch sees; its PATH finds programs named without a slash */
    ProcessRunner(String driver, String target, Map<String, String> environment) {
        this.driver = driver;
        this.target = target;
        this.environment = environment;
    }

    /** The program's path: as given when it has a slash, else the first executable of that name on PATH. */
    Optional<Path> resolve(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Outcome run(PowerAction action, List<String> argv, Duration timeout) throws PowerException {
        String program = argv.get(0);
        Path resolved = resolve(program).orElseThrow(() -> new PowerException(driver, target, action,
                PowerException.Kind.UNREACHABLE, "program '" + program + "' not found"
                        + (program.contains("/") ? " or not executable" : " on PATH")));
        List<String> command = new ArrayList<>(argv);
        command.set(0, resolved.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new PowerException(driver, target, action, PowerException.Kind.UNREACHABLE,
                    "cannot start " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
        Capture out = new Capture(process.getInputStream(), "stdout");
        Capture err = new Capture(process.getErrorStream(), "stderr");
        boolean ended;
        try {
            ended = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new PowerException(driver, target, action, PowerException.Kind.INTERRUPTED,
                    "interrupted while running " + String.join(" ", argv), e);
        }
        if (!ended) {
            kill(process);
            String stderr = err.text(DRAIN_MILLIS);
            throw new PowerException(driver, target, action, PowerException.Kind.TIMEOUT,
                    String.join(" ", argv) + " did not finish within " + Operations.text(timeout)
                            + " and was killed" + (stderr.isBlank() ? "" : "; stderr: " + StateText.abbreviate(stderr.strip())));
        }
        return new Outcome(process.exitValue(), out.text(DRAIN_MILLIS), err.text(DRAIN_MILLIS));
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one output stream to its end on a daemon thread. */
    private static final class Capture {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Capture(InputStream in, String name) {
            thread = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (in) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (bytes) {
                            int room = MAX_OUTPUT - bytes.size();
                            if (room > 0) {
                                bytes.write(buffer, 0, Math.min(room, n));
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the process was killed or the pipe closed: keep what arrived
                }
            }, "power-process " + name);
            thread.setDaemon(true);
            thread.start();
        }

        String text(long waitMillis) {
            try {
                thread.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
