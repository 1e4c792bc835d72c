package org.miplhil.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link FotaTimeline} as a standalone SVG: the phases of 6.1 as bands (download, downloaded, update, reboot,
 * re-register; a band cut by the power is hatched red at its end, one still open at the end of the case is dashed),
 * the update's progress as a line from 0 to 100 %, the power row with each cut and restore and the time without
 * power shaded, the FOTA URCs and the platform's campaign steps as labelled ticks. Every element carries its time
 * ({@code data-offset-ns}) and its x ({@code data-x}) so that tests and tools can read it back.
 */
public final class FotaTimelineSvg {

    private static final int WIDTH = 1400;
    private static final int LEFT = 150;
    private static final int RIGHT = 30;
    private static final int TOP = 46;
    private static final int BAND_ROW = 34;
    private static final int PROGRESS_ROW = 90;
    private static final int POWER_ROW = 40;
    private static final int TICK_ROW = 16;
    private static final int TICK_ROWS = 4;
    private static final double CHAR_WIDTH = 6.6;

    static final String CUT = "#c62828";
    static final String RESTORE = "#2e7d32";

    private static final java.util.Map<String, String> FILLS = java.util.Map.of(
            "download", "#bbdefb", "downloaded", "#c5cae9", "update", "#ffe0b2", "reboot", "#d7ccc8",
            "re-register", "#c8e6c9");

    private final String title;

    public FotaTimelineSvg(String title) {
        this.title = title == null ? "" : title;
    }

