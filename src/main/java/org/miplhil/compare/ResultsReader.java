package org.miplhil.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.miplhil.json.Json;
import org.miplhil.report.ResultsWriter;

/**
 * Reads a report directory's results.json ({@link ResultsWriter}). Never throws: what it cannot read is a problem
 * naming the file and what is wrong, and the rest is kept (a case without an id is skipped, a measurement without a
 * number has none). Finds the file in the directory itself, or below it (a Jenkins archive keeps
 * {@code archive/reports/results.json}).
 */
public final class ResultsReader {

    private static final Pattern REPEAT = Pattern.compile("^(.*) \\[run (\\d+) of \\d+\\]$");

    private ResultsReader() {
    }

    /** The results.json of {@code dir}: in it, or the shallowest below it (at most 4 levels). */
    public static Optional<Path> locate(Path dir) {
        Path direct = dir.resolve(ResultsWriter.FILE);
        if (Files.isRegularFile(direct)) {
            return Optional.of(direct);
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.find(dir, 4, (p, a) -> a.isRegularFile()
                && p.getFileName().toString().equals(ResultsWriter.FILE))) {
            return s.min((a, b) -> Integer.compare(a.getNameCount(), b.getNameCount()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static RunResults read(Path dir) {
        Optional<Path> file = locate(dir);
        if (file.isEmpty()) {
            return new RunResults(dir, List.of(), List.of(), List.of(dir + ": no " + ResultsWriter.FILE
                    + " (a report directory of ./mipl-hil run, or a Jenkins archive of one)"));
        }
        String text;
        try {
            text = Files.readString(file.get(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new RunResults(dir, List.of(), List.of(), List.of(file.get() + ": cannot read: " + e.getMessage()));
        }
        return parse(file.get().getParent(), file.get().toString(), text);
    }

    /** Parses the text of a results.json found in {@code root}; never throws. */
    public static RunResults parse(Path root, String fileName, String text) {
        List<String> problems = new ArrayList<>();
        List<RunRecord> runs = new ArrayList<>();
        List<CaseRecord> cases = new ArrayList<>();
        Json.Parsed parsed = Json.parse(text);
        if (parsed instanceof Json.Parsed.Error e) {
            problems.add(fileName + ": not JSON: " + e);
            return new RunResults(root, runs, cases, problems);
        }
        JsonNode doc = ((Json.Parsed.Ok) parsed).value();
        if (!doc.isObject()) {
            problems.add(fileName + ": the document must be an object with format and runs");
            return new RunResults(root, runs, cases, problems);
        }
        JsonNode format = doc.get("format");
        if (format == null || !format.isInt() || format.asInt() < 1 || format.asInt() > ResultsWriter.FORMAT) {
            problems.add(fileName + ": format must be 1.." + ResultsWriter.FORMAT + ", found " + format);
            return new RunResults(root, runs, cases, problems);
        }
        JsonNode list = doc.get("runs");
        if (list == null || !list.isArray()) {
            problems.add(fileName + ": runs must be a list");
            return new RunResults(root, runs, cases, problems);
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String where = fileName + ": runs[" + i + "]";
            if (!r.isObject()) {
                problems.add(where + " must be an object");
                continue;
            }
            runs.add(new RunRecord(text(r, "module"), text(r, "target"), text(r, "firmwareRevision"),
                    text(r, "profile"), text(r, "profileSha256"), text(r, "profileCopy"), text(r, "start")));
            JsonNode cs = r.get("cases");
            if (cs == null || !cs.isArray()) {
                problems.add(where + ".cases must be a list");
                continue;
            }
            for (int j = 0; j < cs.size(); j++) {
                caseRecord(cs.get(j), text(r, "module"), where + ".cases[" + j + "]", problems).ifPresent(cases::add);
            }
        }
        return new RunResults(root, runs, cases, problems);
    }

    private static Optional<CaseRecord> caseRecord(JsonNode c, String runModule, String where, List<String> problems) {
        if (!c.isObject()) {
            problems.add(where + " must be an object");
            return Optional.empty();
        }
        String id = text(c, "id");
        String suite = text(c, "suite");
        if (id.isEmpty() || suite.isEmpty()) {
            problems.add(where + ": a case needs suite and id");
            return Optional.empty();
        }
        int repeat = 1;
        Matcher m = REPEAT.matcher(suite);
        if (m.matches()) {
            suite = m.group(1);
            repeat = Integer.parseInt(m.group(2).length() > 6 ? "0" : m.group(2));
        }
        String status = text(c, "status");
        if (!List.of("passed", "failed", "broken", "skipped").contains(status)) {
            problems.add(where + ": status must be passed, failed, broken or skipped, found '" + status + "'");
            status = "broken";
        }
        List<String> tags = tags(c);
        List<MeasurementRecord> ms = new ArrayList<>();
        JsonNode ml = c.get("measurements");
        if (ml != null && ml.isArray()) {
            for (int k = 0; k < ml.size(); k++) {
                JsonNode x = ml.get(k);
                if (!x.isObject() || text(x, "name").isEmpty()) {
                    problems.add(where + ".measurements[" + k + "]: needs a name");
                    continue;
                }
                ms.add(new MeasurementRecord(text(x, "name"), number(x, "value"), number(x, "low"), number(x, "high"),
                        text(x, "unit"), text(x, "step")));
            }
        }
        String module = text(c, "module").isEmpty() ? runModule : text(c, "module");
        String transcript = text(c, "transcript");
        if (transcript.startsWith("/") || transcript.contains("..")) {
            problems.add(where + ": transcript path must stay inside the report directory: " + transcript);
            transcript = "";
        }
        JsonNode d = c.get("durationMs");
        long duration = d != null && d.canConvertToLong() ? Math.max(0, d.asLong()) : 0;
        return Optional.of(new CaseRecord(suite, id, text(c, "name"), module, repeat, status, duration,
                text(c, "failure"), tags, ms, transcript));
    }

    /**
     * The case's tags as its suite wrote them ({@code suiteTags}). A results.json written before that field has only
     * the report's labels ({@code tags}), where a command tag carries a {@code cmd:} prefix the suite did not write:
     * it is taken off ({@code cmd:AT+MIPLVER} is read as {@code AT+MIPLVER}), so rules match both files alike.
     */
    private static List<String> tags(JsonNode c) {
        JsonNode written = c.get("suiteTags");
        boolean labels = written == null || !written.isArray();
        List<String> out = new ArrayList<>();
        for (JsonNode x : labels ? array(c.get("tags")) : written) {
            if (x.isTextual()) {
                String t = x.asText();
                out.add(labels && t.startsWith("cmd:") && (t.startsWith("AT+", 4) || t.startsWith("+", 4))
                        ? t.substring(4) : t);
            }
        }
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode n) {
        return n != null && n.isArray() ? n : List.of();
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static Double number(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isNumber()) {
            return null;
        }
        double d = v.asDouble();
        return Double.isFinite(d) ? d : null;
    }

    /** A transcript of a case, or empty when it is not there. */
    public static List<String> transcriptLines(RunResults run, CaseRecord c) {
        if (c.transcript().isEmpty()) {
            return List.of();
        }
        try {
            return Files.readAllLines(run.dir().resolve(c.transcript()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
