package org.miplhil.sim;

import org.miplhil.sim.registrar.Notification;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.registrar.RegistrarEvents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.miplhil.at.EventId;
import org.miplhil.at.LineFramer;
import org.miplhil.at.RawLine;

/** Random command lines and bytes, in random states, through the interpreter: it answers every one and never throws. */
class MiplInterpreterFuzzTest {

    /** Runs everything at once; the registrar answers like the stand-in, synchronously. */
    static final class Host implements MiplInterpreter.Host, Registrar {
        MiplInterpreter interpreter;
        final List<String> urcs = new ArrayList<>();
        long nextMsgId = 100;
        final Random random;

        Host(Random random) {
            this.random = random;
        }

        @Override public void urc(String line) { urcs.add(line); }
        @Override public void schedule(Duration delay, Runnable task) { if (random.nextInt(4) == 0) { task.run(); } }
        @Override public void completeDeferred(Outcome.Reply reply) { reply.after().run(); }
        @Override public Registrar registrar() { return this; }
        @Override public long nanoTime() { return System.nanoTime(); }

        @Override
        public RegistrarEvents newSession(long session) {
            return new RegistrarEvents() {
                @Override public void event(EventId event) { interpreter.onEvent(event, java.util.OptionalLong.empty()); }
                @Override public void event(EventId event, long extend) { interpreter.onEvent(event, java.util.OptionalLong.of(extend)); }
                @Override public void request(PlatformRequest request) { interpreter.onRequest(request); }
            };
        }

        RegistrarEvents sink;

        @Override
        public void open(OpenRequest request, RegistrarEvents events) {
            sink = events;
            events.event(EventId.CONNECT_SUCCESS);
            events.event(EventId.REG_SUCCESS);
            for (ObjectSpec o : request.objects()) {
                for (int ins : o.instanceIds()) {
                    events.request(new PlatformRequest.Observe(nextMsgId++, true, o.objId(), ins, -1));
                }
                events.request(new PlatformRequest.Discover(nextMsgId++, o.objId()));
                events.request(new PlatformRequest.Read(nextMsgId++, o.objId(), 0, -1));
                events.request(new PlatformRequest.Write(nextMsgId++, o.objId(), 0,
                        List.of(new PlatformRequest.WriteItem(5700, new byte[] {1, 2}))));
            }
        }

        @Override public void update(long lifetimeSeconds, boolean withObjects, List<ObjectSpec> objects, int raiMode) {
            if (sink != null) { sink.event(EventId.UPDATE_SUCCESS); }
        }
        @Override public void close() { if (sink != null) { sink.event(EventId.DEREG_DONE); } }
        @Override public void notify(Notification notification) { }
        @Override public void respond(PlatformResponse response) { }
        @Override public void powerLost() { sink = null; }
    }

    static final String[] NAMES = {"+MIPLCONFIG", "+MIPLCREATE", "+MIPLDELETE", "+MIPLVER", "+MIPLADDOBJ", "+MIPLDELOBJ",
            "+MIPLOPEN", "+MIPLCLOSE", "+MIPLDISCOVERRSP", "+MIPLOBSERVERSP", "+MIPLREADRSP", "+MIPLWRITERSP",
            "+MIPLEXECUTERSP", "+MIPLPARAMETERRSP", "+MIPLNOTIFY", "+MIPLUPDATE", "+CMEE", "+CGSN", "+CEREG", "+QSCLK",
            "+CGATT", "+CFUN", "+CSQ", "+CESQ", "+CIMI", "+CSCON", "+CPSMS", "+CEDRXS", "+CEDRXRDP", "+CGACT", "+CGDCONT",
            "+CGMI", "+CGMM", "+CGMR", "+CPIN", "+QCCID", "+CCLK", "+QBAND", "+QENG", "+CGPADDR", "E", "I", "Z", "&W"};
    /** Final lines of any command: MIPL errors by code or (AT+CMEE=2) name, general errors likewise. */
    static final String FINAL = "OK|ERROR|\\+CIS ERROR: (65[1-5]|CIS_[A-Z_]+|\\(null\\))|\\+CME ERROR: (50|ATERR_PARAM_INVALID)";

