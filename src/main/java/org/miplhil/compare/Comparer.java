package org.miplhil.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.miplhil.compare.Comparison.Behaviour;
import org.miplhil.compare.Comparison.CaseChange;
import org.miplhil.compare.Comparison.Change;
import org.miplhil.compare.Comparison.Shift;
import org.miplhil.compare.Comparison.Stats;

/**
 * Compares a baseline run with a candidate run: verdicts per case, measurement distributions per name, the module's
 * lines in the transcripts of cases both ran, and the two profiles. Pure: the runs are read before.
 */
public final class Comparer {

    /** Fewer values than this in either run: the shift is said to rest on a small sample. */
    public static final int SMALL_SAMPLE = 5;

    private final double threshold;
    private final double minChange;

    /**
     * @param threshold flag a median beyond this many percent worse
     * @param minChange and by at least this much in the measurement's unit (jitter of a few ms is no shift)
     */
    public Comparer(double threshold, double minChange) {
        this.threshold = threshold;
        this.minChange = minChange;
    }

    public Comparison compare(RunResults baseline, RunResults candidate) {
        boolean byModule = baseline.fleet() && candidate.fleet();
        Map<String, CaseRecord> base = worstByKey(baseline.cases(), byModule);
        Map<String, CaseRecord> cand = worstByKey(candidate.cases(), byModule);
        List<CaseChange> changes = new ArrayList<>();
        List<Behaviour> behaviours = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(base.keySet());
        keys.addAll(cand.keySet());
        for (String k : keys) {
            CaseRecord b = base.get(k);
            CaseRecord c = cand.get(k);
            Change change = null;
            if (b == null) {
                change = Change.NEW;
            } else if (c == null) {
                change = Change.GONE;
            } else if (b.problem() && c.problem()) {
                change = Change.STILL_FAILING;
            } else if (b.problem() && c.passed()) {
                change = Change.FIXED;
            } else if (!b.problem() && c.problem()) {
                change = Change.NEWLY_FAILING;
            }
            if (change != null) {
                changes.add(new CaseChange(k, change, b, c));
            }
            if (b != null && c != null) {
                behaviours.addAll(BehaviourDiff.of(k, b, ResultsReader.transcriptLines(baseline, b), c,
                        ResultsReader.transcriptLines(candidate, c)));
            }
        }
        return new Comparison(baseline, candidate, threshold, changes, shifts(baseline, candidate), behaviours,
                ProfileDiff.of(baseline, candidate));
    }

    /** The worst repeat of each case: failed or broken over skipped over passed; the first among equals. */
    private static Map<String, CaseRecord> worstByKey(List<CaseRecord> cases, boolean byModule) {
        Map<String, CaseRecord> out = new LinkedHashMap<>();
        for (CaseRecord c : cases) {
            out.merge(c.key(byModule), c, (a, b) -> rank(b) > rank(a) ? b : a);
        }
        return out;
    }

    private static int rank(CaseRecord c) {
        return c.problem() ? 2 : c.passed() ? 0 : 1;
    }

    private List<Shift> shifts(RunResults baseline, RunResults candidate) {
        Map<String, List<Double>> b = values(baseline);
        Map<String, List<Double>> c = values(candidate);
        Map<String, String> units = units(baseline);
        units.putAll(units(candidate));
        List<Shift> out = new ArrayList<>();
        for (String name : b.keySet()) {
            if (!c.containsKey(name)) {
                continue;
            }
            Stats sb = stats(b.get(name));
            Stats sc = stats(c.get(name));
            double diff = sc.median() - sb.median();
            double change = sb.median() == 0 ? (diff == 0 ? 0 : 100.0 * Math.signum(diff) * 1e3) : 100.0 * diff
                    / Math.abs(sb.median());
            String unit = units.getOrDefault(name, "");
            // a duration is worse when longer; any other quantity when it moves either way
            double worse = "ms".equals(unit) ? change : Math.abs(change);
            boolean flagged = worse > threshold && Math.abs(diff) >= minChange;
            out.add(new Shift(name, unit, sb, sc, change, flagged, sb.n() < SMALL_SAMPLE || sc.n() < SMALL_SAMPLE));
        }
        out.sort(Comparator.comparing(Shift::flagged).reversed().thenComparing(Shift::name));
        return out;
    }

    private static Map<String, List<Double>> values(RunResults run) {
        Map<String, List<Double>> out = new TreeMap<>();
        for (CaseRecord c : run.cases()) {
            for (MeasurementRecord m : c.measurements()) {
                if (m.value() != null) {
                    out.computeIfAbsent(TranscriptNormaliser.measurementName(m.name()), k -> new ArrayList<>())
                            .add(m.value());
                }
            }
        }
        return out;
    }

    private static Map<String, String> units(RunResults run) {
        Map<String, String> out = new TreeMap<>();
        run.cases().forEach(c -> c.measurements()
                .forEach(m -> out.put(TranscriptNormaliser.measurementName(m.name()), m.unit())));
        return out;
    }

    /** Median (mean of the middle two) and p95 by nearest rank. */
    public static Stats stats(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        if (n == 0) {
            return new Stats(0, Double.NaN, Double.NaN);
        }
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        int rank = (int) Math.ceil(0.95 * n);
        return new Stats(n, median, s.get(Math.max(0, rank - 1)));
    }

    /** For rules: every value of a measurement name in a run. */
    static List<Double> valuesOf(RunResults run, String name) {
        return values(run).getOrDefault(name, List.of());
    }
}
