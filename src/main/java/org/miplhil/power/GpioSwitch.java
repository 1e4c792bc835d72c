package org.miplhil.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux GPIO line that drives a relay, through libgpiod's tools or the sysfs interface.
 *
 * <p><b>gpiod</b>: {@code gpioset} sets the line and exits (v1: {@code gpioset [-l] CHIP LINE=1}; v2:
 * {@code gpioset -t0 [-l] -c CHIP LINE=1}). The kernel does not promise that a released line keeps its value;
 * most SoC drivers do, some (Raspberry Pi with {@code strict_gpiod}) do not — use sysfs there, or a command. State is
 * read with v2's {@code gpioget -a} (as-is: the line stays an output); v1's {@code gpioget} would turn the line
 * into an input, so with v1 the state is tracked, not read.
 *
 * <p><b>sysfs</b>: the line is exported if needed, {@code active_low} written, the direction set to
 * {@code high}/{@code low} (an output with its value in one step, no glitch), and {@code value} read back.
 */
public final class GpioSwitch extends PowerDriver {

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.");
    private static final Pattern GET_V2 = Pattern.compile("=\\s*(active|inactive|1|0)\\s*$");

    private final PowerSpec.Gpio spec;
    private final ProcessRunner runner;
    private final Operations operations;
    private volatile PowerSpec.Gpio.GpiodVersion version;

    public GpioSwitch(PowerSpec.Gpio spec, Map<String, String> environment) {
        super("gpio", target(spec), spec.timeout(), false);
        this.spec = spec;
        this.runner = new ProcessRunner(driver(), target(), environment);
        this.operations = new Operations("gpio " + target());
        this.version = spec.gpiodVersion();
    }

    private static String target(PowerSpec.Gpio spec) {
        String where = spec.backend() == PowerSpec.Gpio.Backend.GPIOD ? spec.chip()
                : spec.sysfsRoot() + (spec.chip().isBlank() ? "" : "/" + spec.chip());
        return where + " line " + spec.line() + (spec.activeLow() ? " (active low)" : "");
    }

    /** gpiod runs programs (the runner has their deadline); sysfs writes files on a worker a hang cannot block. */
    @Override
    protected <T> T within(PowerAction action, Operations.Op<T> op) throws PowerException {
        if (spec.backend() == PowerSpec.Gpio.Backend.SYSFS) {
            return operations.run(driver(), target(), action, spec.timeout(), op, () -> { });
        }
        return super.within(action, op);
    }

    @Override
    protected void set(boolean on, Operations.Deadline deadline) throws Exception {
        PowerAction action = PowerAction.of(on);
        if (spec.backend() == PowerSpec.Gpio.Backend.GPIOD) {
            check(action, runner.run(action, gpiosetArgs(gpiodVersion(action), on), spec.timeout()));
        } else {
            sysfsSet(action, on, deadline);
        }
    }

    @Override
    protected PowerReading get(PowerAction action, Operations.Deadline deadline) throws Exception {
        if (spec.backend() == PowerSpec.Gpio.Backend.SYSFS) {
            return sysfsState(action, deadline);
        }
        if (gpiodVersion(action) == PowerSpec.Gpio.GpiodVersion.V1) {
            return tracked("libgpiod v1's gpioget would make the line an input; the last state this process set");
        }
        List<String> args = new ArrayList<>(List.of(spec.gpioget(), "-a"));
        if (spec.activeLow()) {
            args.add("-l");
        }
        args.addAll(List.of("-c", spec.chip(), Integer.toString(spec.line())));
        ProcessRunner.Outcome o = check(action, runner.run(action, args, spec.timeout()));
        return parseGet(o.stdout()).map(PowerReading::readBack).orElseThrow(() -> failure(action,
                PowerException.Kind.BAD_REPLY,
                "gpioget printed '" + StateText.abbreviate(o.stdout().strip()) + "' (expected active, inactive, 1 or 0)"));
    }

    /** Pure: {@code 1}, {@code 0}, {@code "17"=active}, {@code 17=inactive}. */
    static Optional<PowerState> parseGet(String stdout) {
        String s = stdout.strip();
        Matcher m = GET_V2.matcher(s);
        String word = m.find() ? m.group(1) : s;
        return StateText.word(word);
    }

    /** The argument vector of gpioset for a version (v1 or v2). */
    List<String> gpiosetArgs(PowerSpec.Gpio.GpiodVersion v, boolean on) {
        List<String> args = new ArrayList<>();
        args.add(spec.gpioset());
        if (v == PowerSpec.Gpio.GpiodVersion.V2) {
            args.add("-t0");
            if (spec.activeLow()) {
                args.add("-l");
            }
            args.addAll(List.of("-c", spec.chip()));
        } else if (spec.activeLow()) {
            args.add("-l");
            args.add(spec.chip());
        } else {
            args.add(spec.chip());
        }
        args.add(spec.line() + "=" + (on ? 1 : 0));
        return args;
    }