    /** The module's AT layer as VirtualModule builds it: front end, general commands, network state, interpreter. */
    static AtFrontEnd atLayer(org.miplhil.sim.profile.FirmwareProfile profile, Host host) {
        ErrorForm errors = new ErrorForm(profile);
        MiplInterpreter interpreter = new MiplInterpreter(profile, host, errors);
        host.interpreter = interpreter;
        NetworkState network = new NetworkState(profile, new NetworkState.Host() {
            @Override public void urc(String line) { host.urc(line); }
            @Override public void schedule(Duration delay, Runnable task) { host.schedule(delay, task); }
            @Override public void dataConnectionUp() { interpreter.attach(); }
            @Override public void dataConnectionLost() { interpreter.dataConnectionLost(); host.powerLost(); }
        });
        GeneralCommands general = new GeneralCommands(profile, network, errors, new GeneralCommands.Host() {
            @Override public void restart() { interpreter.powerUp(); network.powerUp(1); network.attachNow(false); }
            @Override public String firmwareRevision() { return null; }
        });
        network.attachNow(false);
        return new AtFrontEnd(general, interpreter, network);
    }
    static final String[] ARGS = {"0", "1", "2", "3311", "100", "101", "102", "103", "104", "-1", "65536", "86400", "\"1\"",
            "\"101\"", "\"5850;5851\"", "4", "1.88", "\"Cel\"", "", "\"", "x", "11", "15", "255", "99999999999999999999"};