    public String render(FotaTimeline t) {
        double start = t.startNanos() / 1e6;
        double end = Math.max(t.lastNanos() / 1e6, start + 1);
        double step = TimelineSvg.Scale.niceStep((end - start) / 10);
        double a = Math.floor(start / step) * step;
        double b = Math.max(Math.ceil(end / step) * step, a + step);
        Axis axis = new Axis(a, b, step);

        StringBuilder body = new StringBuilder();
        StringBuilder bg = new StringBuilder();
        int y = TOP;
        y += bands(bg, body, t, axis, y);
        y += progress(bg, body, t, axis, y);
        y += power(bg, body, t, axis, y);
        y += ticks(bg, body, "FOTA URCs", "urcs", t.marks(FotaTimeline.MarkKind.URC), axis, y, "#6a1b9a");
        y += ticks(bg, body, "platform campaign", "campaign", t.marks(FotaTimeline.MarkKind.CAMPAIGN), axis, y,
                "#4e342e");
        int bottom = y;
        StringBuilder ax = new StringBuilder();
        axis.draw(ax, TOP, bottom);
        int height = bottom + 44;

        StringBuilder svg = new StringBuilder(body.length() + 4096);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"11\">\n");
        svg.append("<title>").append(Xml.escape("FOTA timeline: " + title)).append("</title>\n");
        svg.append("<defs><pattern id=\"cut-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#ffcdd2\"/>"
                + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"" + CUT + "\" stroke-width=\"2\"/></pattern></defs>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">")
                .append(Xml.escape(TimelineSvg.truncate("FOTA: " + title, 150))).append("</text>\n");
        svg.append("<text x=\"10\" y=\"36\" fill=\"#555\">").append(Xml.escape(summary(t))).append("</text>\n");
        svg.append(bg).append(ax).append(body);
        if (t.isEmpty()) {
            svg.append("<text x=\"").append(LEFT + 10).append("\" y=\"").append(TOP + 20)
                    .append("\" fill=\"#888\">no firmware update seen</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String summary(FotaTimeline t) {
        int last = t.progress().isEmpty() ? -1 : t.progress().get(t.progress().size() - 1).percent();
        return t.bands().size() + " phases, " + t.marks(FotaTimeline.MarkKind.CUT).size() + " cuts, "
                + t.progress().size() + " progress reports" + (last < 0 ? "" : " (last " + last + " %)")
                + ", " + t.marks(FotaTimeline.MarkKind.CAMPAIGN).size() + " campaign steps; hover a mark for its text";
    }

    private int bands(StringBuilder bg, StringBuilder out, FotaTimeline t, Axis axis, int y) {
        lane(bg, "phases", y, BAND_ROW, 0);
        out.append("<g class=\"lane\" data-lane=\"phases\">\n");
        for (FotaTimeline.Band band : t.bands()) {
            double x1 = axis.x(band.startNanos());
            double x2 = Math.max(axis.x(band.endNanos()), x1 + 2);
            String fill = FILLS.getOrDefault(band.name(), "#eeeeee");
            out.append("<g class=\"band\" data-phase=\"").append(Xml.escape(band.name())).append("\" data-ending=\"")
                    .append(band.ending().name()).append("\" data-offset-ns=\"").append(band.startNanos())
                    .append("\" data-end-ns=\"").append(band.endNanos()).append("\" data-x=\"").append(fmt(x1))
                    .append("\">");
            out.append("<title>").append(Xml.escape(band.name() + ": +" + ms(band.startNanos()) + " .. +"
                    + ms(band.endNanos()) + " (" + Measurement.formatMillis((band.endNanos() - band.startNanos()) / 1e6)
                    + ")" + switch (band.ending()) {
                        case CUT -> ", cut by the power";
                        case OPEN -> ", still going when the case ended";
                        case DONE -> "";
                    })).append("</title>");
            out.append("<rect x=\"").append(fmt(x1)).append("\" y=\"").append(y + 6).append("\" width=\"")
                    .append(fmt(x2 - x1)).append("\" height=\"22\" fill=\"").append(fill).append("\" stroke=\"#555\"")
                    .append(band.ending() == FotaTimeline.Ending.OPEN ? " stroke-dasharray=\"4 2\"" : "")
                    .append(" stroke-width=\"0.7\"/>");
            if (band.ending() == FotaTimeline.Ending.CUT) {
                double w = Math.min(8, x2 - x1);
                out.append("<rect class=\"band-cut\" x=\"").append(fmt(x2 - w)).append("\" y=\"").append(y + 6)
                        .append("\" width=\"").append(fmt(w)).append("\" height=\"22\" fill=\"url(#cut-hatch)\"/>");
            }
            int chars = (int) Math.max(0, (x2 - x1 - 6) / CHAR_WIDTH);
            if (chars >= 3) {
                out.append("<text x=\"").append(fmt(x1 + 3)).append("\" y=\"").append(y + 21).append("\" fill=\"#222\">")
                        .append(Xml.escape(TimelineSvg.truncate(band.name(), chars))).append("</text>");
            }
            out.append("</g>\n");
        }
        out.append("</g>\n");
        return BAND_ROW;
    }

    private int progress(StringBuilder bg, StringBuilder out, FotaTimeline t, Axis axis, int y) {
        lane(bg, "update progress", y, PROGRESS_ROW, 1);
        int top = y + 8;
        int plot = PROGRESS_ROW - 16;
        out.append("<g class=\"lane\" data-lane=\"progress\">\n");
        for (int p : new int[] {0, 50, 100}) {
            double py = top + plot - plot * p / 100.0;
            out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(py)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(fmt(py)).append("\" stroke=\"#e0e0e0\"/>");
            out.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(py + 4))
                    .append("\" text-anchor=\"end\" fill=\"#777\">").append(p).append("%</text>\n");
        }
        List<FotaTimeline.Progress> points = t.progress();
        if (points.size() > 1) {
            StringBuilder d = new StringBuilder();
            for (FotaTimeline.Progress p : points) {
                d.append(d.length() == 0 ? "" : " ").append(fmt(axis.x(p.atNanos()))).append(',')
                        .append(fmt(top + plot - plot * p.percent() / 100.0));
            }
            out.append("<polyline class=\"progress-line\" points=\"").append(d).append("\" fill=\"none\" stroke=\"#ef6c00\""
                    + " stroke-width=\"1.5\"/>\n");
        }
        for (FotaTimeline.Progress p : points) {
            double x = axis.x(p.atNanos());
            out.append("<circle class=\"progress\" data-percent=\"").append(p.percent()).append("\" data-offset-ns=\"")
                    .append(p.atNanos()).append("\" data-x=\"").append(fmt(x)).append("\" cx=\"").append(fmt(x))
                    .append("\" cy=\"").append(fmt(top + plot - plot * p.percent() / 100.0))
                    .append("\" r=\"2.5\" fill=\"#ef6c00\"><title>").append(Xml.escape("+" + ms(p.atNanos())
                            + "  UPDATING " + p.percent() + " %")).append("</title></circle>\n");
        }
        out.append("</g>\n");
        return PROGRESS_ROW;
    }

    private int power(StringBuilder bg, StringBuilder out, FotaTimeline t, Axis axis, int y) {
        lane(bg, "power", y, POWER_ROW, 0);
        out.append("<g class=\"lane\" data-lane=\"power\">\n");
        List<FotaTimeline.Mark> all = t.marks().stream().filter(m -> m.kind() == FotaTimeline.MarkKind.CUT
                || m.kind() == FotaTimeline.MarkKind.RESTORE || m.kind() == FotaTimeline.MarkKind.TRIGGER).toList();
        // the time without power, shaded: from a cut to the next restore (or the end)
        Long off = null;
        for (FotaTimeline.Mark m : all) {
            if (m.kind() == FotaTimeline.MarkKind.CUT && off == null) {
                off = m.atNanos();
            } else if (m.kind() == FotaTimeline.MarkKind.RESTORE && off != null) {
                unpowered(out, axis, off, m.atNanos(), y);
                off = null;
            }
        }
        if (off != null) {
            unpowered(out, axis, off, t.lastNanos(), y);
        }
        // labels in two rows, each in the first row where it does not run into the previous label
        double[] rowEnd = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (FotaTimeline.Mark m : all) {
            double x = axis.x(m.atNanos());
            String label = TimelineSvg.truncate(TimelineSvg.printable(m.text()), 40);
            int row = x + 7 >= rowEnd[0] ? 0 : x + 7 >= rowEnd[1] ? 1 : -1;
            if (row >= 0) {
                rowEnd[row] = x + 7 + label.length() * CHAR_WIDTH + 6;
            }
            String cls = m.kind() == FotaTimeline.MarkKind.CUT ? "cut"
                    : m.kind() == FotaTimeline.MarkKind.RESTORE ? "restore" : "trigger";
            String colour = switch (cls) {
                case "cut" -> CUT;
                case "restore" -> RESTORE;
                default -> "#37474f";
            };
            out.append("<g class=\"mark ").append(cls).append("\" data-offset-ns=\"").append(m.atNanos())
                    .append("\" data-x=\"").append(fmt(x)).append("\">");
            out.append("<title>").append(Xml.escape("+" + ms(m.atNanos()) + "  " + m.text())).append("</title>");
            if (cls.equals("trigger")) {
                out.append("<path d=\"M").append(fmt(x)).append(' ').append(y + 4).append(" l4 6 l-4 6 l-4 -6 z\" fill=\"")
                        .append(colour).append("\"/>");
            } else {
                // a cut points down, a restore up
                int tip = cls.equals("cut") ? y + 22 : y + 8;
                int base = cls.equals("cut") ? y + 10 : y + 20;
                out.append("<path d=\"M").append(fmt(x - 5)).append(' ').append(base).append(" L").append(fmt(x + 5))
                        .append(' ').append(base).append(" L").append(fmt(x)).append(' ').append(tip)
                        .append(" z\" fill=\"").append(colour).append("\"/>");
                out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(y + 2).append("\" x2=\"").append(fmt(x))
                        .append("\" y2=\"").append(y + POWER_ROW - 2).append("\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1.5\"/>");
            }
            if (row >= 0) {
                out.append("<text x=\"").append(fmt(x + 7)).append("\" y=\"").append(row == 0 ? y + 15 : y + 33)
                        .append("\" fill=\"").append(colour).append("\">").append(Xml.escape(label)).append("</text>");
            }
            out.append("</g>\n");
        }
        out.append("</g>\n");
        return POWER_ROW;
    }

    private static void unpowered(StringBuilder out, Axis axis, long from, long to, int y) {
        double x1 = axis.x(from);
        double x2 = Math.max(axis.x(to), x1 + 1);
        out.append("<rect class=\"unpowered\" data-offset-ns=\"").append(from).append("\" x=\"").append(fmt(x1))
                .append("\" y=\"").append(y + 2).append("\" width=\"").append(fmt(x2 - x1)).append("\" height=\"")
                .append(POWER_ROW - 4).append("\" fill=\"#ffebee\"><title>")
                .append(Xml.escape("no power: +" + ms(from) + " .. +" + ms(to))).append("</title></rect>\n");
    }

    private int ticks(StringBuilder bg, StringBuilder out, String label, String lane, List<FotaTimeline.Mark> marks,
                      Axis axis, int y, String colour) {
        double[] rowEnd = new double[TICK_ROWS];
        java.util.Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
        int[] rowOf = new int[marks.size()];
        int rows = 1;
        for (int i = 0; i < marks.size(); i++) {
            double x = axis.x(marks.get(i).atNanos());
            String text = TimelineSvg.truncate(TimelineSvg.printable(marks.get(i).text()), 34);
            rowOf[i] = -1;
            for (int r = 0; r < TICK_ROWS; r++) {
                if (x + 3 >= rowEnd[r]) {
                    rowOf[i] = r;
                    rowEnd[r] = x + 3 + text.length() * CHAR_WIDTH + 8;
                    rows = Math.max(rows, r + 1);
                    break;
                }
            }
        }
        int height = rows * TICK_ROW + 12;
        lane(bg, label, y, height, lane.equals("urcs") ? 1 : 0);
        out.append("<g class=\"lane\" data-lane=\"").append(lane).append("\">\n");
        for (int i = 0; i < marks.size(); i++) {
            FotaTimeline.Mark m = marks.get(i);
            double x = axis.x(m.atNanos());
            out.append("<g class=\"mark ").append(lane.equals("urcs") ? "urc" : "campaign").append("\" data-offset-ns=\"")
                    .append(m.atNanos()).append("\" data-x=\"").append(fmt(x)).append("\">");
            out.append("<title>").append(Xml.escape("+" + ms(m.atNanos()) + "  " + TimelineSvg.printable(m.text())))
                    .append("</title>");
            out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(y + 3).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(y + height - 3).append("\" stroke=\"").append(colour)
                    .append("\" stroke-opacity=\"0.7\"/>");
            if (rowOf[i] >= 0) {
                out.append("<text x=\"").append(fmt(x + 4)).append("\" y=\"").append(y + 6 + rowOf[i] * TICK_ROW + 11)
                        .append("\" fill=\"").append(colour).append("\">")
                        .append(Xml.escape(TimelineSvg.truncate(TimelineSvg.printable(m.text()), 34))).append("</text>");
            }
            out.append("</g>\n");
        }
        if (marks.isEmpty()) {
            out.append("<text x=\"").append(LEFT + 6).append("\" y=\"").append(y + height / 2 + 4)
                    .append("\" fill=\"#aaa\">none</text>\n");
        }
        out.append("</g>\n");
        return height;
    }

    private static void lane(StringBuilder out, String label, int y, int height, int shade) {
        out.append("<rect class=\"lane-bg\" x=\"0\" y=\"").append(y).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" fill=\"").append(shade == 0 ? "#f6f7f9" : "#ffffff")
                .append("\"/>\n");
        out.append("<text class=\"lane-label\" x=\"8\" y=\"").append(y + Math.min(height / 2 + 4, 22))
                .append("\" font-weight=\"bold\" fill=\"#333\">").append(Xml.escape(label)).append("</text>\n");
        out.append("<line x1=\"0\" y1=\"").append(y + height).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(y + height).append("\" stroke=\"#ddd\"/>\n");
    }

