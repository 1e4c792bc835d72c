package org.miplhil.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The deadlines of a sequence diagram: a bracket to the right of the lanes from where the clock started to where the
 * awaited thing arrived (or the limit, when it never did), and the measured value against the limit beside it
 * ({@code 412 ms / 30 s}), green when met, red when late or missed. Brackets that overlap take columns side by side;
 * labels stack down so none covers another. A met deadline inside a folded run is counted in the fold instead.
 */
final class DeadlineBrackets {

    private static final int LABEL_LINE = 13;

    private DeadlineBrackets() {
    }

    /** Draws them; returns the lowest y used (a stacked label may reach below the last row). */
    static double draw(StringBuilder out, List<Deadline> deadlines, List<SeqRow> rows, SequenceLayout layout,
                     int x0, int step, int maxColumns) {
        List<SeqRow.Fold> folds = rows.stream().filter(r -> r instanceof SeqRow.Fold).map(r -> (SeqRow.Fold) r).toList();
        record Bracket(Deadline d, double y1, double y2) {
        }
        List<Bracket> shown = new ArrayList<>();
        for (Deadline d : deadlines) {
            long end = d.measuredNanos() != null ? d.startNanos() + d.measuredNanos() : d.limitEndNanos();
            boolean inFold = d.met() && folds.stream().anyMatch(f -> d.startNanos() >= f.atNanos()
                    && end <= f.endNanos());
            if (!inFold) {
                double y1 = layout.y(d.startNanos());
                shown.add(new Bracket(d, y1, Math.max(layout.y(end), y1 + 4)));
            }
        }
        shown.sort(Comparator.comparingDouble(Bracket::y1));
        double[] columnEnd = new double[maxColumns];
        java.util.Arrays.fill(columnEnd, Double.NEGATIVE_INFINITY);
        int[] column = new int[shown.size()];
        int used = 0;
        for (int i = 0; i < shown.size(); i++) {
            Bracket b = shown.get(i);
            int c = 0;
            while (c < maxColumns - 1 && columnEnd[c] > b.y1() - 2) {
                c++;
            }
            column[i] = c;
            columnEnd[c] = Math.max(columnEnd[c], b.y2());
            used = Math.max(used, c + 1);
        }
        int labelX = x0 + used * step + 8;
        double lastLabel = Double.NEGATIVE_INFINITY;
        out.append("<g class=\"deadlines\">\n");
        for (int i = 0; i < shown.size(); i++) {
            Bracket b = shown.get(i);
            Deadline d = b.d();
            boolean met = d.met();
            String colour = met ? SequenceDiagramSvg.GREEN : SequenceDiagramSvg.RED;
            int x = x0 + column[i] * step;
            String value = label(d);
            double ly = Math.max((b.y1() + b.y2()) / 2 + 4, lastLabel + LABEL_LINE);
            lastLabel = ly;
            out.append("<g class=\"deadline ").append(met ? "met" : "missed").append("\" data-start-ns=\"")
                    .append(d.startNanos()).append("\" data-limit-ns=\"").append(d.limitNanos()).append("\" data-y1=\"")
                    .append(SequenceDiagramSvg.fmt(b.y1())).append("\" data-y2=\"").append(SequenceDiagramSvg.fmt(b.y2()))
                    .append("\">");
            out.append("<title>").append(Xml.escape(TimelineSvg.printable(d.toMeasurement().format()
                    + (met ? "" : d.measuredNanos() == null ? "  MISSED" : "  LATE")))).append("</title>");
            out.append("<path d=\"M").append(x + 5).append(' ').append(SequenceDiagramSvg.fmt(b.y1())).append(" h-5 V")
                    .append(SequenceDiagramSvg.fmt(b.y2())).append(" h5\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"").append(met ? "1.5" : "2.5").append("\"/>");
            if (Math.abs(ly - 4 - (b.y1() + b.y2()) / 2) > 2) {
                out.append("<line x1=\"").append(x + 1).append("\" y1=\"")
                        .append(SequenceDiagramSvg.fmt((b.y1() + b.y2()) / 2)).append("\" x2=\"").append(labelX - 2)
                        .append("\" y2=\"").append(SequenceDiagramSvg.fmt(ly - 4)).append("\" stroke=\"").append(colour)
                        .append("\" stroke-opacity=\"0.4\" stroke-width=\"0.8\"/>");
            }
            out.append("<text class=\"label\" x=\"").append(labelX).append("\" y=\"").append(SequenceDiagramSvg.fmt(ly))
                    .append("\" fill=\"").append(colour).append('"').append(met ? "" : " font-weight=\"bold\"").append('>')
                    .append(Xml.escape(value)).append("</text></g>\n");
        }
        out.append("</g>\n");
        return lastLabel;
    }

    /** {@code 412 ms / 30 s}, {@code 31.2 s / 30 s LATE}, {@code - / 30 s MISSED}. */
    static String label(Deadline d) {
        String limit = Measurement.formatMillis(d.limitNanos() / 1e6);
        if (d.measuredNanos() == null) {
            return "\u2014 / " + limit + " MISSED";
        }
        return Measurement.formatMillis(d.measuredNanos() / 1e6) + " / " + limit + (d.met() ? "" : " LATE");
    }
}