    @Test
    void randomLinesAreAlwaysAnswered() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        var profile = SimTerminal.profile();
        for (int run = 0; run < 200; run++) {
            Host host = new Host(random);
            AtFrontEnd frontEnd = atLayer(profile, host);
            MiplInterpreter interpreter = host.interpreter;
            for (int step = 0; step < 100; step++) {
                StringBuilder line = new StringBuilder(random.nextBoolean() ? "AT" : "aT ")
                        .append(NAMES[random.nextInt(NAMES.length)]);
                if (random.nextInt(5) == 0) {
                    line.append(";").append(NAMES[random.nextInt(NAMES.length)]);
                }
                switch (random.nextInt(4)) {
                    case 0 -> line.append("=?");
                    case 1 -> line.append("?");
                    case 2 -> { }
                    default -> {
                        line.append('=');
                        int n = random.nextInt(13);
                        for (int i = 0; i < n; i++) {
                            line.append(i == 0 ? "" : ",").append(ARGS[random.nextInt(ARGS.length)]);
                        }
                    }
                }
                String text = line.toString();
                Outcome outcome;
                try {
                    outcome = frontEnd.handle(RawLine.of(text));
                    if (outcome instanceof Outcome.Reply r) {
                        r.after().run();
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + " run " + run + " step " + step + ": " + text, e);
                }
                assertThat(outcome).as("seed %d: %s", seed, text).isNotInstanceOf(Outcome.Silent.class);
                if (outcome instanceof Outcome.Reply r) {
                    assertThat(r.finalLine()).as("seed %d: %s", seed, text).matches(FINAL);
                }
                if (random.nextInt(50) == 0) {
                    interpreter.powerUp();
                    interpreter.attach();
                }
            }
        }
    }

    @Test
    void randomBytesThroughTheCommandFramerAreAnsweredOrIgnoredWhenBlank() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        var profile = SimTerminal.profile(p -> p.replace("max-line-length: {value: 4000", "max-line-length: {value: 64"));
        String[] tokens = {"AT", "at", "+MIPL", "NOTIFY", "CREATE", "OPEN", "=", "?", ",", "\"", "0", "1", "3311", "4",
            "1.88", " ", "\r", "\n", "\r\n", "\b", "\u007f", "温", "\u0000", "\u001b"};
        for (int run = 0; run < 300; run++) {
            Host host = new Host(random);
            AtFrontEnd interpreter = atLayer(profile, host);
            LineFramer framer = LineFramer.forCommands(profile.at().maxLineLength());
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int i = random.nextInt(120); i > 0; i--) {
                if (random.nextInt(8) == 0) {
                    stream.write(random.nextInt(256));
                } else {
                    stream.writeBytes(tokens[random.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] bytes = stream.toByteArray();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(16));
                for (RawLine line : framer.feed(bytes, at, n, at, Instant.EPOCH)) {
                    Outcome outcome;
                    try {
                        outcome = interpreter.handle(line);
                        if (outcome instanceof Outcome.Reply r) {
                            r.after().run();
                        }
                    } catch (RuntimeException e) {
                        throw new AssertionError("seed " + seed + " run " + run + ": " + line, e);
                    }
                    if (outcome instanceof Outcome.Silent) {
                        assertThat(line.text()).as("seed %d", seed).isBlank();
                    } else if (outcome instanceof Outcome.Reply r) {
                        assertThat(r.finalLine()).as("seed %d: %s", seed, line).matches(FINAL);
                        if (line.noise()) {
                            assertThat(r.finalLine()).as("seed %d: %s", seed, line)
                                    .isEqualTo(LineFramer.isOverlong(line) ? "+CME ERROR: 50" : "ERROR");
                        }
                    }
                }
                at += n;
            }
        }
    }

    /** Commands as the note writes them (chapter 3 and 7), one of each kind with parameters. */
    static final String[] NOTE_LINES = {
        "AT+MIPLCONFIG=0,1,0,\"183.230.40.40\",5683,1", "AT+MIPLADDOBJ=0,3311,2,\"11\",5,0", "AT+MIPLDELOBJ=0,3311",
        "AT+MIPLOPEN=0,86400,30", "AT+MIPLCLOSE=0", "AT+MIPLDELETE=0", "AT+MIPLUPDATE=0,86400,1,2",
        "AT+MIPLDISCOVERRSP=0,101,1,19,\"5850;5851;5706;5805\"", "AT+MIPLOBSERVERSP=0,100,1",
        "AT+MIPLREADRSP=0,102,1,3311,0,5701,1,3,\"Cel\",0,0", "AT+MIPLREADRSP=0,102,1,3311,0,5805,4,4,1.88,0,0,1",
        "AT+MIPLREADRSP=0,102,11", "AT+MIPLWRITERSP=0,103,2", "AT+MIPLEXECUTERSP=0,104,2,1",
        "AT+MIPLPARAMETERRSP=0,105,2", "AT+MIPLNOTIFY=0,100,3311,0,5700,4,4,25.6,0,0",
        "AT+MIPLNOTIFY=0,100,3311,0,5706,1,5,\"hello\",0,0,7,1", "AT+MIPLNOTIFY=0,100,3311,0,5706,2,2,0A1B,0,0",
        "AT+MIPLNOTIFY=0,100,3311,0,5850,5,1,1,0,0", "AT+MIPLNOTIFY=0,100,3311,0,5750,3,8,-25,0,0"};

    /** The line with each parameter's quotes added or removed at random. */
    static String requoted(String line, Random random) {
        var cmd = org.miplhil.at.AtCommandLine.parse(line).orElseThrow();
        StringBuilder sb = new StringBuilder("AT").append(cmd.name()).append('=');
        for (int i = 0; i < cmd.params().size(); i++) {
            String v = cmd.params().get(i).value();
            sb.append(i == 0 ? "" : ",").append(random.nextBoolean() ? '"' + v + '"' : v);
        }
        return sb.toString();
    }

    @Test
    void randomQuotingReadsAsTheNotesFormOrIsRefusedAndNeverThrows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        var atLayer = new MiplLeniency(org.miplhil.sim.profile.FirmwareProfile.Parsing.AT_LAYER);
        var note = new MiplLeniency(org.miplhil.sim.profile.FirmwareProfile.Parsing.NOTE);
        var profiles = List.of(SimTerminal.profile(), SimTerminal.profile().withParsing(
                org.miplhil.sim.profile.FirmwareProfile.Parsing.NOTE), SimTerminal.profile().withParsing(
                new org.miplhil.sim.profile.FirmwareProfile.Parsing(true, true,
                        org.miplhil.sim.profile.FirmwareProfile.DiscoverListSplit.SKIP_EMPTY,
                        org.miplhil.sim.profile.FirmwareProfile.NotifyMatch.PATH,
                        org.miplhil.sim.profile.FirmwareProfile.CloseWhenIdle.REFUSE)));
        for (int round = 0; round < 2000; round++) {
            String original = NOTE_LINES[random.nextInt(NOTE_LINES.length)];
            String line = requoted(original, random);
            String context = "seed " + seed + ": " + line;
            var parsed = org.miplhil.at.AtCommandLine.parse(line).orElseThrow();
            var name = org.miplhil.at.MiplCommandName.of(parsed.name()).orElseThrow();
            // the AT layer takes any quoting: the command is the note's
            var lenient = org.miplhil.at.MiplCommands.parse(atLayer.normalise(name, parsed));
            assertThat(lenient.toOptional()).as(context)
                    .isEqualTo(org.miplhil.at.MiplCommands.parse(original).toOptional()).isPresent();
            // the note's reading takes the line only as the note writes it
            var strict = org.miplhil.at.MiplCommands.parse(note.normalise(name, parsed));
            if (line.equals(original)) {
                assertThat(strict.isOk()).as(context).isTrue();
            }
            // and a module with any of the profiles answers it in state after state
            Host host = new Host(random);
            MiplInterpreter interpreter = new MiplInterpreter(profiles.get(random.nextInt(profiles.size())), host);
            host.interpreter = interpreter;
            interpreter.attach();
            for (String before : List.of("AT+MIPLCREATE", "AT+MIPLADDOBJ=0,3311,1,\"1\",5,0", "AT+MIPLOPEN=0,86400,30")) {
                if (random.nextBoolean() && interpreter.handle(RawLine.of(before)) instanceof Outcome.Reply r) {
                    r.after().run();
                }
            }
            Outcome outcome;
            try {
                outcome = interpreter.handle(RawLine.of(line));
                if (outcome instanceof Outcome.Reply r) {
                    r.after().run();
                }
            } catch (RuntimeException e) {
                throw new AssertionError(context, e);
            }
            if (outcome instanceof Outcome.Reply r) {
                assertThat(r.finalLine()).as(context).matches("OK|ERROR|\\+CIS ERROR: 65[1-5]");
            }
        }
    }
}
