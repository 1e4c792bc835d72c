package org.miplhil.compare;

import java.util.List;

/**
 * One case of a recorded run, as results.json holds it.
 *
 * @param suite      the suite's name without the repeat suffix ({@code [run 2 of 3]})
 * @param repeat     1 for a run without {@code --repeat}, else the round
 * @param module     the fleet module it ran on, or empty on a single module
 * @param status     passed, failed, broken, skipped
 * @param tags       as the suite wrote them ({@code AT+MIPLOPEN}, {@code doc:3.3.7}): what rules and --tags match
 * @param transcript path relative to the report directory, or empty
 */
public record CaseRecord(String suite, String id, String name, String module, int repeat, String status,
                         long durationMs, String failure, List<String> tags, List<MeasurementRecord> measurements,
                         String transcript) {

    public CaseRecord {
        tags = List.copyOf(tags);
        measurements = List.copyOf(measurements);
    }

    public boolean passed() {
        return "passed".equals(status);
    }

    public boolean problem() {
        return "failed".equals(status) || "broken".equals(status);
    }

    /** suite / id, the key a comparison matches cases by (plus the module between two fleets). */
    public String key(boolean withModule) {
        return suite + " / " + id + (withModule && !module.isEmpty() ? " @ " + module : "");
    }
}