    private PowerSpec.Gpio.GpiodVersion gpiodVersion(PowerAction action) throws PowerException {
        PowerSpec.Gpio.GpiodVersion v = version;
        if (v != PowerSpec.Gpio.GpiodVersion.AUTO) {
            return v;
        }
        ProcessRunner.Outcome o = check(action,
                runner.run(action, List.of(spec.gpioset(), "--version"), spec.timeout()));
        v = parseVersion(o.stdout()).orElseThrow(() -> new PowerException(driver(), target(), action,
                PowerException.Kind.CONFIGURATION, "cannot tell the libgpiod version from '" + spec.gpioset()
                        + " --version': '" + StateText.abbreviate(o.stdout().strip())
                        + "'; set gpiod-version: 1 or 2 in the rack file"));
        version = v;
        return v;
    }

    /** Pure: {@code gpioset (libgpiod) v1.6.3} → V1, {@code gpioset (libgpiod) v2.1} → V2. */
    static Optional<PowerSpec.Gpio.GpiodVersion> parseVersion(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return switch (m.group(1)) {
            case "1" -> Optional.of(PowerSpec.Gpio.GpiodVersion.V1);
            case "2" -> Optional.of(PowerSpec.Gpio.GpiodVersion.V2);
            default -> Optional.empty();
        };
    }

    private ProcessRunner.Outcome check(PowerAction action, ProcessRunner.Outcome o) throws PowerException {
        if (o.exitCode() != 0) {
            String err = o.stderr().strip();
            throw new PowerException(driver(), target(), action, PowerException.Kind.REFUSED,
                    "exit status " + o.exitCode() + (err.isEmpty() ? "" : ": " + StateText.abbreviate(err)));
        }
        return o;
    }

    // ---- sysfs

    private int sysfsNumber(PowerAction action) throws PowerException {
        if (spec.chip().isBlank()) {
            return spec.line();
        }
        Path base = spec.sysfsRoot().resolve(spec.chip()).resolve("base");
        String text = read(action, base);
        if (!text.matches("\\d{1,7}")) {
            throw new PowerException(driver(), target(), action, PowerException.Kind.BAD_REPLY,
                    base + " holds '" + text + "', not a number");
        }
        return Integer.parseInt(text) + spec.line();
    }

    private Path sysfsLine(PowerAction action, Operations.Deadline deadline) throws PowerException, InterruptedException {
        int number = sysfsNumber(action);
        Path dir = spec.sysfsRoot().resolve("gpio" + number);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        write(action, spec.sysfsRoot().resolve("export"), Integer.toString(number));
        // the kernel creates the directory at once; udev may take a moment to make its files writable
        while (!(Files.isWritable(dir.resolve("direction")) && Files.isWritable(dir.resolve("value")))) {
            if (deadline.remainingNanos() <= 0) {
                throw new PowerException(driver(), target(), action, PowerException.Kind.UNREACHABLE,
                        "wrote " + number + " to " + spec.sysfsRoot().resolve("export") + " but " + dir
                                + " did not appear with writable direction and value files");
            }
            Thread.sleep(10);
        }
        return dir;
    }

    private void sysfsSet(PowerAction action, boolean on, Operations.Deadline deadline)
            throws PowerException, InterruptedException {
        Path dir = sysfsLine(action, deadline);
        Path activeLow = dir.resolve("active_low");
        if (Files.exists(activeLow)) {
            write(action, activeLow, spec.activeLow() ? "1" : "0");
        }
        // "high"/"low" set the raw level (active_low does not apply), and make the line an output in one step
        boolean high = on != spec.activeLow();
        write(action, dir.resolve("direction"), high ? "high" : "low");
    }

    private PowerReading sysfsState(PowerAction action, Operations.Deadline deadline)
            throws PowerException, InterruptedException {
        Path dir = sysfsLine(action, deadline);
        String direction = read(action, dir.resolve("direction"));
        if (!direction.equals("out")) {
            return PowerReading.tracked(PowerState.UNKNOWN, "the line is '" + direction + "', not an output: "
                    + "nothing drives the relay yet");
        }
        String value = read(action, dir.resolve("value"));
        Path activeLowFile = dir.resolve("active_low");
        boolean fileActiveLow = Files.exists(activeLowFile) && read(action, activeLowFile).equals("1");
        if (!value.equals("0") && !value.equals("1")) {
            throw new PowerException(driver(), target(), action, PowerException.Kind.BAD_REPLY,
                    dir.resolve("value") + " holds '" + value + "'");
        }
        boolean high = value.equals("1") != fileActiveLow;
        return PowerReading.readBack(PowerState.of(high != spec.activeLow()));
    }

    private String read(PowerAction action, Path file) throws PowerException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw fileProblem(action, "read", file, e);
        }
    }

    private void write(PowerAction action, Path file, String text) throws PowerException {
        try {
            // sysfs attributes take one write; they cannot be created
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw fileProblem(action, "write '" + text + "' to", file, e);
        }
    }

    private PowerException fileProblem(PowerAction action, String verb, Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied (add a udev rule or the gpio group)"
                : e.getMessage();
        return new PowerException(driver(), target(), action, PowerException.Kind.UNREACHABLE,
                "cannot " + verb + " " + file + ": " + why, e);
    }

    @Override
    public void close() {
        operations.close();
    }
}
