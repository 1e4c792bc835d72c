package org.miplhil.compare;

import java.util.List;

/** The verdict of a release qualification: every rule with its outcome and evidence. */
public record Verdict(String rulesFile, List<RuleResult> rules) {

    public Verdict {
        rules = List.copyOf(rules);
    }

    public boolean qualified() {
        return rules.stream().allMatch(RuleResult::passed);
    }

    public String word() {
        return qualified() ? "QUALIFIED" : "NOT QUALIFIED";
    }

    /** One rule: what it asks, PASS/FAIL, and the evidence (cases, transcripts, measurements). */
    public record RuleResult(String rule, boolean passed, String summary, List<Evidence> evidence) {
        public RuleResult {
            evidence = List.copyOf(evidence);
        }
    }

    /** A line of evidence; {@code link} a path relative to the candidate report (a transcript), or empty. */
    public record Evidence(String text, String link) {
    }
}
