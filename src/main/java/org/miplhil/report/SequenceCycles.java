package org.miplhil.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.report.SeqRow.Arrow;
import org.miplhil.report.SeqRow.Fold;

/**
 * Folds the repeated cycles of a sequence diagram's rows: a run of {@value #MIN_REPEATS} or more repetitions of a
 * cycle of 1 to {@value #MAX_CYCLE} arrows that are the same up to their numbers (a percentage, a block number, a
 * msgId, a value) keeps its first and last repetition and folds the ones between into one {@link Fold} row.
 * A {@code +QIND: "FOTA","UPDATING",n%} and the platform's notify, a command and its {@code OK}, a notify, its
 * {@code OK} and its ACK are such cycles.
 *
 * <p>What is never folded: anything that is not an arrow (power, FOTA phases, marks, failures: they split a run),
 * an error or noise, a line that arrived while something else was awaited, and the start and end of a deadline that
 * was missed or that reaches beyond one repetition; a met deadline inside one repetition is counted in the fold.
 * Pure: rows in, rows out.
 */
final class SequenceCycles {

    /** The longest cycle looked for, in arrows. */
    static final int MAX_CYCLE = 6;
    /** A run this long or longer is folded (its first and last repetitions stay). */
    static final int MIN_REPEATS = 3;
    /** A fold must hide at least this many arrows: a fold row is taller than two. */
    static final int MIN_HIDDEN = 3;

    /** A number, unless it is part of a resource path ({@code /3/0/3} names what was read: not a value). */
    private static final Pattern NUMBER = Pattern.compile("(?<![/\\d.])\\d+(?:\\.\\d+)?(?![\\d/])");

    private SequenceCycles() {
    }

    /** {@code rows} in time order, with the runs of repeated cycles folded. */
    static List<SeqRow> fold(List<SeqRow> rows, List<Deadline> deadlines) {
        List<String> sig = rows.stream().map(SequenceCycles::signature).toList();
        List<SeqRow> out = new ArrayList<>(rows.size());
        int i = 0;
        while (i < rows.size()) {
            int[] run = sig.get(i) == null ? null : bestRun(rows, sig, i, deadlines);
            if (run == null) {
                out.add(rows.get(i++));
                continue;
            }
            int len = run[0];
            int repeats = run[1];
            int hiddenFrom = i + len;
            int hiddenTo = i + (repeats - 1) * len;
            out.addAll(rows.subList(i, hiddenFrom));
            List<TimelineEvent> hidden = new ArrayList<>();
            rows.subList(hiddenFrom, hiddenTo).forEach(r -> hidden.add(((Arrow) r).event()));
            out.add(new Fold(List.copyOf(hidden.subList(0, len)), repeats - 2, List.copyOf(hidden)));
            out.addAll(rows.subList(hiddenTo, hiddenTo + len));
            i = hiddenTo + len;
        }
        return out;
    }

    /**
     * The cycle starting at {@code i} that hides the most arrows, as {length, repetitions}, or null. Ties go to the
     * shorter cycle (two repetitions of A B are one cycle A B A B, but A B is what repeats).
     */
    private static int[] bestRun(List<SeqRow> rows, List<String> sig, int i, List<Deadline> deadlines) {
        int[] best = null;
        int bestHidden = MIN_HIDDEN - 1;
        for (int len = 1; len <= MAX_CYCLE && i + len <= rows.size(); len++) {
            if (sig.get(i + len - 1) == null) {
                break; // a row that never folds ends every longer cycle too
            }
            if (!opensCycle(rows, i, len)) {
                continue;
            }
            int repeats = 1;
            while (same(sig, i, i + repeats * len, len)) {
                // a repetition that may not be hidden can still end the run, drawn as its last
                if (repeats >= 2 && !hideable(rows, i + (repeats - 1) * len, len, deadlines)) {
                    break;
                }
                repeats++;
            }
            int hidden = (repeats - 2) * len;
            if (repeats >= MIN_REPEATS && hidden > bestHidden) {
                best = new int[] {len, repeats};
                bestHidden = hidden;
            }
        }
        return best;
    }

    /**
     * Whether the {@code len} rows at {@code b} repeat those at {@code a}: in the same order on each interface (MCU and
     * module, module and platform); how the two interleave is a race between two channels (a progress URC and the
     * platform's notify come either way round), so it may differ.
     */
    /** A cycle with a command in it starts at a command ({@code AT / OK}, not {@code OK / AT}). */
    private static boolean opensCycle(List<SeqRow> rows, int i, int len) {
        boolean command = false;
        for (int k = i; k < i + len; k++) {
            command |= ((Arrow) rows.get(k)).event().kind() == EventKind.COMMAND;
        }
        return !command || ((Arrow) rows.get(i)).event().kind() == EventKind.COMMAND;
    }

    private static boolean same(List<String> sig, int a, int b, int len) {
        if (b + len > sig.size()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (sig.get(b + k) == null) {
                return false;
            }
        }
        return interface_(sig, a, len, true).equals(interface_(sig, b, len, true))
                && interface_(sig, a, len, false).equals(interface_(sig, b, len, false));
    }

    private static List<String> interface_(List<String> sig, int from, int len, boolean mcu) {
        List<String> out = new ArrayList<>();
        for (int k = from; k < from + len; k++) {
            if (sig.get(k).contains("MCU") == mcu) {
                out.add(sig.get(k));
            }
        }
        return out;
    }

