package org.miplhil.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.miplhil.compare.CaseRecord;
import org.miplhil.compare.MeasurementRecord;
import org.miplhil.compare.ResultsReader;
import org.miplhil.compare.RunResults;

/**
 * What a DFOTA leg's run gave, per module: the case's status, how long it took, the failure's evidence and the
 * step timings (the run's deadline measurements: how long the download, the update and the re-registration took
 * against their limits). Read from the leg's results.json ({@link ResultsReader}).
 *
 * @param leg     the leg
 * @param place   the rack's name, or {@code virtual}
 * @param exit    {@code ./mipl-hil run}'s exit status: 0 every module updated, 1 not, 2 the run did not start
 * @param report  the leg's report directory
 * @param modules one entry per module that ran the case
 * @param problem what could not be read, or empty
 */
public record DfotaOutcome(DfotaLeg leg, String place, int exit, Path report, List<ModuleUpdate> modules,
                           String problem) {

    public DfotaOutcome {
        modules = List.copyOf(modules);
    }

    /**
     * One module's update.
     *
     * @param module     the fleet module's name, or empty for a single module
     * @param status     passed, failed, broken, skipped
     * @param durationMs the case's duration: the whole update, re-registration and checks
     * @param failure    the failure's message (what was awaited, the deadline, what arrived), or empty
     * @param timings    the update's deadline measurements, from the campaign's start: {@code name: value unit (limit)}
     */
    public record ModuleUpdate(String module, String status, long durationMs, String failure, List<String> timings) {
        public ModuleUpdate {
            timings = List.copyOf(timings);
        }

        public boolean passed() {
            return "passed".equals(status);
        }
    }

    /** The measurements of the update itself: the campaign's URCs from 40 to END, the re-registration's 48. */
    static final java.util.regex.Pattern DFOTA_STEP = java.util.regex.Pattern.compile(
            "^fota campaign -> |\\+MIPLEVENT: 0,4[89]$|fota (succeeded|failed)");

    /** Whether every module updated and reported the new revision (and at least one ran). */
    public boolean passed() {
        return exit == 0 && !modules.isEmpty() && modules.stream().allMatch(ModuleUpdate::passed);
    }

    /** Reads the leg's report after its run exited with {@code exit}. */
    public static DfotaOutcome read(DfotaLeg leg, String place, int exit, Path report) {
        if (ResultsReader.locate(report).isEmpty()) {
            return new DfotaOutcome(leg, place, exit, report, List.of(), "no results.json under " + report);
        }
        RunResults results = ResultsReader.read(report);
        List<ModuleUpdate> modules = new ArrayList<>();
        for (CaseRecord c : results.cases()) {
            List<String> timings = new ArrayList<>();
            for (MeasurementRecord m : c.measurements()) {
                if (m.value() != null && DFOTA_STEP.matcher(m.name()).find()) {
                    timings.add(m.name() + ": " + number(m.value()) + " " + m.unit()
                            + (m.high() != null ? " (limit " + number(m.high()) + " " + m.unit() + ")" : ""));
                }
            }
            modules.add(new ModuleUpdate(c.module(), c.status(), c.durationMs(), c.failure(), timings));
        }
        return new DfotaOutcome(leg, place, exit, report, modules, String.join("; ", results.problems()));
    }

    private static String number(double v) {
        return Long.toString(Math.round(v));
    }
}
