package org.miplhil.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.miplhil.compare.QualificationRules.MeasurementRule;
import org.miplhil.compare.Verdict.Evidence;
import org.miplhil.compare.Verdict.RuleResult;
import org.miplhil.report.Measurement;

/** Applies verdict rules to a comparison (the candidate's cases and measurements, and what moved). Pure. */
public final class VerdictJudge {

    private VerdictJudge() {
    }

    /** Whether the case carries {@code tag} exactly as its suite wrote it (results.json's {@code suiteTags}). */
    static boolean tagged(CaseRecord c, String tag) {
        return c.tags().contains(tag);
    }

    public static Verdict judge(QualificationRules rules, Comparison comparison) {
        List<RuleResult> out = new ArrayList<>();
        List<CaseRecord> cand = comparison.candidate().cases();
        for (String tag : rules.requiredTags()) {
            List<CaseRecord> tagged = cand.stream().filter(c -> tagged(c, tag)).toList();
            List<Evidence> ev = new ArrayList<>();
            tagged.stream().filter(c -> !c.passed()).forEach(c -> ev.add(caseEvidence(c)));
            boolean ok = !tagged.isEmpty() && ev.isEmpty();
            String summary = tagged.isEmpty() ? "no case with this tag ran"
                    : (tagged.size() - ev.size()) + " of " + tagged.size() + " runs passed";
            out.add(new RuleResult("cases tagged " + tag + " ran and passed", ok, summary, ev));
        }
        List<Evidence> regressions = new ArrayList<>();
        for (Comparison.CaseChange ch : comparison.regressions()) {
            CaseRecord c = ch.candidate();
            boolean tolerated = rules.regressions().allowed()
                    || rules.regressions().allowedTags().stream().anyMatch(t -> tagged(c, t))
                    || rules.regressions().allowedSuites().contains(c.suite());
            if (!tolerated) {
                regressions.add(caseEvidence(c));
            }
        }
        out.add(new RuleResult(rules.regressions().allowed() ? "regressions allowed"
                : "no regression" + except(rules), regressions.isEmpty(), regressions.isEmpty()
                ? comparison.regressions().size() + " regression(s), none forbidden"
                : regressions.size() + " case(s) newly failing", regressions));
        for (MeasurementRule r : rules.measurements()) {
            out.add(measurementRule(r, comparison));
        }
        if (rules.minRepeats() > 0) {
            Map<String, Integer> counts = new TreeMap<>();
            cand.forEach(c -> counts.merge(c.key(true), 1, Integer::sum));
            List<Evidence> ev = new ArrayList<>();
            counts.forEach((k, n) -> {
                if (n < rules.minRepeats()) {
                    ev.add(new Evidence(k + ": ran " + n + " time(s)", ""));
                }
            });
            out.add(new RuleResult("every case ran at least " + rules.minRepeats() + " time(s) on each module",
                    !counts.isEmpty() && ev.isEmpty(), counts.isEmpty() ? "no case ran" : counts.size()
                    + " case(s) per module counted", ev));
        }
        return new Verdict(rules.file(), out);
    }

    private static String except(QualificationRules rules) {
        List<String> e = new ArrayList<>();
        rules.regressions().allowedTags().forEach(t -> e.add("tag " + t));
        rules.regressions().allowedSuites().forEach(s -> e.add("suite " + s));
        return e.isEmpty() ? "" : " (tolerated: " + String.join(", ", e) + ")";
    }

    private static RuleResult measurementRule(MeasurementRule r, Comparison comparison) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (CaseRecord c : comparison.candidate().cases()) {
            for (MeasurementRecord m : c.measurements()) {
                if (r.matches(m.name())) {
                    String name = TranscriptNormaliser.measurementName(m.name());
                    values.computeIfAbsent(name, k -> new ArrayList<>());
                    units.put(name, m.unit());
                    if (m.value() != null) {
                        values.get(name).add(m.value());
                    }
                }
            }
        }
        List<String> asks = new ArrayList<>();
        r.max().ifPresent(x -> asks.add("max " + fmt(x, "ms")));
        r.p95Max().ifPresent(x -> asks.add("p95 at most " + fmt(x, "ms")));
        r.maxShift().ifPresent(x -> asks.add("median at most " + num(x) + " % above the baseline"));
        String rule = r.subject() + ": " + String.join(", ", asks) + " (line " + r.line() + ")";
        if (values.isEmpty()) {
            return new RuleResult(rule, false, "nothing of that name was measured in the candidate", List.of());
        }
        List<Evidence> ev = new ArrayList<>();
        boolean ok = true;
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            String unit = units.get(e.getKey());
            Comparison.Stats s = Comparer.stats(e.getValue());
            if (e.getValue().isEmpty()) {
                ok = false;
                ev.add(new Evidence(e.getKey() + ": never measured (the awaited thing never came)", ""));
                continue;
            }
            double worst = e.getValue().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            boolean maxOk = r.max().map(x -> worst <= x).orElse(true);
            boolean p95Ok = r.p95Max().map(x -> s.p95() <= x).orElse(true);
            Comparison.Shift shift = comparison.shifts().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                    .orElse(null);
            boolean shiftOk = r.maxShift().map(x -> shift == null || shift.change() <= x).orElse(true);
            ok &= maxOk && p95Ok && shiftOk;
            ev.add(new Evidence(e.getKey() + ": n " + s.n() + ", median " + fmt(s.median(), unit) + ", p95 "
                    + fmt(s.p95(), unit) + ", max " + fmt(worst, unit)
                    + (shift == null ? "" : ", " + String.format(Locale.ROOT, "%+.0f %%", shift.change())
                    + " against the baseline") + (maxOk && p95Ok && shiftOk ? "" : " FAIL"), ""));
        }
        return new RuleResult(rule, ok, values.size() + " measurement name(s) matched", ev);
    }

    private static Evidence caseEvidence(CaseRecord c) {
        return new Evidence(c.key(true) + " " + c.status() + (c.failure().isEmpty() ? "" : ": " + c.failure()),
                c.transcript());
    }

    static String fmt(double v, String unit) {
        return Measurement.MILLIS.equals(unit) ? Measurement.formatMillis(v) : num(v) + (unit.isEmpty() ? "" : " "
                + unit);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
