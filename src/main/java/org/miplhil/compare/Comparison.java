package org.miplhil.compare;

import java.util.List;

/**
 * What {@link Comparer} found between a baseline and a candidate run.
 *
 * @param threshold the shift, in percent, beyond which a measurement is flagged
 */
public record Comparison(RunResults baseline, RunResults candidate, double threshold, List<CaseChange> cases,
                         List<Shift> shifts, List<Behaviour> behaviours, List<ProfileChange> profile) {

    public Comparison {
        cases = List.copyOf(cases);
        shifts = List.copyOf(shifts);
        behaviours = List.copyOf(behaviours);
        profile = List.copyOf(profile);
    }

    /** How a case's verdict moved. */
    public enum Change {
        FIXED, NEWLY_FAILING, NEW, GONE, STILL_FAILING;

        public String words() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * A case whose verdict changed (or that still fails). {@code baseline}/{@code candidate}: the case in each run
     * (its worst repeat), null when absent.
     */
    public record CaseChange(String key, Change change, CaseRecord baseline, CaseRecord candidate) {

        /** Newly failing, or a new case that fails. */
        public boolean regression() {
            return change == Change.NEWLY_FAILING || change == Change.NEW && candidate != null && candidate.problem();
        }
    }

    /** Median and p95 of one measurement name in each run; {@code change}: of the median, in percent. */
    public record Shift(String name, String unit, Stats baseline, Stats candidate, double change, boolean flagged,
                        boolean smallSample) {
    }

    /** A sample's size, median and 95th percentile (nearest rank). */
    public record Stats(int n, double median, double p95) {
    }

    /** The kinds of difference seen in transcripts of a case present in both runs. */
    public enum BehaviourKind {
        ERROR_CODE("another error code"), URC_ORDER("another URC order"), ONLY_IN_BASELINE("a line only in the baseline"),
        ONLY_IN_CANDIDATE("a line only in the candidate"), VALUES("other values");

        private final String words;

        BehaviourKind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** A behaviour difference of one case, with the (normalised) lines of each run as evidence. */
    public record Behaviour(String key, BehaviourKind kind, String subject, List<String> baselineLines,
                            List<String> candidateLines, String baselineTranscript, String candidateTranscript) {
        public Behaviour {
            baselineLines = List.copyOf(baselineLines);
            candidateLines = List.copyOf(candidateLines);
        }
    }

    /** A profile key whose value or source differs; empty text for a key one profile lacks. */
    public record ProfileChange(String key, String baselineValue, String baselineSource, String candidateValue,
                                String candidateSource) {
    }

    public List<CaseChange> regressions() {
        return cases.stream().filter(CaseChange::regression).toList();
    }

    public List<Shift> flaggedShifts() {
        return shifts.stream().filter(Shift::flagged).toList();
    }

    /** Exit status of compare: 1 when a case is newly failing or a shift is flagged. */
    public boolean regressed() {
        return !regressions().isEmpty() || !flaggedShifts().isEmpty();
    }
}
