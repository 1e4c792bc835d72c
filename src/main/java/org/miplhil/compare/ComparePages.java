package org.miplhil.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.miplhil.compare.Comparison.Behaviour;
import org.miplhil.compare.Comparison.CaseChange;
import org.miplhil.compare.Comparison.ProfileChange;
import org.miplhil.compare.Comparison.Shift;
import org.miplhil.compare.Page.Cell;
import org.miplhil.report.Measurement;

/** The comparison and the verdict as pages; links to transcripts are relative to the output directory. */
public final class ComparePages {

    private final Comparison cmp;
    private final Path out;

    public ComparePages(Comparison comparison, Path outDir) {
        this.cmp = comparison;
        this.out = outDir.toAbsolutePath().normalize();
    }

    public Page comparison() {
        Page p = new Page("Compare: " + label(cmp.baseline()) + " -> " + label(cmp.candidate()));
        p.banner(cmp.regressed() ? "REGRESSED: " + cmp.regressions().size() + " case(s) newly failing, "
                + cmp.flaggedShifts().size() + " shift(s) beyond " + num(cmp.threshold()) + " %"
                : "No regression", !cmp.regressed());
        p.para("Baseline " + cmp.baseline().dir() + " (" + cmp.baseline().cases().size() + " case runs), candidate "
                + cmp.candidate().dir() + " (" + cmp.candidate().cases().size() + " case runs).");
        List<String> problems = new ArrayList<>(cmp.baseline().problems());
        problems.addAll(cmp.candidate().problems());
        if (!problems.isEmpty()) {
            p.heading(1, "Unreadable results");
            p.table(List.of("problem"), problems.stream().map(x -> List.of(Cell.of(x))).toList());
        }
        p.heading(1, "Verdict changes");
        List<List<Cell>> rows = new ArrayList<>();
        for (CaseChange c : cmp.cases()) {
            rows.add(List.of(Cell.verdict(c.change().words(), !c.regression()), Cell.of(c.key()),
                    status(c.baseline(), cmp.baseline()), status(c.candidate(), cmp.candidate()),
                    Cell.of(c.candidate() != null ? c.candidate().failure() : "")));
        }
        p.table(List.of("change", "case", "baseline", "candidate", "candidate failure"), rows);
        p.heading(1, "Measurement shifts (median and p95 per name, beyond " + num(cmp.threshold()) + " % flagged)");
        rows = new ArrayList<>();
        for (Shift s : cmp.shifts()) {
            rows.add(List.of(Cell.verdict(s.flagged() ? "FLAGGED" : "ok", !s.flagged()), Cell.of(s.name()),
                    Cell.of(stats(s.baseline(), s.unit())), Cell.of(stats(s.candidate(), s.unit())),
                    Cell.of(String.format(Locale.ROOT, "%+.1f %%", s.change())
                            + (s.smallSample() ? " (small sample)" : ""))));
        }
        p.table(List.of("", "measurement", "baseline n / median / p95", "candidate n / median / p95", "median change"),
                rows);
        p.heading(1, "Behaviour differences in the transcripts");
        rows = new ArrayList<>();
        for (Behaviour b : cmp.behaviours()) {
            rows.add(List.of(Cell.of(b.key()), Cell.of(b.kind().words() + " (" + b.subject() + ")"),
                    Cell.link(lines(b.baselineLines()), link(cmp.baseline(), b.baselineTranscript())),
                    Cell.link(lines(b.candidateLines()), link(cmp.candidate(), b.candidateTranscript()))));
        }
        p.table(List.of("case", "difference", "baseline lines", "candidate lines"), rows);
        p.heading(1, "Profile differences");
        rows = new ArrayList<>();
        for (ProfileChange c : cmp.profile()) {
            rows.add(List.of(Cell.of(c.key()), Cell.of(c.baselineValue()), Cell.of(c.baselineSource()),
                    Cell.of(c.candidateValue()), Cell.of(c.candidateSource())));
        }
        p.table(List.of("key", "baseline value", "baseline source", "candidate value", "candidate source"), rows);
        return p;
    }

    public Page verdict(Verdict v) {
        Page p = new Page("Release qualification: " + label(cmp.candidate()));
        p.banner(v.word(), v.qualified());
        p.para("Rules " + v.rulesFile() + "; candidate " + cmp.candidate().dir() + " against baseline "
                + cmp.baseline().dir() + ".");
        List<List<Cell>> rows = new ArrayList<>();
        for (Verdict.RuleResult r : v.rules()) {
            rows.add(List.of(Cell.verdict(r.passed() ? "PASS" : "FAIL", r.passed()), Cell.of(r.rule()),
                    Cell.of(r.summary())));
        }
        p.table(List.of("", "rule", "outcome"), rows);
        for (Verdict.RuleResult r : v.rules()) {
            if (r.evidence().isEmpty()) {
                continue;
            }
            p.heading(2, (r.passed() ? "PASS " : "FAIL ") + r.rule());
            p.table(List.of("evidence"), r.evidence().stream().map(e -> List.of(e.link().isEmpty()
                    ? Cell.of(e.text()) : Cell.link(e.text(), link(cmp.candidate(), e.link())))).toList());
        }
        return p;
    }

    /** The lines of a behaviour difference; "(none)" when a run has none, so its transcript's link can be clicked. */
    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "(none)" : String.join("\n", lines);
    }

    private Cell status(CaseRecord c, RunResults run) {
        if (c == null) {
            return Cell.of("-");
        }
        return c.transcript().isEmpty() ? Cell.of(c.status()) : Cell.link(c.status(), link(run, c.transcript()));
    }

    /** A transcript of a run, relative to the output directory. */
    String link(RunResults run, String transcript) {
        if (transcript == null || transcript.isEmpty()) {
            return "";
        }
        Path target = run.dir().toAbsolutePath().normalize().resolve(transcript);
        try {
            return out.relativize(target).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return target.toUri().toString();
        }
    }

    static String label(RunResults run) {
        String rev = run.firmwareRevisions();
        return rev.isEmpty() ? run.dir().toString() : rev;
    }

    private static String stats(Comparison.Stats s, String unit) {
        return s.n() + " / " + q(s.median(), unit) + " / " + q(s.p95(), unit);
    }

    private static String q(double v, String unit) {
        return Measurement.MILLIS.equals(unit) ? Measurement.formatMillis(v)
                : num(v) + (unit.isEmpty() ? "" : " " + unit);
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
