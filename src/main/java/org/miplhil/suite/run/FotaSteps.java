package org.miplhil.suite.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.miplhil.dut.JournalEntry;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.report.EventKind;
import org.miplhil.report.FotaTimeline;
import org.miplhil.suite.FotaExpectation;
import org.miplhil.suite.Step;
import org.miplhil.suite.TextMatch;
import org.miplhil.yaml.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FOTA family: {@code fota} starts the platform's campaign (6.1) for the device, {@code expect-fota} awaits its
 * outcome and checks its steps. It draws the case's FOTA picture from the journal's 6.3 URCs, the power actions and
 * the campaign's steps. With {@code started-by: console} nothing is started: someone starts the task in OneNET's
 * console and {@link ConsoleFota} follows the module's side.
 */
final class FotaSteps {

    private static final Logger log = LoggerFactory.getLogger(FotaSteps.class);

    private final CaseContext ctx;
    private ConsoleFota console;
    private final Supplier<List<FotaTrace.PowerRecord>> powerRecords;
    private FotaCampaign campaign;
    private String campaignVersion = "";
    /** The case cuts the power once the module has downloaded: its campaign holds there until the cut. */
    private boolean cutOnceDownloaded;
    /** A pair (System.nanoTime(), epoch millis) taken together: puts the campaign's wall times on the links' clock. */
    private long[] campaignClock;

    FotaSteps(CaseContext ctx, Supplier<List<FotaTrace.PowerRecord>> powerRecords) {
        this.ctx = ctx;
        this.powerRecords = powerRecords;
    }

    /**
     * Looks at the case's steps before they run: a power step that cuts at DOWNLOADED ({@code cut-at:
     * fota:downloaded}, or at the line {@code +MIPLEVENT: 0,42}) makes the campaign hold once downloaded until
     * {@link #cutLanded()}. Without it the platform's next requests (6.1.2: read battery, execute /5/0/2) race the
     * harness's cut: a harness thread scheduled late cuts a module that has begun its update.
     */
    void plan(List<Step> steps) {
        cutOnceDownloaded = steps.stream().anyMatch(s -> s instanceof Step.Power p && p.cutAt()
                .filter(FotaSteps::isDownloadedMoment).isPresent());
    }

    private static boolean isDownloadedMoment(org.miplhil.suite.CutTrigger t) {
        if (t instanceof org.miplhil.suite.CutTrigger.AtFotaState st) {
            return st.state() == org.miplhil.suite.CutTrigger.FotaState.DOWNLOADED;
        }
        return t instanceof org.miplhil.suite.CutTrigger.AtUrc at
                && new LineMatcher(at.urc(), java.util.Map.of()).matchText("+MIPLEVENT: 0,42").isPresent();
    }

    /** A power step's cut has landed: a campaign holding once downloaded goes on. */
    void cutLanded() {
        if (campaign != null) {
            campaign.release();
        }
    }

    /** Stops the case's campaign, if it started one. */
    void cancel() {
        if (campaign != null) {
            campaign.close();
        }
        if (console != null) {
            console.close();
        }
    }

    void fota(Step.Fota step) {
        if (campaign != null || console != null) {
            throw StepFailed.harness("a FOTA campaign runs already in this case (" + step.position() + ")");
        }
        String version = ctx.render(step.version(), "the version");
        if (step.startedBy() == Step.FotaStarter.CONSOLE) {
            startedInConsole(step, version);
            return;
        }
        java.nio.file.Path packageFile = step.packageFile().orElseThrow();
        FotaSpec defaults = FotaSpec.of(packageFile, version);
        FotaSpec spec = new FotaSpec(packageFile, version,
                step.trigger() == Step.FotaTrigger.NEXT_UPLINK ? FotaSpec.Trigger.NEXT_UPLINK : FotaSpec.Trigger.NOW,
                step.stepTimeout().orElse(defaults.stepTimeout()), step.phaseTimeout().orElse(defaults.phaseTimeout()),
                cutOnceDownloaded);
        int index = ctx.journalSize();
        long t = System.nanoTime();
        campaignClock = new long[] {t, java.time.Instant.now().toEpochMilli()};
        try {
            campaign = ctx.platform().startFota(ctx.endpoint(), spec);
        } catch (UnsupportedOperationException e) {
            throw StepFailed.harness("the platform runs no FOTA campaign: " + e.getMessage());
        } catch (RuntimeException e) {
            throw StepFailed.harness("the platform could not start the FOTA campaign: " + e);
        }
        campaignVersion = version;
        ctx.rec().event(t, EventKind.MARK, "FOTA campaign " + packageFile.getFileName() + " -> " + version);
        ctx.cursor().acted(index, t, "fota campaign");
    }

