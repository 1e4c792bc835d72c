package org.miplhil.learn;

import java.net.DatagramSocket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.PackageTransfer;
import org.miplhil.platform.fota.lwm2m.LwM2mFotaCampaign;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.yaml.Durations;
import org.miplhil.sim.profile.FirmwareProfile.ProfileEntry;

/**
 * The campaigns of {@link FotaProbes}, one module registered: what the module answers to a platform's mistakes
 * (an execute in idle, a URI that answers 4.04, a package for another revision), and one whole update (6.1, 7.10.6)
 * with the MCU's and the platform's interruptions the note forbids or leaves open, timed on the UART and at the
 * package server. Every wait has its deadline; a phase that does not come ends the probe with what was seen.
 */
final class FotaCampaignProbe {

    static final List<String> KEYS = List.of("fota.execute-not-downloaded", "fota.not-found-result",
            "fota.wrong-base-result", "fota.write-while-busy", "fota.while-downloading", "fota.busy-reply",
            "fota.block-size", "fota.block-pause", "fota.check-time", "fota.update-time", "fota.progress-step",
            "fota.updating-line", "fota.reboot-time", "fota.while-updating", "fota.update-fails", "fota.erase-fails");
    /** With {@code --slow}: a package server that never answers (about {@code block-timeout}, 10 s on the virtual module). */
    static final List<String> SLOW_KEYS = List.of("fota.block-timeout", "fota.unreachable-result");
    /** How long a command during the update may stay unanswered before it counts as ignored (6.1.2). */
    static final Duration UPDATING_REPLY = Duration.ofSeconds(2);
    /** How long a command during the download may stay unanswered before it counts as ignored (6.1.1). */
    static final Duration DOWNLOADING_REPLY = Duration.ofSeconds(3);
    private static final Pattern UPDATING = Pattern.compile("\\+QIND: \"FOTA\",\"UPDATING\",(\\d+).*");
    private static final Pattern PERCENT = Pattern.compile("(\"UPDATING\",)(\\d+)");

    private final ProbeContext ctx;
    private final ModuleSession session;
    private final Platform platform;
    private final FotaProbes.Packages packages;
    private final List<Observation> seen = new ArrayList<>();
    private String endpoint;

    private final boolean slow;

    FotaCampaignProbe(ProbeContext ctx, FotaProbes.Packages packages, boolean slow) {
        this.ctx = ctx;
        this.slow = slow;
        this.session = ctx.session();
        this.platform = ctx.platform();
        this.packages = packages;
    }

    List<Observation> run() throws ProbeFailed {
        if (!platform.supports(PlatformCapability.FOTA_CAMPAIGN)) {
            throw new ProbeFailed("needs a platform that runs FOTA campaigns (the embedded one; OneNET creates its"
                    + " tasks in its console)");
        }
        endpoint = ctx.registered().endpoint();
        PlatformResult x = platform.execute(endpoint, LwM2mFotaCampaign.UPDATE, "", FotaProbes.STEP);
        seen.add(new Observation("fota.execute-not-downloaded", code(x), ValueType.TEXT,
                "execute /5/0/2 in state 0 (idle) -> " + FotaProbes.describe(x)));
        Path missing = packages.good().resolveSibling("no-such-package.delta");
        seen.add(failure("fota.not-found-result", missing, "a package URI the server answers 4.04"));
        packages.otherBase().ifPresent(p -> seen.add(failure("fota.wrong-base-result", p,
                "a package made for another revision (" + p.getFileName() + ")")));
        if (slow) {
            unreachable();
        }
        update();
        return List.copyOf(seen);
    }

    /** A campaign that must fail in the download: the update result (/5/0/5) it ends with. */
    private Observation failure(String key, Path pkg, String what) {
        FotaOutcome o = FotaProbes.campaign(platform, endpoint, pkg, packages.target());
        String value = o instanceof FotaOutcome.Failed f && f.updateResult() >= 0 ? Integer.toString(f.updateResult()) : "";
        return new Observation(key, value, ValueType.INTEGER, what + ": campaign " + o);
    }

