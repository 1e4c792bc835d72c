package org.miplhil.suite.run;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.yaml.Durations;

/** The text attachments of a case with power actions or a FOTA campaign: one row per action or step. */
final class FotaReport {

    private static final DateTimeFormatter WALL =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FotaReport() {
    }

    /** A case's FOTA steps under their attachment's title: the platform's campaign or the module's side. */
    record Steps(String title, List<FotaStep> steps, Optional<FotaOutcome> outcome) {
        String table() {
            return campaignTable(steps, outcome);
        }
    }

    /** Every power action: wall time (UTC), offset since the case started, the action and what triggered it. */
    static String powerTable(List<FotaTrace.PowerRecord> power, long originNanos) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-12s  %10s  %-6s  %s%n", "time (UTC)", "+ms", "action", "trigger"));
        for (FotaTrace.PowerRecord p : power) {
            String trigger = p.triggered() ? p.trigger() + String.format(Locale.ROOT, ", fired at +%.1f ms, acted %.1f ms later",
                    (p.triggerNanos() - originNanos) / 1e6, (p.nanos() - p.triggerNanos()) / 1e6) : "";
            b.append(String.format(Locale.ROOT, "%-12s  %10.1f  %-6s  %s%n", WALL.format(p.wall()),
                    (p.nanos() - originNanos) / 1e6, p.action(), trigger));
        }
        return b.toString();
    }

    /** The platform's campaign: its steps as it took them, then its outcome. */
    static String campaignTable(List<FotaStep> steps, Optional<FotaOutcome> outcome) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-12s  %-4s  %9s  %-28s  %s%n", "time (UTC)", "ok", "took", "step", "detail"));
        for (FotaStep s : steps) {
            b.append(String.format(Locale.ROOT, "%-12s  %-4s  %9s  %-28s  %s%n", WALL.format(s.at()), s.ok() ? "yes" : "NO",
                    Durations.format(s.elapsed()), s.name(), s.detail()));
        }
        b.append("outcome: ").append(outcome.map(FotaReport::describe).orElse("none yet (the campaign was stopped with"
                + " the case)")).append('\n');
        return b.toString();
    }

    static String describe(FotaOutcome o) {
        if (o instanceof FotaOutcome.Succeeded s) {
            return s.version().isEmpty() ? "succeeded (the module reported the result: 48, then 11)"
                    : "succeeded, version " + s.version();
        }
        if (o instanceof FotaOutcome.Failed f) {
            return "failed: " + f.reason() + (f.updateResult() >= 0 ? " (update result " + f.updateResult() + ")" : "");
        }
        if (o instanceof FotaOutcome.TimedOut t) {
            return "timed out in phase " + t.phase();
        }
        return "cancelled";
    }
}
