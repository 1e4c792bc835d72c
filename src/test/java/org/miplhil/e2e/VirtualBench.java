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
import org.miplhil.dut.McuApplication;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.objects.ObjectModel;
import org.miplhil.sim.Registrar;
import org.miplhil.sim.StandInRegistrar;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * One bench for the end-to-end tests: the virtual module on a real pseudo-terminal, the harness's session on the
 * slave opened with jSerialComm (transcript under {@code target/e2e/}), the MCU application on that session, and
 * the registrar behind the module.
 */
final class VirtualBench implements AutoCloseable {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Path LIGHT = Path.of("fixtures/objects/light-control-3311.yaml");
    static final Path TEMPERATURE = Path.of("fixtures/objects/temperature-3303.yaml");
    static final Path LIGHT_AS_PRINTED = Path.of("src/test/resources/objects/note-7.3-light-control-3311.yaml");
    static final Duration WITHIN = Duration.ofSeconds(15);

    final FirmwareProfile profile;
    final Registrar registrar;
    final PtyPair pty;
    final VirtualModule module;
    final ModuleSession session;
    final McuApplication mcu;

    private VirtualBench(FirmwareProfile profile, Registrar registrar, String name, ObjectModel model,
                         UnaryOperator<McuApplication.Builder> mcuOptions) throws IOException {
        this.profile = profile;
        this.registrar = registrar;
        this.pty = PtyPair.open();
        Path transcript = Path.of("target", "e2e", name + ".log");
        Files.createDirectories(transcript.getParent());
        this.session = ModuleSession.builder(SerialLink.open(pty.slavePath().toString())).transcript(transcript).open();
        this.mcu = mcuOptions.apply(McuApplication.builder(session, model)).start();
        this.module = VirtualModule.builder().link(pty.master()).profile(profile).registrar(registrar).build().start();
        // power-up (7.10.6): RDY, +CFUN: 1, then +IP: once attached
        session.expectUrc("\\+IP: .*", WITHIN);
    }

    /** The virtual module with the stand-in registrar (scripted like chapter 7, no network). */
    static VirtualBench standIn(String name, ObjectModel model, UnaryOperator<McuApplication.Builder> mcuOptions) {
        try {
            return new VirtualBench(profile(UnaryOperator.identity()),
                    // the stand-in does not wait for the MCU's answers: its steps are spaced so that the MCU's answer
                    // comes before the next URC, as with a platform that waits for each answer (7.2.1)
                    StandInRegistrar.builder().eventGap(Duration.ofMillis(300)).build(), name, model, mcuOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VirtualBench standIn(String name, ObjectModel model) {
        return standIn(name, model, UnaryOperator.identity());
    }

    /** The shipped profile with a quick power-up (RDY after 20 ms, +IP after 50 ms), edited by {@code edit}. */
    static FirmwareProfile profile(UnaryOperator<String> edit) {
        try {
            String text = Files.readString(PROFILE)
                    .replace("{line: RDY, after: 200ms,", "{line: RDY, after: 20ms,")
                    .replace("{line: \"+IP: ${ip-address}\", after: 1s,", "{line: \"+IP: ${ip-address}\", after: 50ms,");
            return ProfileLoader.parse(PROFILE.toString(), edit.apply(text)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    @Override
    public void close() {
        mcu.close();
        module.close();
        session.close();
        pty.close();
        if (registrar instanceof StandInRegistrar s) {
            s.shutdown();
        }
    }
}
