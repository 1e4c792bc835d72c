package org.miplhil.sim.fota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the virtual module keeps in non-volatile storage (everything else is lost with the power): the firmware
 * revision, the DFOTA stage and update progress (6.2), the target of the package held, and the update result with
 * whether it still waits to be reported at the next registration (6.1.3). Text, one {@code key=value} a line:
 *
 * <pre>
 * revision=BC260YCNAAR01A03
 * stage=UPDATING
 * progress=42
 * target=BC260YCNAAR01A03_BETA0721
 * result=0
 * report=false
 * </pre>
 *
 * {@link #parse} never throws.
 */
public record NvRecord(String revision, FotaStage stage, int progress, Optional<String> target, UpdateResult result,
                       boolean report) {

    public NvRecord {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(result, "result");
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress out of 0..100: " + progress);
        }
        if (revision.isEmpty() || revision.contains("\n") || target.map(t -> t.contains("\n")).orElse(false)) {
            throw new IllegalArgumentException("revisions are one non-empty line: '" + revision + "', " + target);
        }
    }

    /** A module that never updated: its profile's revision, idle. */
    public static NvRecord fresh(String revision) {
        return new NvRecord(revision, FotaStage.IDLE, 0, Optional.empty(), UpdateResult.INITIAL, false);
    }

    public NvRecord withStage(FotaStage s, int p) {
        return new NvRecord(revision, s, p, target, result, report);
    }

    public NvRecord withTarget(Optional<String> t) {
        return new NvRecord(revision, stage, progress, t, result, report);
    }

    public NvRecord withResult(UpdateResult r, boolean toReport) {
        return new NvRecord(revision, stage, progress, target, r, toReport);
    }

    public NvRecord withRevision(String r) {
        return new NvRecord(r, stage, progress, target, result, report);
    }

    public String format() {
        return "revision=" + revision + "\n"
                + "stage=" + stage + "\n"
                + "progress=" + progress + "\n"
                + target.map(t -> "target=" + t + "\n").orElse("")
                + "result=" + result.code() + "\n"
                + "report=" + report + "\n";
    }

    /** The result of {@link #parse}. */
    public sealed interface Parsed {
        record Ok(NvRecord record) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    private static final List<String> KEYS = List.of("revision", "stage", "progress", "target", "result", "report");

    public static Parsed parse(String text) {
        if (text == null) {
            return new Parsed.Invalid("no text");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return new Parsed.Invalid("line " + n + " is not key=value: '" + line + "'");
            }
            String key = line.substring(0, eq);
            if (!KEYS.contains(key)) {
                return new Parsed.Invalid("unknown key '" + key + "' on line " + n);
            }
            if (fields.putIfAbsent(key, line.substring(eq + 1)) != null) {
                return new Parsed.Invalid("key '" + key + "' repeated on line " + n);
            }
        }
        String revision = fields.get("revision");
        if (revision == null || revision.isEmpty()) {
            return new Parsed.Invalid("no revision");
        }
        FotaStage stage;
        try {
            stage = FotaStage.valueOf(fields.getOrDefault("stage", "IDLE"));
        } catch (IllegalArgumentException e) {
            return new Parsed.Invalid("stage '" + fields.get("stage") + "' is none of IDLE, DOWNLOADING, DOWNLOADED, UPDATING");
        }
        String progressText = fields.getOrDefault("progress", "0");
        if (!progressText.matches("\\d{1,3}") || Integer.parseInt(progressText) > 100) {
            return new Parsed.Invalid("progress '" + progressText + "' is not 0..100");
        }
        String resultText = fields.getOrDefault("result", "0");
        Optional<UpdateResult> result = resultText.matches("\\d") ? UpdateResult.of(Integer.parseInt(resultText))
                : Optional.empty();
        if (result.isEmpty()) {
            return new Parsed.Invalid("result '" + resultText + "' is not an update result 0..9");
        }
        String reportText = fields.getOrDefault("report", "false");
        if (!reportText.equals("true") && !reportText.equals("false")) {
            return new Parsed.Invalid("report '" + reportText + "' is not true or false");
        }
        Optional<String> target = Optional.ofNullable(fields.get("target")).filter(t -> !t.isEmpty());
        return new Parsed.Ok(new NvRecord(revision, stage, Integer.parseInt(progressText), target, result.get(),
                reportText.equals("true")));
    }
}
