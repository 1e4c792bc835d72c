package org.miplhil.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.miplhil.at.AtLine;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * One bench for the end-to-end tests: the embedded LwM2M platform (Leshan, CoAP on loopback), the virtual module
 * on a real pseudo-terminal registering with it through its real LwM2M client, the harness's session on the slave
 * opened with jSerialComm (transcript under {@code target/e2e/}), and the MCU application on that session.
 */
final class VirtualBench implements AutoCloseable {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Path LIGHT = Path.of("fixtures/objects/light-control-3311.yaml");
    static final Path TEMPERATURE = Path.of("fixtures/objects/temperature-3303.yaml");
    static final Path LIGHT_AS_PRINTED = Path.of("src/test/resources/objects/note-7.3-light-control-3311.yaml");
    static final Duration WITHIN = Duration.ofSeconds(15);

    final LeshanPlatform platform;
    final FirmwareProfile profile;
    final Registrar registrar;
    final PtyPair pty;
    final VirtualModule module;
    final ModuleSession session;
    final McuApplication mcu;

    private VirtualBench(LeshanPlatform platform, FirmwareProfile profile, String name, ObjectModel model,
                         UnaryOperator<McuApplication.Builder> mcuOptions) throws IOException {
        this.platform = platform;
        this.profile = profile;
        this.pty = PtyPair.open();
        ModuleSession s = null;
        McuApplication m = null;
        VirtualModule v = null;
        try {
            Path transcript = Path.of("target", "e2e", name + ".log");
            Files.createDirectories(transcript.getParent());
            s = ModuleSession.builder(SerialLink.open(pty.slavePath().toString())).transcript(transcript).open();
            m = mcuOptions.apply(McuApplication.builder(s, model)).start();
            // the module's own registrar: its real LwM2M client (LeshanRegistrar)
            v = VirtualModule.builder().link(pty.master()).profile(profile).build().start();
            // power-up (7.10.6): RDY, +CFUN: 1, then +IP: once attached
            s.expectUrc("\\+IP: .*", WITHIN);
        } catch (IOException | RuntimeException | AssertionError e) {
            closeAll(m, v, s, pty);
            throw e;
        }
        this.session = s;
        this.mcu = m;
        this.module = v;
        this.registrar = v.registrar();
    }

    private static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
        }
    }

    /** How the platform runs for a bench. */
    record Platform(boolean bootstrap, boolean oneNetBehaviour) {
        /** As OneNET: a bootstrap server, and observe + discover after each registration (7.2.1). */
        static Platform oneNet() {
            return new Platform(true, true);
        }

        /** A platform that only does what the test asks. */
        static Platform quiet() {
            return new Platform(true, false);
        }
    }

    /**
     * The virtual module with its real LwM2M client and the embedded platform. The module is preconfigured the way
     * its firmware is preconfigured for OneNET (profile {@code mipl.bootstrap-address}, {@code default-port}), only
     * pointing at the embedded bootstrap server, so that 7.2.1's "default configuration" registers here.
     */
    static VirtualBench leshan(String name, ObjectModel model, Platform p,
                               UnaryOperator<McuApplication.Builder> mcuOptions) {
        return leshan(name, model, p, mcuOptions, UnaryOperator.identity());
    }

    /** As above, the module's profile changed by {@code profileChange} (after the bench's own edits). */
    static VirtualBench leshan(String name, ObjectModel model, Platform p,
                               UnaryOperator<McuApplication.Builder> mcuOptions,
                               UnaryOperator<FirmwareProfile> profileChange) {
        LeshanPlatform platform = LeshanPlatform.builder().coapPort(0).bootstrapPort(0).bootstrap(p.bootstrap())
                .oneNetBehaviour(p.oneNetBehaviour()).requestTimeout(WITHIN).start();
        try {
            int bootstrapPort = platform.bootstrapPort();
            FirmwareProfile profile = profile(text -> {
                String t = replace(text, "bootstrap-address: {value: 183.230.40.39,", "bootstrap-address: {value: 127.0.0.1,");
                return replace(t, "default-port: {value: 5683,", "default-port: {value: " + bootstrapPort + ",");
            });
            return new VirtualBench(platform, profileChange.apply(profile), name, model, mcuOptions);
        } catch (IOException e) {
            platform.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) {
            platform.close();
            throw e;
        }
    }

    static VirtualBench leshan(String name, ObjectModel model, Platform p) {
        return leshan(name, model, p, UnaryOperator.identity());
    }

    /** The shipped profile with a quick power-up (RDY after 20 ms, +IP after 50 ms), edited by {@code edit}. */
    static FirmwareProfile profile(UnaryOperator<String> edit) {
        try {
            String text = replace(Files.readString(PROFILE), "{line: RDY, after: 200ms,", "{line: RDY, after: 20ms,");
            text = replace(text, "{line: \"+IP: ${ip-address}\", after: 1s,", "{line: \"+IP: ${ip-address}\", after: 50ms,");
            return ProfileLoader.parse(PROFILE.toString(), edit.apply(text)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The profile as the bench needs it; a profile whose text changed fails here rather than silently. */
    private static String replace(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException(PROFILE + " no longer contains '" + what + "': adjust the bench");
        }
        return text.replace(what, with);
    }

    /** {@code IMEI;IMSI}, the endpoint name the module registers with. */
    String endpoint() {
        return profile.identity().imei() + ";" + profile.identity().imsi();
    }

    /** Where the next journal entry will be. */
    int mark() {
        return session.journal().size();
    }

    /**
     * The transcript from {@code from} on as the note prints it: commands sent, information lines, final results
     * and URCs, in order; the module's echo (on at power-up, ATE1) is left out as the note's transcripts leave it.
     */
    List<String> transcript(int from) {
        List<String> out = new ArrayList<>();
        for (JournalEntry e : session.journal().entries(from, Integer.MAX_VALUE)) {
            if (e instanceof JournalEntry.Received r && r.line() instanceof AtLine.Echo) {
                continue;
            }
            out.add(e.text());
        }
        return out;
    }

    /** Runs {@code check}; a failure also shows every CoAP request the platform made and its outcome. */
    <T> T withPlatformLog(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (AssertionError e) {
            StringBuilder b = new StringBuilder(e.getMessage()).append("\n  the platform's requests:");
            platform.requestLog().forEach(r -> b.append("\n    ").append(r));
            AssertionError more = new AssertionError(b.toString(), e);
            throw more;
        }
    }

    /** The local address a 7.2.2/7.2.3 {@code AT+MIPLCONFIG} names instead of OneNET's (unreachable from here). */
    String configLine(int recvDataFormat, boolean bootstrap) {
        int port = bootstrap ? platform.bootstrapPort() : platform.coapPort();
        return "AT+MIPLCONFIG=0," + recvDataFormat + "," + (bootstrap ? 1 : 0) + ",\"127.0.0.1\"," + port;
    }

    @Override
    public void close() {
        mcu.close();
        module.close(); // stops the registrar it created
        session.close();
        pty.close();
        platform.close();
    }
}