    private static String ms(long nanos) {
        return Measurement.formatMillis(nanos / 1e6);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Time to x, the axis rounded out to whole ticks. */
    private record Axis(double startMs, double endMs, double stepMs) {
        double x(long nanos) {
            return LEFT + (nanos / 1e6 - startMs) / (endMs - startMs) * (WIDTH - LEFT - RIGHT);
        }

        String unit() {
            return endMs - startMs >= 10_000 ? "s" : "ms";
        }

        void draw(StringBuilder out, int top, int bottom) {
            out.append("<g class=\"axis\" data-unit=\"").append(unit()).append("\">\n");
            long ticks = Math.round((endMs - startMs) / stepMs);
            for (long i = 0; i <= ticks; i++) {
                double t = startMs + i * stepMs;
                double x = LEFT + (t - startMs) / (endMs - startMs) * (WIDTH - LEFT - RIGHT);
                double v = unit().equals("s") ? t / 1000 : t;
                out.append("<line class=\"grid\" x1=\"").append(fmt(x)).append("\" y1=\"").append(top).append("\" x2=\"")
                        .append(fmt(x)).append("\" y2=\"").append(bottom + 4).append("\" stroke=\"#e3e3e3\"/>");
                out.append("<text class=\"tick\" x=\"").append(fmt(x)).append("\" y=\"").append(bottom + 17)
                        .append("\" text-anchor=\"middle\" fill=\"#444\">")
                        .append(Xml.escape(Measurement.number(Math.round(v * 1000) / 1000.0))).append("</text>\n");
            }
            out.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(bottom + 34)
                    .append("\" text-anchor=\"middle\" fill=\"#444\">time since the case started (").append(unit())
                    .append(")</text>\n");
            out.append("</g>\n");
        }
    }
}
