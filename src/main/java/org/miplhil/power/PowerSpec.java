package org.miplhil.power;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a power switch is, as data (a rack file's {@code power:} section): one record per driver.
 * {@link PowerSwitches#open} makes the driver. Credentials are never here, only the names of the environment
 * variables that hold them.
 */
public sealed interface PowerSpec {

    /** The driver's name in rack files. */
    String driver();

    /** The deadline of every operation. */
    Duration timeout();

    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }

    private static int range(int v, int min, int max, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + v);
        }
        return v;
    }

    /** The virtual module's power input. */
    record Virtual(Duration timeout) implements PowerSpec {
        public Virtual {
            positive(timeout, "timeout");
        }

        @Override
        public String driver() {
            return "virtual";
        }
    }

    /**
     * A CH340 "LCUS" relay board, or any board driven by fixed binary frames.
     *
     * @param port    a device path or {@code tcp:HOST:PORT} (a serial server)
     * @param channel the relay, as the frame carries it (LCUS: 1..8)
     * @param verify  after on/off, query the board and check (only with a {@code query} frame)
     */
    record Lcus(String port, int baud, int channel, Frames frames, boolean verify, Duration timeout)
            implements PowerSpec {

        public static final int DEFAULT_BAUD = 9600;

        public Lcus {
            Objects.requireNonNull(port, "port");
            range(baud, 1, Integer.MAX_VALUE, "baud");
            range(channel, 0, 255, "channel");
            Objects.requireNonNull(frames, "frames");
            positive(timeout, "timeout");
        }

        @Override
        public String driver() {
            return "lcus";
        }

        public static Builder builder(String port) {
            return new Builder(port);
        }

        public static final class Builder {
            private final String port;
            private int baud = DEFAULT_BAUD;
            private int channel = 1;
            private Frames frames = Frames.LCUS;
            private boolean verify = true;
            private Duration timeout = DEFAULT_TIMEOUT;

            private Builder(String port) {
                this.port = port;
            }

            public Builder baud(int v) {
                baud = v;
                return this;
            }

            public Builder channel(int v) {
                channel = v;
                return this;
            }

            public Builder frames(Frames v) {
                frames = v;
                return this;
            }

            public Builder verify(boolean v) {
                verify = v;
                return this;
            }

            public Builder timeout(Duration v) {
                timeout = v;
                return this;
            }

            public Lcus build() {
                return new Lcus(port, baud, channel, frames, verify, timeout);
            }
        }
    }

    /**
     * The frames of a binary relay board. With {@code query}, the board is asked for the state and answers
     * {@code replyOn} or {@code replyOff}; without, it is write-only and its state is tracked.
     */
    record Frames(FrameTemplate on, FrameTemplate off, Optional<FrameTemplate> query, Optional<FrameTemplate> replyOn,
                  Optional<FrameTemplate> replyOff) {

        /** LCUS-1/2/4/8: {@code A0 <channel> <0|1> <sum>} at 9600 baud, no state query. */
        public static final Frames LCUS = new Frames(FrameTemplate.of("A0 {ch} 01 {sum}"),
                FrameTemplate.of("A0 {ch} 00 {sum}"), Optional.empty(), Optional.empty(), Optional.empty());

        public Frames {
            Objects.requireNonNull(on, "on");
            Objects.requireNonNull(off, "off");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(replyOn, "replyOn");
            Objects.requireNonNull(replyOff, "replyOff");
            if (query.isPresent() != (replyOn.isPresent() && replyOff.isPresent())
                    || replyOn.isPresent() != replyOff.isPresent()) {
                throw new IllegalArgumentException("query, reply-on and reply-off go together");
            }
        }

        public boolean readable() {
            return query.isPresent();
        }
    }

    /**
     * A Numato Lab USB relay module (text commands {@code relay on N}, {@code relay read N}).
     *
     * @param channel the relay, 0..31 (10 and up are written A, B, ... in commands)
     * @param verify  after on/off, read the relay back and check
     */
    record Numato(String port, int baud, int channel, boolean verify, Duration timeout) implements PowerSpec {

        public static final int DEFAULT_BAUD = 19_200;

        public Numato {
            Objects.requireNonNull(port, "port");
            range(baud, 1, Integer.MAX_VALUE, "baud");
            range(channel, 0, 31, "channel");
            positive(timeout, "timeout");
        }

        @Override
        public String driver() {
            return "numato";
        }

        public static Numato of(String port, int channel) {
            return new Numato(port, DEFAULT_BAUD, channel, true, DEFAULT_TIMEOUT);
        }
    }

    /**
     * An HTTP-switched outlet. URL templates may use {@code {host}}, {@code {ch}}, and — with
     * {@link Auth#URL} — {@code {user}} and {@code {password}} (URL-encoded when substituted).
     *
     * @param stateUrl   optional; with it, the state is read back (and checked after on/off when {@code verify})
     * @param stateJson  a path in the state reply's JSON ({@code POWER1}, {@code ison}, {@code relays.0.ison})
     * @param stateRegex or a regular expression (with {@code {ch}} substituted first) whose group 1 is the state
     *                   ({@code ON}, {@code true}, {@code 1}...)
     * @param userEnv    the environment variable holding the user name
     * @param passwordEnv the environment variable holding the password
     */
    record Http(String host, int channel, String onUrl, String offUrl, Optional<String> stateUrl,
                Optional<String> stateJson, Optional<String> stateRegex, Method method, Auth auth,
                Optional<String> userEnv, Optional<String> passwordEnv, boolean verify, Duration timeout)
            implements PowerSpec {

        public enum Method { GET, POST }

        /** How credentials travel: an {@code Authorization: Basic} header, or in the URL (Tasmota). */
        public enum Auth { BASIC, URL }

        public Http {
            Objects.requireNonNull(host, "host");
            range(channel, 0, 65_535, "channel");
            Objects.requireNonNull(onUrl, "onUrl");
            Objects.requireNonNull(offUrl, "offUrl");
            Objects.requireNonNull(stateUrl, "stateUrl");
            Objects.requireNonNull(stateJson, "stateJson");
            Objects.requireNonNull(stateRegex, "stateRegex");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(userEnv, "userEnv");
            Objects.requireNonNull(passwordEnv, "passwordEnv");
            positive(timeout, "timeout");
            if (stateUrl.isPresent() && stateJson.isPresent() == stateRegex.isPresent()) {
                throw new IllegalArgumentException("a state URL needs exactly one of state-json and state-regex");
            }
        }

        @Override
        public String driver() {
            return "http";
        }

        /**
         * Checks a state JSON path: dot-separated keys, list indexes as {@code .0} or {@code [0]}
         * ({@code relays[0].ison}); empty when it is well formed.
         */
        public static Optional<String> jsonPathProblem(String path) {
            if (path == null || path.isBlank()) {
                return Optional.of("the JSON path is empty");
            }
            for (String step : jsonPathSteps(path)) {
                if (step.isEmpty()) {
                    return Optional.of("the JSON path '" + path + "' has an empty step");
                }
            }
            return Optional.empty();
        }

        static List<String> jsonPathSteps(String path) {
            return List.of(path.replaceAll("\\[(\\d+)]", ".$1").split("\\.", -1));
        }

        public static Builder builder(String host) {
            return new Builder(host);
        }

        /** Tasmota: {@code cm?cmnd=Power<ch> On}; the reply is {@code {"POWER<ch>":"ON"}} ({@code POWER} alone on one-relay devices). */
        public static Builder tasmota(String host, int channel, boolean credentialsInUrl) {
            String auth = credentialsInUrl ? "user={user}&password={password}&" : "";
            return builder(host).channel(channel)
                    .onUrl("http://{host}/cm?" + auth + "cmnd=Power{ch}%20On")
                    .offUrl("http://{host}/cm?" + auth + "cmnd=Power{ch}%20Off")
                    .stateUrl("http://{host}/cm?" + auth + "cmnd=Power{ch}")
                    .stateRegex("\"POWER(?:{ch})?\"\\s*:\\s*\"(ON|OFF)\"")
                    .auth(credentialsInUrl ? Auth.URL : Auth.BASIC);
        }

        /** Shelly Gen1: {@code relay/<ch>?turn=on}; the state is {@code ison} of {@code relay/<ch>}. */
        public static Builder shelly(String host, int channel) {
            return builder(host).channel(channel)
                    .onUrl("http://{host}/relay/{ch}?turn=on")
                    .offUrl("http://{host}/relay/{ch}?turn=off")
                    .stateUrl("http://{host}/relay/{ch}")
                    .stateJson("ison");
        }

        /** Shelly Gen2/Plus RPC: {@code rpc/Switch.Set?id=<ch>&on=true}; the state is {@code output}. */
        public static Builder shellyGen2(String host, int channel) {
            return builder(host).channel(channel)
                    .onUrl("http://{host}/rpc/Switch.Set?id={ch}&on=true")
                    .offUrl("http://{host}/rpc/Switch.Set?id={ch}&on=false")
                    .stateUrl("http://{host}/rpc/Switch.GetStatus?id={ch}")
                    .stateJson("output");
        }

        public static final class Builder {
            private final String host;
            private int channel = 1;
            private String onUrl;
            private String offUrl;
            private Optional<String> stateUrl = Optional.empty();
            private Optional<String> stateJson = Optional.empty();
            private Optional<String> stateRegex = Optional.empty();
            private Method method = Method.GET;
            private Auth auth = Auth.BASIC;
            private Optional<String> userEnv = Optional.empty();
            private Optional<String> passwordEnv = Optional.empty();
            private boolean verify = true;
            private Duration timeout = DEFAULT_TIMEOUT;

            private Builder(String host) {
                this.host = host;
            }

            public Builder channel(int v) {
                channel = v;
                return this;
            }

            public Builder onUrl(String v) {
                onUrl = v;
                return this;
            }

            public Builder offUrl(String v) {
                offUrl = v;
                return this;
            }

            public Builder stateUrl(String v) {
                stateUrl = Optional.ofNullable(v);
                return this;
            }

            /** Sets the JSON path and clears a regular expression. */
            public Builder stateJson(String v) {
                stateJson = Optional.ofNullable(v);
                stateRegex = Optional.empty();
                return this;
            }

            /** Sets the regular expression and clears a JSON path. */
            public Builder stateRegex(String v) {
                stateRegex = Optional.ofNullable(v);
                stateJson = Optional.empty();
                return this;
            }

            public Builder method(Method v) {
                method = v;
                return this;
            }

            public Builder auth(Auth v) {
                auth = v;
                return this;
            }

            public Builder credentialsFrom(String userVariable, String passwordVariable) {
                userEnv = Optional.ofNullable(userVariable);
                passwordEnv = Optional.ofNullable(passwordVariable);
                return this;
            }

            public Builder verify(boolean v) {
                verify = v;
                return this;
            }

            public Builder timeout(Duration v) {
                timeout = v;
                return this;
            }

            public Http build() {
                return new Http(host, channel, onUrl, offUrl, stateUrl, stateJson, stateRegex, method, auth, userEnv,
                        passwordEnv, verify, timeout);
            }
        }
    }

    /**
     * A Linux GPIO line driving a relay (through a transistor or a relay board's input).
     *
     * @param chip      gpiod: the chip ({@code gpiochip0}, {@code 0} or a label); sysfs: empty for a global line
     *                  number, or a sysfs chip directory ({@code gpiochip512}) whose base is added to {@code line}
     * @param line      the line offset on the chip (gpiod), or the global number (sysfs without chip)
     * @param activeLow the relay closes when the line is low
     * @param gpioset   the program (a name looked up on PATH, or a path)
     * @param sysfsRoot {@code /sys/class/gpio}, or another directory laid out alike
     */
    record Gpio(Backend backend, String chip, int line, boolean activeLow, GpiodVersion gpiodVersion,
                String gpioset, String gpioget, Path sysfsRoot, Duration timeout) implements PowerSpec {

        public enum Backend { GPIOD, SYSFS }

        /** libgpiod's tools changed their options in version 2; AUTO asks {@code gpioset --version}. */
        public enum GpiodVersion { AUTO, V1, V2 }

        public static final Path SYSFS = Path.of("/sys/class/gpio");

        public Gpio {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(chip, "chip");
            range(line, 0, 1_000_000, "line");
            Objects.requireNonNull(gpiodVersion, "gpiodVersion");
            Objects.requireNonNull(gpioset, "gpioset");
            Objects.requireNonNull(gpioget, "gpioget");
            Objects.requireNonNull(sysfsRoot, "sysfsRoot");
            positive(timeout, "timeout");
            if (backend == Backend.GPIOD && chip.isBlank()) {
                throw new IllegalArgumentException("gpiod needs a chip");
            }
        }

        @Override
        public String driver() {
            return "gpio";
        }

        public static Builder gpiod(String chip, int line) {
            return new Builder(Backend.GPIOD, chip, line);
        }

        public static Builder sysfs(int line) {
            return new Builder(Backend.SYSFS, "", line);
        }

        public static final class Builder {
            private Backend backend;
            private String chip;
            private int line;
            private boolean activeLow;
            private GpiodVersion gpiodVersion = GpiodVersion.AUTO;
            private String gpioset = "gpioset";
            private String gpioget = "gpioget";
            private Path sysfsRoot = SYSFS;
            private Duration timeout = DEFAULT_TIMEOUT;

            private Builder(Backend backend, String chip, int line) {
                this.backend = backend;
                this.chip = chip;
                this.line = line;
            }

            public Builder chip(String v) {
                chip = v;
                return this;
            }

            public Builder activeLow(boolean v) {
                activeLow = v;
                return this;
            }

            public Builder gpiodVersion(GpiodVersion v) {
                gpiodVersion = v;
                return this;
            }

            public Builder programs(String set, String get) {
                gpioset = set;
                gpioget = get;
                return this;
            }

            public Builder sysfsRoot(Path v) {
                sysfsRoot = v;
                return this;
            }

            public Builder timeout(Duration v) {
                timeout = v;
                return this;
            }

            public Gpio build() {
                return new Gpio(backend, chip, line, activeLow, gpiodVersion, gpioset, gpioget, sysfsRoot, timeout);
            }
        }
    }

    /**
     * External programs, for any other switch. {@code {ch}} in an argument (or the shell text) becomes the channel.
     *
     * @param state    optional; its standard output is matched against {@code stateOn} / {@code stateOff}
     */
    record Command(Invocation on, Invocation off, Optional<Invocation> state, Optional<Pattern> stateOn,
                   Optional<Pattern> stateOff, int channel, Duration timeout) implements PowerSpec {

        public Command {
            Objects.requireNonNull(on, "on");
            Objects.requireNonNull(off, "off");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(stateOn, "stateOn");
            Objects.requireNonNull(stateOff, "stateOff");
            range(channel, 0, 65_535, "channel");
            positive(timeout, "timeout");
            if (state.isPresent() && (stateOn.isEmpty() || stateOff.isEmpty())) {
                throw new IllegalArgumentException("a state command needs state-on and state-off patterns");
            }
        }

        @Override
        public String driver() {
            return "command";
        }

        public static Builder builder(Invocation on, Invocation off) {
            return new Builder(on, off);
        }

        public static final class Builder {
            private final Invocation on;
            private final Invocation off;
            private Optional<Invocation> state = Optional.empty();
            private Optional<Pattern> stateOn = Optional.empty();
            private Optional<Pattern> stateOff = Optional.empty();
            private int channel = 1;
            private Duration timeout = Duration.ofSeconds(10);

            private Builder(Invocation on, Invocation off) {
                this.on = on;
                this.off = off;
            }

            public Builder state(Invocation command, Pattern onPattern, Pattern offPattern) {
                state = Optional.of(command);
                stateOn = Optional.of(onPattern);
                stateOff = Optional.of(offPattern);
                return this;
            }

            public Builder channel(int v) {
                channel = v;
                return this;
            }

            public Builder timeout(Duration v) {
                timeout = v;
                return this;
            }

            public Command build() {
                return new Command(on, off, state, stateOn, stateOff, channel, timeout);
            }
        }
    }

    /** A program and its arguments, or a line for {@code /bin/sh -c}. */
    sealed interface Invocation {
        record Argv(List<String> args) implements Invocation {
            public Argv {
                args = List.copyOf(args);
                if (args.isEmpty() || args.get(0).isBlank()) {
                    throw new IllegalArgumentException("a command needs a program");
                }
            }
        }

        record Shell(String line) implements Invocation {
            public Shell {
                Objects.requireNonNull(line, "line");
                if (line.isBlank()) {
                    throw new IllegalArgumentException("a shell command must not be empty");
                }
            }
        }

        static Invocation of(String... args) {
            return new Argv(List.of(args));
        }

        static Invocation shell(String line) {
            return new Shell(line);
        }
    }
}
