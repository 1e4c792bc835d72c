package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;

import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The virtual module with its real LwM2M client, on a real pseudo-terminal, driven by the harness's
 * {@link ModuleSession} — the MCU's side — next to an embedded platform.
 */
final class ModuleOverPty implements AutoCloseable {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Duration WITHIN = Duration.ofSeconds(10);

    final PtyPair pty;
    final VirtualModule module;
    final ModuleSession session;
    private final ExecutorService async = Executors.newCachedThreadPool();

    private ModuleOverPty(FirmwareProfile profile) throws IOException {
        pty = PtyPair.open();
        module = VirtualModule.builder().link(pty.master()).profile(profile).build();
        session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
        module.start();
        session.expectUrc("\\+IP: .*", WITHIN); // 7.10.6: the data connection is up
    }

    /** The shipped profile, edited as text (e.g. shorter timings for a test). */
    static FirmwareProfile profile(UnaryOperator<String> edit) {
        try {
            return ProfileLoader.parse(PROFILE.toString(), edit.apply(Files.readString(PROFILE))).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ModuleOverPty start() throws IOException {
        return new ModuleOverPty(profile(t -> t));
    }

    static ModuleOverPty start(FirmwareProfile profile) throws IOException {
        return new ModuleOverPty(profile);
    }

    /** Sends a command line; it must be answered OK. */
    Reply ok(String command) {
        Reply r = session.send(command);
        assertThat(r.isOk()).as("%s answered %s", command, r).isTrue();
        return r;
    }

    UrcArrival<MatchResult> urc(String regex) {
        return session.expectUrc(regex, WITHIN);
    }

    long msgId(UrcArrival<MatchResult> arrival) {
        return Long.parseLong(arrival.value().group(1));
    }

    <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, async);
    }

    @Override
    public void close() {
        async.shutdownNow();
        session.close();
        module.close();
        pty.close();
    }
}