    /**
     * A package URI whose server never answers (a UDP socket on the platform's address that reads nothing): the
     * module gives the download up after its block timeout, with 41 and /5/0/5.
     */
    private void unreachable() throws ProbeFailed {
        String host = ctx.runPlatform().host();
        Duration within = Durations.parse(ctx.current().entry("fota.block-timeout").map(ProfileEntry::value).orElse(""))
                .orElse(Duration.ofSeconds(10)).multipliedBy(3).plusSeconds(10);
        try (DatagramSocket silent = new DatagramSocket(0, platform.coapAddress().getAddress())) {
            String uri = "coap://" + host + ":" + silent.getLocalPort() + "/fota/silent.delta";
            Cursor from = session.now();
            PlatformResult w = platform.write(endpoint, LwM2mFotaCampaign.PACKAGE_URI, WriteMode.REPLACE,
                    List.of(new ResourceWrite(1, ResourceValue.of(uri))), FotaProbes.STEP);
            if (!w.isSuccess()) {
                throw new ProbeFailed("write /5/0/1 " + uri + " -> " + FotaProbes.describe(w));
            }
            UrcArrival<MatchResult> failed = await(from, "\\+MIPLEVENT: 0,4[12]", within);
            Duration took = Duration.ofNanos(failed.nanoTime() - from.nanoTime());
            seen.add(new Observation("fota.block-timeout", timing("fota.block-timeout", took), ValueType.DURATION,
                    "write /5/0/1 " + uri + " (no answer ever) -> " + failed.text() + " after " + TimingValue.ms(took)
                            + " (the first block's request included)"));
            PlatformResult r = platform.read(endpoint, LwM2mFotaCampaign.UPDATE_RESULT, FotaProbes.STEP);
            String result = r instanceof PlatformResult.Answered a && a.code().isSuccess()
                    ? a.singleValue().map(v -> v.text().strip()).filter(v -> v.matches("\\d+")).orElse("") : "";
            seen.add(new Observation("fota.unreachable-result", failed.text().endsWith(",41") ? result : "",
                    ValueType.INTEGER, failed.text() + ", then read /5/0/5 -> " + FotaProbes.describe(r)));
        } catch (SocketException e) {
            throw new ProbeFailed("a silent package server cannot be bound: " + e.getMessage(), e);
        }
    }

    // --- the whole update ------------------------------------------------------------------------------

    private void update() throws ProbeFailed {
        Cursor from = session.now();
        FotaCampaign c = start();
        try {
            UrcArrival<MatchResult> downloading = await(from, "\\+MIPLEVENT: 0,40", FotaProbes.PHASE);
            interruptDownload(c, downloading);
            UrcArrival<MatchResult> ended = await(downloading.after(), "\\+MIPLEVENT: 0,4[12]", FotaProbes.PHASE);
            if (ended.text().endsWith(",41")) {
                // the MCU's command failed the download (while-downloading: fail-download): a clean one for the rest
                c.close();
                from = session.now();
                c = start();
                downloading = await(from, "\\+MIPLEVENT: 0,40", FotaProbes.PHASE);
                ended = await(downloading.after(), "\\+MIPLEVENT: 0,4[12]", FotaProbes.PHASE);
                if (ended.text().endsWith(",41")) {
                    throw new ProbeFailed("a download without interruption failed too: " + ended.text());
                }
            }
            download(ended);
            c.release();
            updating(c, ended);
        } finally {
            c.close();
        }
    }

    private FotaCampaign start() {
        return platform.startFota(endpoint, new FotaSpec(packages.good(), packages.target(), FotaSpec.Trigger.NOW,
                FotaProbes.STEP, FotaProbes.PHASE).holdingWhenDownloaded());
    }

    /** 6.1.1 forbids MIPL commands while downloading; the platform writes the URI again meanwhile. */
    private void interruptDownload(FotaCampaign c, UrcArrival<MatchResult> downloading) {
        Optional<String> uri = FotaProbes.packageUri(c);
        if (uri.isPresent()) {
            PlatformResult w = platform.write(endpoint, LwM2mFotaCampaign.PACKAGE_URI, WriteMode.REPLACE,
                    List.of(new ResourceWrite(1, ResourceValue.of(uri.get()))), FotaProbes.STEP);
            seen.add(new Observation("fota.write-while-busy", code(w), ValueType.TEXT, "write /5/0/1 after "
                    + downloading.text() + " -> " + FotaProbes.describe(w)));
        }
        String cmd = "AT+MIPLVER?";
        Optional<Reply> r;
        try {
            r = Optional.of(session.send(cmd, DOWNLOADING_REPLY));
        } catch (DeadlineExceeded e) {
            r = Optional.empty();
        }
        Optional<JournalEntry.Received> over = find(downloading.after(), "\\+MIPLEVENT: 0,4[12]");
        long sent = r.map(Reply::sentNanos).orElse(System.nanoTime() - DOWNLOADING_REPLY.toNanos());
        if (over.isPresent() && over.get().nanoTime() < sent) {
            String why = cmd + " came after the download ended (" + over.get().text() + ")";
            seen.add(new Observation("fota.while-downloading", "", ValueType.TEXT, why));
            seen.add(new Observation("fota.busy-reply", "", ValueType.TEXT, why));
            return;
        }
        String answer = r.map(ProbeContext::answer).orElse(cmd + " -> no echo, no reply within "
                + DOWNLOADING_REPLY.toSeconds() + " s");
        String mode;
        if (r.isEmpty()) {
            mode = "ignore";
        } else if (r.get().isOk()) {
            // executed: does the download go on (answer) or fail (fail-download, result 4)?
            Optional<UrcArrival<MatchResult>> end = awaitOptional(downloading.after(), "\\+MIPLEVENT: 0,4[12]",
                    FotaProbes.PHASE);
            mode = end.isPresent() && end.get().text().endsWith(",41") ? "fail-download" : "answer";
            answer += end.map(e -> "; then " + e.text()).orElse("");
        } else {
            mode = "error";
        }
        seen.add(new Observation("fota.while-downloading", mode, ValueType.TEXT, "during the download: " + answer));
        seen.add(new Observation("fota.busy-reply", mode.equals("error") ? r.get().result().text() : "",
                ValueType.TEXT, mode.equals("error") ? "during the download: " + answer
                : "no refusal to read (while-downloading " + mode + ")"));
    }

