package org.miplhil.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Places the rows of a sequence diagram from top to bottom. Every row has a height of its own, so events a few
 * microseconds apart stay apart (marks across the lanes at one moment share a line); a pause between rows adds a
 * little space (up to {@link #MAX_PAUSE} px), and an idle
 * stretch longer than {@link #IDLE_NANOS} becomes a compressed row labelled with its length. Times map to y through
 * the rows' anchors, so a deadline's bracket can start and end between rows.
 */
final class SequenceLayout {

    static final long IDLE_NANOS = 1_000_000_000L;
    // an arrow's label sits above its line: 16 px keep an 11 px label clear of the line above
    static final int ARROW = 16;
    static final int ACROSS = 18;
    static final int FOLD = 36;
    static final int GAP = 26;
    static final int FAILURE = 40;
    static final int MAX_PAUSE = 10;
    static final double PAUSE_NANOS_PER_PX = 20_000_000.0;

    /**
     * A row at its place: {@code y} is its top. {@code slot} 1: a mark across the lanes at the same moment as the one
     * before it (a phase ending as the next starts, a power cut ending a phase), drawn on that one's line, to its right.
     */
    record Placed(SeqRow row, double y, double height, int slot) {
        double middle() {
            return y + height / 2;
        }
    }

    private final List<Placed> placed;
    private final List<Long> anchorT = new ArrayList<>();
    private final List<Double> anchorY = new ArrayList<>();
    private final double bottom;

    private SequenceLayout(List<Placed> placed, double bottom) {
        this.placed = placed;
        this.bottom = bottom;
    }

    static SequenceLayout of(List<SeqRow> rows, double top) {
        List<Placed> out = new ArrayList<>();
        double y = top;
        Long previousEnd = null;
        for (SeqRow r : rows) {
            Placed before = out.isEmpty() ? null : out.get(out.size() - 1);
            if (r instanceof SeqRow.Across && before != null && before.slot() == 0 && before.row() instanceof SeqRow.Across
                    && before.row().atNanos() == r.atNanos()) {
                out.add(new Placed(r, before.y(), before.height(), 1));
                continue;
            }
            if (previousEnd != null) {
                long idle = r.atNanos() - previousEnd;
                if (idle >= IDLE_NANOS) {
                    out.add(new Placed(new SeqRow.Gap(previousEnd, r.atNanos()), y, GAP, 0));
                    y += GAP;
                } else if (idle > 0) {
                    // 1 px per 20 ms of pause: a burst stays tight, a pause of a few hundred ms shows
                    y += Math.min(MAX_PAUSE, idle / PAUSE_NANOS_PER_PX);
                }
            }
            double h = height(r);
            out.add(new Placed(r, y, h, 0));
            y += h;
            previousEnd = previousEnd == null ? r.endNanos() : Math.max(previousEnd, r.endNanos());
        }
        SequenceLayout l = new SequenceLayout(List.copyOf(out), y);
        for (Placed p : out) {
            if (p.row() instanceof SeqRow.Fold || p.row() instanceof SeqRow.Gap) {
                l.anchor(p.row().atNanos(), p.y() + 4);
                l.anchor(p.row().endNanos(), p.y() + p.height() - 4);
            } else {
                l.anchor(p.row().atNanos(), p.middle());
            }
        }
        return l;
    }

    static int height(SeqRow r) {
        if (r instanceof SeqRow.FailureMark f) {
            return FAILURE + 14 * Math.max(0, f.arrived().size() - 1);
        }
        return r instanceof SeqRow.Fold ? FOLD : r instanceof SeqRow.Gap ? GAP : r instanceof SeqRow.Across ? ACROSS
                : ARROW;
    }

    private void anchor(long t, double y) {
        // keep anchors monotone in both t and y
        if (!anchorT.isEmpty() && t < anchorT.get(anchorT.size() - 1)) {
            t = anchorT.get(anchorT.size() - 1);
        }
        anchorT.add(t);
        anchorY.add(y);
    }

    List<Placed> placed() {
        return placed;
    }

    double bottom() {
        return bottom;
    }

    /** The y of a moment: between the anchors of the rows around it, linearly. */
    double y(long t) {
        if (anchorT.isEmpty()) {
            return bottom;
        }
        if (t <= anchorT.get(0)) {
            return anchorY.get(0);
        }
        for (int i = 1; i < anchorT.size(); i++) {
            long t1 = anchorT.get(i);
            if (t <= t1) {
                long t0 = anchorT.get(i - 1);
                double y0 = anchorY.get(i - 1);
                double y1 = anchorY.get(i);
                return t1 == t0 ? y1 : y0 + (y1 - y0) * (double) (t - t0) / (t1 - t0);
            }
        }
        return anchorY.get(anchorY.size() - 1);
    }
}