    /**
     * OneNET creates LwM2M FOTA tasks in its console only (7.10.5): one clear line to the console and the report,
     * then the module's side is followed from here.
     */
    private void startedInConsole(Step.Fota step, String version) {
        Duration within = step.within().orElseThrow();
        Duration phaseTimeout = step.phaseTimeout().orElse(ConsoleFota.DEFAULT_PHASE_TIMEOUT);
        int index = ctx.journalSize();
        long t = System.nanoTime();
        campaignClock = new long[] {t, java.time.Instant.now().toEpochMilli()};
        campaignVersion = version;
        console = new ConsoleFota(ctx.session(), index, t, campaignClock, within, phaseTimeout);
        String line = "start the FOTA task for IMEI " + ctx.module().imei() + " (to " + version + ") in OneNET's"
                + " console now; waiting up to " + Durations.format(within) + " for the module to start downloading"
                + " (+MIPLEVENT: 0,40)";
        log.warn(line);
        ctx.rec().event(t, EventKind.MARK, line);
        ctx.subStep(line, java.util.Map.of("imei", ctx.module().imei(), "version", version,
                "within", Durations.format(within), "phase-timeout", Durations.format(phaseTimeout)), () -> { });
        ctx.cursor().acted(index, t, "fota started in the console");
    }

    void expectFota(Step.ExpectFota step) {
        if (console != null) {
            expectFromModule(step);
            return;
        }
        if (campaign == null) {
            throw StepFailed.harness("expect-fota: no FOTA campaign was started in this case");
        }
        FotaExpectation want = step.expectation();
        long start = ctx.cursor().lastActionNanos();
        long deadline = start + step.within().toNanos();
        FotaOutcome got = campaign.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        long arrived = System.nanoTime();
        Optional<FotaOutcome> ended = campaign.outcome();
        String label = ctx.cursor().lastActionLabel() + " -> fota " + want.word();
        if (ended.isEmpty()) {
            ctx.rec().deadline(label, start, step.within(), null);
            throw StepFailed.module("awaited the FOTA campaign to end " + want.word() + " within "
                    + CaseContext.millis(step.within()) + "; it is still running (" + describe(got) + ")" + campaignEvidence());
        }
        FotaOutcome outcome = ended.get();
        ctx.deadline(label, start, step.within(), arrived);
        String problem = outcomeProblem(want, outcome);
        if (problem == null) {
            problem = missingSteps(want.steps(), campaign.steps());
        }
        if (problem != null) {
            throw StepFailed.module("FOTA campaign: " + problem + campaignEvidence());
        }
    }

    /** Null when the outcome is what the suite expects; else how it differs. */
    private String outcomeProblem(FotaExpectation want, FotaOutcome outcome) {
        if (want instanceof FotaExpectation.AnyOf any) {
            List<String> problems = new ArrayList<>();
            for (FotaExpectation e : any.alternatives()) {
                String p = outcomeProblem(e, outcome);
                if (p == null) {
                    return null;
                }
                problems.add(p);
            }
            return "expected it to end " + any.word() + ": " + String.join("; ", problems);
        }
        if (want instanceof FotaExpectation.Succeeded s) {
            if (!(outcome instanceof FotaOutcome.Succeeded ok)) {
                return "expected the campaign to succeed, it ended " + describe(outcome);
            }
            if (console != null) {
                return null; // the module's side has no version: the suite checks ATI (7.10.6)
            }
            String version = s.version().map(v -> ctx.render(v, "the version")).orElse(campaignVersion);
            return ok.version().equals(version) ? null
                    : "the campaign succeeded with version " + ok.version() + ", expected " + version;
        }
        if (want instanceof FotaExpectation.Failed f) {
            if (!(outcome instanceof FotaOutcome.Failed bad)) {
                return "expected the campaign to fail, it ended " + describe(outcome);
            }
            return f.result().isEmpty() || bad.updateResult() == f.result().getAsInt() ? null
                    : "the campaign failed with update result " + bad.updateResult() + " (/5/0/5), expected "
                            + f.result().getAsInt() + " (" + bad.reason() + ")";
        }
        FotaExpectation.TimedOut to = (FotaExpectation.TimedOut) want;
        if (!(outcome instanceof FotaOutcome.TimedOut t)) {
            return "expected the campaign to time out, it ended " + describe(outcome);
        }
        return to.phase().isEmpty() || new LineMatcher(to.phase().get(), ctx.vars()).matchText(t.phase()).isPresent() ? null
                : "the campaign timed out in phase '" + t.phase() + "', expected " + to.phase().get().source();
    }