    /** The download as the package server saw it, and the check until 42. */
    private void download(UrcArrival<MatchResult> downloaded) {
        String file = packages.good().getFileName().toString();
        Optional<PackageTransfer> t = platform.packageTransfers().stream()
                .filter(x -> x.file().equals(file) && x.status() == PackageTransfer.Status.COMPLETE).reduce((a, b) -> b);
        if (t.isEmpty()) {
            String why = "the package server saw no complete download of " + file;
            seen.add(new Observation("fota.block-size", "", ValueType.INTEGER, why));
            seen.add(new Observation("fota.block-pause", "", ValueType.DURATION, why));
            seen.add(new Observation("fota.check-time", "", ValueType.DURATION, why));
            return;
        }
        PackageTransfer d = t.get();
        seen.add(new Observation("fota.block-size", Integer.toString(d.blockSize()), ValueType.INTEGER,
                "Block2 size of the download: " + d.describe()));
        if (d.blocks() > 1) {
            Duration pause = d.duration().dividedBy(d.blocks() - 1);
            seen.add(new Observation("fota.block-pause", timing("fota.block-pause", pause), ValueType.DURATION,
                    d.blocks() + " blocks in " + d.duration().toMillis() + " ms: " + TimingValue.ms(pause)
                            + " from one block's request to the next (the round trip included)"));
        }
        Duration check = Duration.between(d.started().plus(d.duration()), downloaded.entry().wall());
        seen.add(new Observation("fota.check-time", timing("fota.check-time", check), ValueType.DURATION,
                "last block served -> " + downloaded.text() + " after " + TimingValue.ms(check)));
    }

    /** 6.1.2 and 6.1.3: the update's lines, a command while it runs, the restart, the result at re-registration. */
    private void updating(FotaCampaign c, UrcArrival<MatchResult> downloaded) throws ProbeFailed {
        UrcArrival<MatchResult> start = await(downloaded.after(), "\\+QIND: \"FOTA\",\"START\"", FotaProbes.PHASE);
        String mode;
        String answer;
        try {
            Reply r = session.send("AT", UPDATING_REPLY);
            mode = r.isOk() ? "answer" : "error";
            answer = ProbeContext.answer(r);
        } catch (DeadlineExceeded e) {
            mode = "ignore";
            answer = "AT -> no echo, no reply within " + UPDATING_REPLY.toSeconds() + " s";
        }
        seen.add(new Observation("fota.while-updating", mode, ValueType.TEXT, "after " + start.text() + ": " + answer));
        UrcArrival<MatchResult> full = await(start.after(), UPDATING.pattern().replace("(\\d+)", "100\\b"),
                FotaProbes.PHASE);
        progress(start, full);
        Duration took = Duration.ofNanos(full.nanoTime() - start.nanoTime());
        seen.add(new Observation("fota.update-time", timing("fota.update-time", took), ValueType.DURATION,
                start.text() + " -> " + full.text() + " after " + TimingValue.ms(took)));
        UrcArrival<MatchResult> rdy = await(full.after(), "RDY", FotaProbes.PHASE);
        Duration toRdy = Duration.ofNanos(rdy.nanoTime() - full.nanoTime());
        // the restart ends where the new firmware powers up; RDY is the power-up's first line, its delay the profile's
        Duration powerUpToRdy = ctx.current().powerUp().stream().findFirst().filter(p -> p.line().equals("RDY"))
                .map(FirmwareProfile.PowerUpStep::after).orElse(Duration.ZERO);
        Duration reboot = toRdy.minus(powerUpToRdy);
        seen.add(new Observation("fota.reboot-time", timing("fota.reboot-time", reboot), ValueType.DURATION,
                full.text() + " -> RDY after " + TimingValue.ms(toRdy) + ", less the power-up's " + TimingValue.ms(
                powerUpToRdy) + " to RDY (power-up)"));
        UrcArrival<MatchResult> end = await(rdy.after(), "\\+QIND: \"FOTA\",\"END\",(\\d+)", FotaProbes.PHASE);
        seen.add(new Observation("fota.update-fails", Boolean.toString(!end.value().group(1).equals("0")),
                ValueType.BOOLEAN, "after the restart: " + end.text()));
        await(end.after(), "\\+IP:.*", FotaProbes.PHASE);
        // 6.1.3: the result is reported once registered again (48, or 49 when erasing the package failed)
        ctx.register();
        Optional<UrcArrival<MatchResult>> erased = awaitOptional(end.after(), "\\+MIPLEVENT: 0,(48|49)",
                ProbeContext.REQUEST_URC);
        FotaOutcome outcome = c.await(FotaProbes.PHASE);
        seen.add(new Observation("fota.erase-fails", erased.map(e -> Boolean.toString(e.value().group(1).equals("49")))
                .orElse(""), ValueType.BOOLEAN, "registered again: " + erased.map(UrcArrival::text)
                .orElse("no +MIPLEVENT: 0,48 or 49 within " + ProbeContext.REQUEST_URC.toSeconds() + " s")
                + "; campaign " + outcome));
    }

