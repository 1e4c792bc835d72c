package org.miplhil.learn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miplhil.dut.ModuleSession;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.lwm2m.LwM2mFotaCampaign;
import org.miplhil.sim.fota.DeltaPackage;

/**
 * The module's side of DFOTA ({@code fota.*}, chapter 6) as the platform and the UART show it: the platform's reads
 * of /3/0/9, /4/0/2, /4/0/8 (any registered module), and — with a {@link Plan} — campaigns of the embedded platform
 * (6.1): an execute of /5/0/2 in idle, a package URI that answers 4.04, a package made for another revision, and the
 * whole update with a MIPL command during the download, a write of /5/0/1 during it, and a command during the update
 * ({@link FotaCampaignProbe}). On a real module the last one really updates the firmware: it runs only with a package
 * given ({@code --fota-package}).
 */
public final class FotaProbes {

    static final NodePath BATTERY = NodePath.resource(3, 0, 9);
    static final NodePath SIGNAL = NodePath.resource(4, 0, 2);
    static final NodePath CELL = NodePath.resource(4, 0, 8);
    /** A campaign's requests each have this; a phase (download, update, re-registration) has {@link #PHASE}. */
    static final Duration STEP = Duration.ofSeconds(10);
    static final Duration PHASE = Duration.ofSeconds(60);
    /** The package a campaign made for the virtual module carries: 128 blocks of 512 bytes, a download that lasts. */
    static final int BUILT_PAYLOAD = 64 * 1024;

    /** Which campaigns run. */
    public sealed interface Plan permits Off, Built, Given {
    }

    /** No campaign (a real module without a package): only the platform's reads. */
    public record Off() implements Plan {
    }

    /**
     * Packages made for the revision the module reports ({@code ATI}): in the virtual module's format
     * (docs/fota.md), so for the virtual module only.
     */
    public record Built() implements Plan {
    }

    /**
     * Packages given: {@code pkg} from the module's revision to {@code target}, and optionally one made for another
     * revision ({@code otherBase}) for {@code fota.wrong-base-result}.
     */
    public record Given(Path pkg, String target, Optional<Path> otherBase) implements Plan {
    }

    /** The packages a campaign uses: the good one, its target, and maybe one for another base. */
    record Packages(Path good, String target, Optional<Path> otherBase) {
    }

    private FotaProbes() {
    }

    /** The probes of the scope's plan: the reads always, the campaigns unless off (with {@code slow}, one more). */
    public static List<Probe> all(LearnScope scope) {
        Plan plan = scope.fota();
        List<Probe> p = new ArrayList<>();
        p.add(new ScenarioProbe("the platform's reads of /3 and /4", List.of("fota.battery-level",
                "fota.signal-strength", "fota.cell-id"), ScenarioProbe.Start.REGISTERED, FotaProbes::reads));
        if (!(plan instanceof Off)) {
            List<String> keys = new ArrayList<>(FotaCampaignProbe.KEYS);
            if (scope.slow()) {
                keys.addAll(FotaCampaignProbe.SLOW_KEYS);
            }
            p.add(new ScenarioProbe("DFOTA campaigns", keys, ScenarioProbe.Start.REGISTERED,
                    ctx -> new FotaCampaignProbe(ctx, packages(plan, ctx.session()), scope.slow()).run()));
        }
        return p;
    }

    /** 6.1.1, 6.1.2: the values the platform reads before a download and before the update. */
    private static List<Observation> reads(ProbeContext ctx) throws ProbeFailed {
        String endpoint = ctx.registered().endpoint();
        List<Observation> seen = new ArrayList<>();
        seen.add(read(ctx.platform(), endpoint, "fota.battery-level", BATTERY));
        seen.add(read(ctx.platform(), endpoint, "fota.signal-strength", SIGNAL));
        seen.add(read(ctx.platform(), endpoint, "fota.cell-id", CELL));
        return seen;
    }

    private static Observation read(Platform platform, String endpoint, String key, NodePath path) {
        PlatformResult r = platform.read(endpoint, path, STEP);
        Optional<String> value = r instanceof PlatformResult.Answered a && a.code().isSuccess()
                ? a.singleValue().map(ResourceValue::text).map(String::strip).filter(v -> v.matches("-?\\d+"))
                : Optional.empty();
        return new Observation(key, value.orElse(""), ValueType.INTEGER, "read " + path + " -> " + describe(r));
    }

    static String describe(PlatformResult r) {
        if (r instanceof PlatformResult.Answered a) {
            return a.code().dotted() + a.singleValue().map(v -> " \"" + v.text() + "\"").orElse("");
        }
        return r.toString();
    }

    /** The packages of the plan; for {@link Built}, made now for the revision {@code ATI} shows. */
    static Packages packages(Plan plan, ModuleSession session) throws ProbeFailed {
        if (plan instanceof Given g) {
            return new Packages(g.pkg(), g.target(), g.otherBase());
        }
        String revision = revision(session);
        String target = revision + "_LEARN";
        String other = "X" + revision;
        try {
            Path dir = Files.createTempDirectory("learn-fota");
            dir.toFile().deleteOnExit();
            Path good = write(dir.resolve(revision + "-to-LEARN.delta"),
                    DeltaPackage.of(revision, target, DeltaPackage.syntheticPayload(revision, target, BUILT_PAYLOAD)));
            Path wrong = write(dir.resolve(other + "-to-LEARN.delta"),
                    DeltaPackage.of(other, target, DeltaPackage.syntheticPayload(other, target, 1024)));
            return new Packages(good, target, Optional.of(wrong));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new ProbeFailed("cannot make the packages for " + revision + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, DeltaPackage p) throws IOException {
        Files.write(file, p.toBytes());
        file.toFile().deleteOnExit();
        return file;
    }

    private static String revision(ModuleSession session) throws ProbeFailed {
        try {
            return session.send("ATI", ProbeRunner.WITHIN).lines().stream().filter(l -> l.startsWith("Revision:"))
                    .map(l -> l.substring("Revision:".length()).strip()).findFirst()
                    .orElseThrow(() -> new ProbeFailed("ATI shows no Revision: line"));
        } catch (RuntimeException e) {
            throw new ProbeFailed("ATI: " + e.getMessage(), e);
        }
    }

    /** Starts a campaign of {@code pkg} and waits for its outcome (every phase has its own deadline). */
    static FotaOutcome campaign(Platform platform, String endpoint, Path pkg, String target) {
        try (FotaCampaign c = platform.startFota(endpoint, new FotaSpec(pkg, target, FotaSpec.Trigger.NOW, STEP,
                PHASE))) {
            return c.await(PHASE.multipliedBy(2));
        }
    }

    /** The URI a campaign wrote, when the platform tells it (the embedded platform's campaigns do). */
    static Optional<String> packageUri(FotaCampaign c) {
        return c instanceof LwM2mFotaCampaign l ? Optional.of(l.packageUri().toString()) : Optional.empty();
    }
}