    /** {@code expect-fota} after {@code started-by: console}: the outcome the module's URCs give. */
    private void expectFromModule(Step.ExpectFota step) {
        FotaExpectation want = step.expectation();
        long start = ctx.cursor().lastActionNanos();
        long deadline = start + step.within().toNanos();
        ModuleSideFota.Reading r = console.await(deadline);
        long arrived = System.nanoTime();
        String label = ctx.cursor().lastActionLabel() + " -> fota " + want.word();
        if (r.outcome().isEmpty()) {
            ctx.rec().deadline(label, start, step.within(), null);
            throw StepFailed.module("awaited the module's DFOTA (the task started in OneNET's console) to end "
                    + want.word() + " within " + CaseContext.millis(step.within()) + "; it is in phase " + r.phase()
                    + ", awaiting " + r.awaited() + moduleEvidence(r));
        }
        ctx.deadline(label, start, step.within(), arrived);
        String problem = outcomeProblem(want, r.outcome().get());
        if (problem == null) {
            problem = missingSteps(want.steps(), r.steps());
        }
        if (problem != null) {
            throw StepFailed.module("DFOTA (module side): " + problem + moduleEvidence(r));
        }
    }

    private String moduleEvidence(ModuleSideFota.Reading r) {
        StringBuilder b = new StringBuilder("; module side: ");
        if (r.steps().isEmpty()) {
            b.append("nothing yet");
        }
        for (FotaStep s : r.steps()) {
            b.append("\n    ").append(s.ok() ? "" : "FAILED ").append(FotaTrace.stepText(s));
        }
        return b.append("\n    URCs since the fota step: ").append(console.arrived(12)).toString();
    }

    /** Null when the expected steps are among {@code steps} in that order; else which one is missing. */
    private String missingSteps(List<TextMatch> expected, List<FotaStep> steps) {
        int at = 0;
        for (TextMatch m : expected) {
            LineMatcher matcher = new LineMatcher(m, ctx.vars());
            boolean found = false;
            while (at < steps.size()) {
                if (matcher.matchText(FotaTrace.stepText(steps.get(at++))).isPresent()) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return "no campaign step " + m.source() + (expected.size() > 1 ? " (in order)" : "");
            }
        }
        return null;
    }

    private String campaignEvidence() {
        List<FotaStep> steps = campaign.steps();
        StringBuilder b = new StringBuilder("; campaign steps: ");
        if (steps.isEmpty()) {
            return b.append("none").toString();
        }
        for (FotaStep s : steps) {
            b.append("\n    ").append(s.ok() ? "" : "FAILED ").append(FotaTrace.stepText(s));
        }
        return b.toString();
    }

    private static String describe(FotaOutcome o) {
        if (o instanceof FotaOutcome.Succeeded s) {
            return s.version().isEmpty() ? "succeeded" : "succeeded with version " + s.version();
        }
        if (o instanceof FotaOutcome.Failed f) {
            return "failed (" + f.reason() + (f.updateResult() >= 0 ? ", update result " + f.updateResult() : "") + ")";
        }
        if (o instanceof FotaOutcome.TimedOut t) {
            return "timed out in phase " + t.phase();
        }
        return "cancelled";
    }

    /** The case's campaign, if it started one. */
    Optional<FotaCampaign> campaign() {
        return Optional.ofNullable(campaign);
    }

    /** The case's FOTA steps for the report: the platform's campaign, or the module's side of a console task. */
    Optional<FotaReport.Steps> report() {
        if (campaign != null) {
            return Optional.of(new FotaReport.Steps("FOTA campaign steps", campaign.steps(), campaign.outcome()));
        }
        if (console != null) {
            ModuleSideFota.Reading r = console.read();
            return Optional.of(new FotaReport.Steps("FOTA module side (task started in OneNET's console)", r.steps(),
                    r.outcome()));
        }
        return Optional.empty();
    }

    /** The FOTA picture of the case so far, or empty when it saw no firmware update at all. */
    Optional<FotaTimeline> fotaTimeline() {
        List<JournalEntry> entries = ctx.session().journal().entries(ctx.cursor().start(), Integer.MAX_VALUE);
        boolean fotaSeen = entries.stream().anyMatch(e -> e instanceof JournalEntry.Received r && r.isUrc()
                && r.urc().filter(u -> FotaTrace.stateAfter(u).isPresent()).isPresent());
        if (!fotaSeen && campaign == null && console == null) {
            return Optional.empty();
        }
        List<FotaStep> steps = campaign == null ? List.of() : campaign.steps();
        long[] clock = campaignClock;
        long origin = ctx.originNanos();
        return Optional.of(FotaTrace.of(FotaTrace.fotaUrcs(entries), powerRecords.get(), steps,
                at -> clock == null ? origin : clock[0] + (at.toEpochMilli() - clock[1]) * 1_000_000L,
                origin, System.nanoTime()));
    }
}