    /** The percent lines from START to 100 %: the step between two, and the line's form. */
    private void progress(UrcArrival<MatchResult> start, UrcArrival<MatchResult> full) {
        List<String> lines = session.journal().urcs(start.entry().index()).stream()
                .filter(u -> u.index() <= full.entry().index()).map(JournalEntry.Received::text)
                .filter(l -> UPDATING.matcher(l).matches()).toList();
        List<Integer> percents = lines.stream().map(l -> {
            Matcher m = UPDATING.matcher(l);
            return m.matches() ? Integer.parseInt(m.group(1)) : -1;
        }).toList();
        Map<Integer, Integer> steps = new HashMap<>();
        for (int i = 1; i < percents.size(); i++) {
            steps.merge(percents.get(i) - percents.get(i - 1), 1, Integer::sum);
        }
        String shown = percents.size() + " lines: " + percents;
        // the step most lines are apart (the last one to 100 % may be shorter)
        Optional<Integer> step = steps.entrySet().stream().filter(e -> e.getKey() > 0)
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
        seen.add(new Observation("fota.progress-step", step.map(String::valueOf).orElse(""), ValueType.INTEGER, shown));
        Matcher m = PERCENT.matcher(lines.isEmpty() ? "" : lines.get(0));
        seen.add(new Observation("fota.updating-line", m.find() ? m.replaceFirst(Matcher.quoteReplacement(m.group(1))
                + Matcher.quoteReplacement("${percent}")) : "", ValueType.TEXT, lines.isEmpty() ? "no UPDATING line"
                : "first of " + lines.size() + ": " + lines.get(0)));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private UrcArrival<MatchResult> await(Cursor from, String regex, Duration within) throws ProbeFailed {
        try {
            return session.expectUrc(from, UrcMatcher.regex(regex), within);
        } catch (DeadlineExceeded e) {
            throw new ProbeFailed("DFOTA: " + e.getMessage(), e);
        }
    }

    private Optional<UrcArrival<MatchResult>> awaitOptional(Cursor from, String regex, Duration within) {
        try {
            return Optional.of(session.expectUrc(from, UrcMatcher.regex(regex), within));
        } catch (DeadlineExceeded e) {
            return Optional.empty();
        }
    }

    /** A URC already in the journal since {@code from}, without waiting. */
    private Optional<JournalEntry.Received> find(Cursor from, String regex) {
        Pattern p = Pattern.compile(regex);
        return session.journal().urcs(from.index()).stream().filter(u -> p.matcher(u.text()).matches()).findFirst();
    }

    private String timing(String key, Duration measured) {
        return TimingValue.of(measured, ctx.current().entry(key).map(ProfileEntry::value).orElse(""),
                LearnedProfile.TIMING_TOLERANCE);
    }

    private static String code(PlatformResult r) {
        return r instanceof PlatformResult.Answered a ? a.code().dotted() : "";
    }

}
