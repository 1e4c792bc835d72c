package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random command lines, in random states, through the interpreter: it answers every one and never throws. */
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
        @Override public void completeDeferred(MiplInterpreter.Reply reply) { reply.after().run(); }
        @Override public Registrar registrar() { return this; }
        @Override public long nanoTime() { return System.nanoTime(); }

        @Override
        public RegistrarEvents newSession(long session) {
            return new RegistrarEvents() {
                @Override public void event(int evtId) { interpreter.onEvent(evtId, java.util.OptionalLong.empty()); }
                @Override public void event(int evtId, long extend) { interpreter.onEvent(evtId, java.util.OptionalLong.of(extend)); }
                @Override public void request(PlatformRequest request) { interpreter.onRequest(request); }
            };
        }

        RegistrarEvents sink;

        @Override
        public void open(OpenRequest request, RegistrarEvents events) {
            sink = events;
            events.event(EventIds.CONNECT_SUCCESS);
            events.event(EventIds.REG_SUCCESS);
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
            if (sink != null) { sink.event(EventIds.UPDATE_SUCCESS); }
        }
        @Override public void close() { if (sink != null) { sink.event(EventIds.DEREG_DONE); } }
        @Override public void notify(Notification notification) { }
        @Override public void respond(PlatformResponse response) { }
        @Override public void powerLost() { sink = null; }
    }

    static final String[] NAMES = {"+MIPLCONFIG", "+MIPLCREATE", "+MIPLDELETE", "+MIPLVER", "+MIPLADDOBJ", "+MIPLDELOBJ",
            "+MIPLOPEN", "+MIPLCLOSE", "+MIPLDISCOVERRSP", "+MIPLOBSERVERSP", "+MIPLREADRSP", "+MIPLWRITERSP",
            "+MIPLEXECUTERSP", "+MIPLPARAMETERRSP", "+MIPLNOTIFY", "+MIPLUPDATE", "+CMEE", "+CGSN", "+CEREG", "+QSCLK"};
    static final String[] ARGS = {"0", "1", "2", "3311", "100", "101", "102", "103", "104", "-1", "65536", "86400", "\"1\"",
            "\"101\"", "\"5850;5851\"", "4", "1.88", "\"Cel\"", "", "\"", "x", "11", "15", "255", "99999999999999999999"};

    @Test
    void randomLinesAreAlwaysAnswered() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        var profile = SimTerminal.profile();
        for (int run = 0; run < 200; run++) {
            Host host = new Host(random);
            MiplInterpreter interpreter = new MiplInterpreter(profile, host);
            host.interpreter = interpreter;
            interpreter.attach();
            for (int step = 0; step < 100; step++) {
                StringBuilder line = new StringBuilder("AT").append(NAMES[random.nextInt(NAMES.length)]);
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
                MiplInterpreter.Outcome outcome;
                try {
                    outcome = interpreter.handle(AtLineParser.parse(text), false);
                    if (outcome instanceof MiplInterpreter.Reply r) {
                        r.after().run();
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + " run " + run + " step " + step + ": " + text, e);
                }
                assertThat(outcome).as("seed %d: %s", seed, text).isNotInstanceOf(MiplInterpreter.Silent.class);
                if (outcome instanceof MiplInterpreter.Reply r) {
                    assertThat(r.finalLine()).as("seed %d: %s", seed, text).matches("OK|ERROR|\\+CIS ERROR: 65[1-5]");
                }
                if (random.nextInt(50) == 0) {
                    interpreter.powerUp();
                    interpreter.attach();
                }
            }
        }
    }
}