    /**
     * Whether the repetition at {@code from} may be hidden: every deadline that starts or ends in its stretch (after
     * the previous repetition's last arrow, up to its own last) was met and lies within it.
     */
    private static boolean hideable(List<SeqRow> rows, int from, int len, List<Deadline> deadlines) {
        long after = rows.get(from - 1).atNanos();
        long last = rows.get(from + len - 1).atNanos();
        for (Deadline d : deadlines) {
            long start = d.startNanos();
            long end = end(d);
            boolean startsIn = start > after && start <= last;
            boolean endsIn = end > after && end <= last;
            // a clock may start a little before its command is logged: still this repetition's
            if ((startsIn || endsIn) && !(d.met() && startsIn && endsIn)) {
                return false;
            }
        }
        return true;
    }

    static long end(Deadline d) {
        return d.measuredNanos() != null ? d.startNanos() + d.measuredNanos() : d.limitEndNanos();
    }

    /** What repeats of a row: its direction, kind and text with numbers blanked; null for a row that never folds. */
    static String signature(SeqRow r) {
        if (!(r instanceof Arrow a) || a.instead() || SequenceRows.interesting(a.event())) {
            return null;
        }
        return a.from() + ">" + a.to() + ' ' + a.event().kind() + ':'
                + NUMBER.matcher(a.event().text().strip()).replaceAll("#");
    }

    // ---- what a fold says -----------------------------------------------------------------------------------------

    /** The cycle's texts, a number that varies over the folded repetitions shown as {@code #}. */
    static List<String> pattern(Fold f) {
        List<List<Boolean>> varies = varying(f);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < f.pattern().size(); k++) {
            String text = f.pattern().get(k).text().strip();
            Matcher m = NUMBER.matcher(text);
            StringBuilder b = new StringBuilder();
            int n = 0;
            while (m.find()) {
                m.appendReplacement(b, varies.get(k).get(n++) ? "#" : Matcher.quoteReplacement(m.group()));
            }
            m.appendTail(b);
            out.add(b.toString());
        }
        return out;
    }

    /** The numbers that vary over the folded repetitions, first to last: {@code 33% … 97%}; at most three. */
    static List<String> values(Fold f) {
        List<List<Boolean>> varies = varying(f);
        int len = f.pattern().size();
        List<TimelineEvent> firstRep = aligned(f, 0);
        List<TimelineEvent> lastRep = aligned(f, f.count() - 1);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < len && out.size() < 3; k++) {
            List<String[]> a = numbers(firstRep.get(k).text());
            List<String[]> b = numbers(lastRep.get(k).text());
            for (int n = 0; n < varies.get(k).size() && out.size() < 3; n++) {
                String range = a.get(n)[0] + a.get(n)[1] + " \u2026 " + b.get(n)[0] + b.get(n)[1];
                if (varies.get(k).get(n) && !out.contains(range)) {
                    out.add(range);
                }
            }
        }
        return out;
    }

    /** Per row of the cycle, per number in its text: whether it differs between the folded repetitions. */
    private static List<List<Boolean>> varying(Fold f) {
        int len = f.pattern().size();
        List<List<Boolean>> out = new ArrayList<>();
        List<List<TimelineEvent>> reps = new ArrayList<>();
        for (int rep = 0; rep < f.count(); rep++) {
            reps.add(aligned(f, rep));
        }
        for (int k = 0; k < len; k++) {
            List<String[]> first = numbers(f.pattern().get(k).text());
            List<Boolean> v = new ArrayList<>();
            for (int n = 0; n < first.size(); n++) {
                boolean differs = false;
                for (int rep = 1; rep < reps.size() && !differs; rep++) {
                    List<String[]> other = numbers(reps.get(rep).get(k).text());
                    differs = n >= other.size() || !other.get(n)[0].equals(first.get(n)[0]);
                }
                v.add(differs);
            }
            out.add(v);
        }
        return out;
    }

    /**
     * The folded repetition {@code rep} in the pattern's order: its lines on each interface keep their order, the
     * interleaving of the two interfaces is the pattern's.
     */
    static List<TimelineEvent> aligned(Fold f, int rep) {
        int len = f.pattern().size();
        List<TimelineEvent> lines = f.hidden().subList(rep * len, rep * len + len);
        List<TimelineEvent> mcu = lines.stream().filter(SequenceCycles::mcuSide).toList();
        List<TimelineEvent> platform = lines.stream().filter(e -> !mcuSide(e)).toList();
        List<TimelineEvent> out = new ArrayList<>(len);
        int m = 0;
        int p = 0;
        for (TimelineEvent e : f.pattern()) {
            out.add(mcuSide(e) ? mcu.get(m++) : platform.get(p++));
        }
        return out;
    }

    private static boolean mcuSide(TimelineEvent e) {
        SeqRow.Party[] d = SequenceRows.direction(e);
        return d != null && (d[0] == SeqRow.Party.MCU || d[1] == SeqRow.Party.MCU);
    }

    /** The numbers of a text, each with its unit when it has one ({@code %}). */
    private static List<String[]> numbers(String text) {
        List<String[]> out = new ArrayList<>();
        String s = text.strip();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            out.add(new String[] {m.group(), m.end() < s.length() && s.charAt(m.end()) == '%' ? "%" : ""});
        }
        return out;
    }
}
