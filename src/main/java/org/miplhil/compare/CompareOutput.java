package org.miplhil.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.miplhil.json.Json;

/**
 * Writes a comparison (and a verdict) into the output directory: compare.md, compare.html, compare.json,
 * verdict.md and verdict.html (with rules), index.html (the qualification page: verdict, then comparison) and
 * allure-results/ (one test per case that changed, per behaviour difference, per flagged shift, per profile
 * difference, and the verdict), so the differences show in an Allure report.
 */
public final class CompareOutput {

    public static final String ALLURE_SUITE = "Release qualification";

    private CompareOutput() {
    }

    public static void write(Comparison cmp, Optional<Verdict> verdict, Path dir) throws IOException {
        Files.createDirectories(dir);
        ComparePages pages = new ComparePages(cmp, dir);
        Page comparison = pages.comparison();
        text(dir.resolve("compare.md"), comparison.markdown());
        text(dir.resolve("compare.html"), comparison.html());
        text(dir.resolve("compare.json"), Json.writePretty(json(cmp, verdict)));
        Page index = new Page("Qualification");
        if (verdict.isPresent()) {
            Page v = pages.verdict(verdict.get());
            text(dir.resolve("verdict.md"), v.markdown());
            text(dir.resolve("verdict.html"), v.html());
            index.append(v);
        }
        index.append(comparison);
        text(dir.resolve("index.html"), index.html());
        allure(cmp, verdict, dir.resolve("allure-results"));
    }

    private static ObjectNode json(Comparison cmp, Optional<Verdict> verdict) {
        ObjectNode o = Json.object();
        o.put("baseline", cmp.baseline().dir().toString());
        o.put("candidate", cmp.candidate().dir().toString());
        o.put("threshold", cmp.threshold());
        o.put("regressed", cmp.regressed());
        o.set("problems", Json.tree(concat(cmp.baseline().problems(), cmp.candidate().problems())));
        ArrayNode cases = o.putArray("cases");
        cmp.cases().forEach(c -> cases.addObject().put("case", c.key()).put("change", c.change().words())
                .put("regression", c.regression())
                .put("baseline", c.baseline() == null ? "" : c.baseline().status())
                .put("candidate", c.candidate() == null ? "" : c.candidate().status())
                .put("failure", c.candidate() == null ? "" : c.candidate().failure()));
        o.set("shifts", Json.tree(cmp.shifts()));
        o.set("behaviours", Json.tree(cmp.behaviours()));
        o.set("profile", Json.tree(cmp.profile()));
        verdict.ifPresent(v -> {
            ObjectNode vo = o.putObject("verdict");
            vo.put("qualified", v.qualified());
            vo.put("rules", v.rulesFile());
            vo.set("results", Json.tree(v.rules()));
        });
        return o;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Allure 2 result files, written by hand: the differences as tests of one suite. */
    static void allure(Comparison cmp, Optional<Verdict> verdict, Path results) throws IOException {
        Files.createDirectories(results);
        long now = Instant.now().toEpochMilli();
        for (Comparison.CaseChange c : cmp.cases()) {
            String status = c.regression() ? "failed" : c.change() == Comparison.Change.STILL_FAILING ? "broken"
                    : "passed";
            test(results, now, "verdict change", c.change().words() + ": " + c.key(), status,
                    (c.baseline() == null ? "-" : c.baseline().status()) + " -> "
                            + (c.candidate() == null ? "-" : c.candidate().status())
                            + (c.candidate() == null || c.candidate().failure().isEmpty() ? ""
                            : "\n" + c.candidate().failure()));
        }
        for (Comparison.Shift s : cmp.flaggedShifts()) {
            test(results, now, "measurement shift", s.name(), "failed", String.format(java.util.Locale.ROOT,
                    "median %+.1f %% (%s -> %s), p95 %s -> %s%s", s.change(), ComparePages.num(s.baseline().median()),
                    ComparePages.num(s.candidate().median()), ComparePages.num(s.baseline().p95()),
                    ComparePages.num(s.candidate().p95()), s.smallSample() ? ", small sample" : ""));
        }
        for (Comparison.Behaviour b : cmp.behaviours()) {
            test(results, now, "behaviour difference", b.kind().words() + ": " + b.key() + " (" + b.subject() + ")",
                    "passed", "baseline:\n" + String.join("\n", b.baselineLines()) + "\ncandidate:\n"
                            + String.join("\n", b.candidateLines()));
        }
        for (Comparison.ProfileChange p : cmp.profile()) {
            test(results, now, "profile difference", p.key(), "passed", p.baselineValue() + " (" + p.baselineSource()
                    + ") -> " + p.candidateValue() + " (" + p.candidateSource() + ")");
        }
        if (verdict.isPresent()) {
            Verdict v = verdict.get();
            StringBuilder b = new StringBuilder();
            v.rules().forEach(r -> b.append(r.passed() ? "PASS " : "FAIL ").append(r.rule()).append(": ")
                    .append(r.summary()).append('\n'));
            test(results, now, "verdict", v.word(), v.qualified() ? "passed" : "failed", b.toString());
        }
    }

    private static void test(Path results, long now, String category, String name, String status, String details)
            throws IOException {
        String uuid = UUID.randomUUID().toString();
        String attachment = uuid + "-attachment.txt";
        ObjectNode t = Json.object();
        t.put("uuid", uuid);
        t.put("historyId", Integer.toHexString((category + name).hashCode()));
        t.put("name", name);
        t.put("fullName", ALLURE_SUITE + "." + category + "." + name);
        t.put("status", status);
        t.putObject("statusDetails").put("message", details);
        t.put("stage", "finished");
        t.put("start", now);
        t.put("stop", now);
        ArrayNode labels = t.putArray("labels");
        labels.addObject().put("name", "parentSuite").put("value", ALLURE_SUITE);
        labels.addObject().put("name", "suite").put("value", category);
        labels.addObject().put("name", "feature").put("value", "compare");
        t.putArray("attachments").addObject().put("name", category).put("source", attachment)
                .put("type", "text/plain");
        text(results.resolve(attachment), details);
        text(results.resolve(uuid + "-result.json"), Json.writePretty(t));
    }

    private static void text(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
