package org.miplhil.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Timeline} as a standalone SVG: a time axis, one lane per direction or source,
 * each event a tick with its (truncated) text and the full text as a tooltip, FOTA phases as spans,
 * deadlines as bars from their start to their limit with the measured point marked (green when
 * within, red when past or missing). The scale adapts to the run: 200 ms and 60 s both fill the width.
 */
public final class TimelineSvg {

    static final String GREEN = "#2e7d32";
    static final String RED = "#c62828";

    private static final int WIDTH = 1400;
    private static final int LEFT = 150;
    private static final int RIGHT = 30;
    private static final int TOP = 46;
    private static final int ROW = 15;
    private static final int LANE_PAD = 8;
    private static final int MAX_ROWS = 8;
    private static final int DEADLINE_ROW = 30;
    private static final double CHAR_WIDTH = 6.6; // 11 px monospace
    private static final int MAX_LABEL_CHARS = 34;

    /** Lanes always drawn, so an empty one ("no URC at all") is visible; the others only when used. */
    private static final List<Lane> ALWAYS = List.of(Lane.COMMANDS, Lane.REPLIES, Lane.URCS, Lane.PLATFORM, Lane.POWER);

    private final String title;

    public TimelineSvg(String title) {
        this.title = title == null ? "" : title;
    }

    /** The SVG document for {@code timeline}. */
    public String render(Timeline timeline) {
        Scale scale = Scale.of(timeline);
        StringBuilder bg = new StringBuilder();
        StringBuilder body = new StringBuilder();
        int y = TOP;

        List<Lane> lanes = new ArrayList<>(ALWAYS);
        if (!timeline.phases().isEmpty() || !timeline.events(Lane.PHASES).isEmpty()) {
            lanes.add(Lane.PHASES);
        }
        int laneIndex = 0;
        for (Lane lane : lanes) {
            int height = lane == Lane.PHASES ? drawPhaseLane(bg, body, timeline, scale, y, laneIndex)
                    : drawEventLane(bg, body, lane, timeline.events(lane), scale, y, laneIndex);
            y += height;
            laneIndex++;
        }
        if (!timeline.deadlines().isEmpty()) {
            int height = drawDeadlines(bg, body, timeline.deadlines(), scale, y, laneIndex);
            y += height;
        }
        int plotBottom = y;
        StringBuilder axis = new StringBuilder();
        drawAxis(axis, scale, TOP, plotBottom);
        int height = plotBottom + 44;

        StringBuilder svg = new StringBuilder(body.length() + axis.length() + 2048);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"11\">\n");
        svg.append("<title>").append(Xml.escape("timeline: " + title)).append("</title>\n");
        // a white halo keeps labels readable where a later event's tick crosses them
        svg.append("<style>g.event text, g.deadline text { paint-order: stroke; stroke: #ffffff;"
                + " stroke-width: 3px; stroke-linejoin: round; }</style>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">")
                .append(Xml.escape(truncate(title, 150))).append("</text>\n");
        svg.append("<text x=\"10\" y=\"36\" fill=\"#555\">")
                .append(Xml.escape(summary(timeline, scale))).append("</text>\n");
        svg.append(bg);
        svg.append(axis);
        svg.append(body);
        if (timeline.isEmpty()) {
            svg.append("<text x=\"").append(LEFT + 10).append("\" y=\"").append(TOP + 40)
                    .append("\" fill=\"#888\">nothing recorded</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String summary(Timeline t, Scale s) {
        long missed = t.deadlines().stream().filter(d -> !d.met()).count();
        return t.events().size() + " events, " + t.deadlines().size() + " deadlines"
                + (missed > 0 ? " (" + missed + " missed)" : "") + ", span "
                + Measurement.formatMillis((t.endNanos() - t.startNanos()) / 1e6)
                + "; hover a mark for its full text";
    }

    // ---- lanes --------------------------------------------------------------------------------

    private int drawEventLane(StringBuilder bg, StringBuilder out, Lane lane, List<TimelineEvent> events, Scale scale, int y, int index) {
        // greedy rows: a label goes into the first row where it does not overlap the previous one
        double[] rowEnd = new double[MAX_ROWS];
        java.util.Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
        int[] rowOf = new int[events.size()];
        int rowsUsed = 1;
        for (int i = 0; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            double x = scale.x(e.offsetNanos());
            double w = label(e.text()).length() * CHAR_WIDTH + 8;
            rowOf[i] = -1;
            for (int r = 0; r < MAX_ROWS; r++) {
                if (x + 3 >= rowEnd[r]) {
                    rowOf[i] = r;
                    rowEnd[r] = x + 3 + w;
                    rowsUsed = Math.max(rowsUsed, r + 1);
                    break;
                }
            }
        }
        int height = rowsUsed * ROW + 2 * LANE_PAD;
        laneBackground(bg, lane, y, height, index);
        out.append("<g class=\"lane\" data-lane=\"").append(lane.name()).append("\">\n");
        // latest first, so an earlier label (with its halo) is painted over the ticks it extends across
        for (int i = events.size() - 1; i >= 0; i--) {
            TimelineEvent e = events.get(i);
            double x = scale.x(e.offsetNanos());
            String colour = colour(e);
            String full = printable(e.text()) + (e.detail().isEmpty() ? "" : "  [" + printable(e.detail()) + "]");
            out.append("<g class=\"event\" data-kind=\"").append(e.kind().name())
                    .append("\" data-offset-ns=\"").append(e.offsetNanos())
                    .append("\" data-x=\"").append(fmt(x)).append("\">");
            out.append("<title>").append(Xml.escape("+" + Measurement.formatMillis(e.offsetMillis()) + "  "
                    + e.kind().name().toLowerCase(Locale.ROOT) + "  " + full)).append("</title>");
            out.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(y + 3).append("\" x2=\"")
                    .append(fmt(x)).append("\" y2=\"").append(y + height - 3).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"1.5\" stroke-opacity=\"0.7\"/>");
            if (rowOf[i] >= 0) {
                int ty = y + LANE_PAD + rowOf[i] * ROW + 11;
                out.append("<text x=\"").append(fmt(x + 4)).append("\" y=\"").append(ty).append("\" fill=\"")
                        .append(colour).append("\">").append(Xml.escape(label(e.text()))).append("</text>");
            }
            out.append("</g>\n");
        }
        if (events.isEmpty()) {
            out.append("<text x=\"").append(LEFT + 6).append("\" y=\"").append(y + height / 2 + 4)
                    .append("\" fill=\"#aaa\">none</text>\n");
        }
        out.append("</g>\n");
        return height;
    }

    private int drawPhaseLane(StringBuilder bg, StringBuilder out, Timeline t, Scale scale, int y, int index) {
        List<TimelineEvent> marks = t.events(Lane.PHASES);
        int phaseRows = t.phases().isEmpty() ? 0 : 1;
        int height = (phaseRows + (marks.isEmpty() ? 0 : 1)) * (ROW + 4) + 2 * LANE_PAD;
        laneBackground(bg, Lane.PHASES, y, height, index);
        out.append("<g class=\"lane\" data-lane=\"PHASES\">\n");
        int py = y + LANE_PAD;
        int i = 0;
        for (Phase p : t.phases()) {
            double x1 = scale.x(p.startNanos());
            double x2 = Math.max(scale.x(p.endNanos()), x1 + 2);
            String fill = PHASE_FILLS[i++ % PHASE_FILLS.length];
            int chars = (int) Math.max(0, (x2 - x1 - 6) / CHAR_WIDTH);
            out.append("<g class=\"phase\" data-start-ns=\"").append(p.startNanos()).append("\">");
            out.append("<title>").append(Xml.escape(printable(p.name()) + ": +"
                    + Measurement.formatMillis(p.startNanos() / 1e6) + " .. +"
                    + Measurement.formatMillis(p.endNanos() / 1e6) + " ("
                    + Measurement.formatMillis((p.endNanos() - p.startNanos()) / 1e6) + ")")).append("</title>");
            out.append("<rect x=\"").append(fmt(x1)).append("\" y=\"").append(py).append("\" width=\"")
                    .append(fmt(x2 - x1)).append("\" height=\"").append(ROW + 2).append("\" fill=\"").append(fill)
                    .append("\" stroke=\"#555\" stroke-width=\"0.5\"/>");
            if (chars >= 3) {
                out.append("<text x=\"").append(fmt(x1 + 3)).append("\" y=\"").append(py + 12).append("\" fill=\"#222\">")
                        .append(Xml.escape(truncate(printable(p.name()), chars))).append("</text>");
            }
            out.append("</g>\n");
        }
        if (!marks.isEmpty()) {
            int my = py + phaseRows * (ROW + 4);
            double lastEnd = Double.NEGATIVE_INFINITY;
            for (TimelineEvent e : marks) {
                double x = scale.x(e.offsetNanos());
                out.append("<g class=\"event\" data-kind=\"MARK\" data-offset-ns=\"").append(e.offsetNanos())
                        .append("\" data-x=\"").append(fmt(x)).append("\">");
                out.append("<title>").append(Xml.escape("+" + Measurement.formatMillis(e.offsetMillis()) + "  "
                        + printable(e.text()) + (e.detail().isEmpty() ? "" : "  [" + printable(e.detail()) + "]")))
                        .append("</title>");
                out.append("<path d=\"M").append(fmt(x)).append(' ').append(my + 1).append(" l4 6 l-4 6 l-4 -6 z\" fill=\"#37474f\"/>");
                if (x + 6 >= lastEnd) {
                    String l = label(e.text());
                    out.append("<text x=\"").append(fmt(x + 6)).append("\" y=\"").append(my + 11).append("\" fill=\"#37474f\">")
                            .append(Xml.escape(l)).append("</text>");
                    lastEnd = x + 6 + l.length() * CHAR_WIDTH + 6;
                }
                out.append("</g>\n");
            }
        }
        out.append("</g>\n");
        return height;
    }

    private static final String[] PHASE_FILLS = {"#bbdefb", "#ffe0b2", "#c8e6c9", "#e1bee7", "#fff9c4", "#d7ccc8"};

    private int drawDeadlines(StringBuilder bg, StringBuilder out, List<Deadline> deadlines, Scale scale, int y, int index) {
        int height = deadlines.size() * DEADLINE_ROW + 2 * LANE_PAD;
        laneBackground(bg, Lane.DEADLINES, y, height, index);
        out.append("<g class=\"lane\" data-lane=\"DEADLINES\">\n");
        int row = 0;
        for (Deadline d : deadlines) {
            int ry = y + LANE_PAD + row * DEADLINE_ROW;
            double x1 = scale.x(d.startNanos());
            double x2 = Math.max(scale.x(d.limitEndNanos()), x1 + 2);
            boolean met = d.met();
            String colour = met ? GREEN : RED;
            String text = d.toMeasurement().format() + (met ? "" : d.measuredNanos() == null ? "  MISSED" : "  LATE");
            out.append("<g class=\"deadline ").append(met ? "met" : "missed").append("\" data-start-ns=\"")
                    .append(d.startNanos()).append("\" data-limit-ns=\"").append(d.limitNanos()).append("\">");
            out.append("<title>").append(Xml.escape(printable(text))).append("</title>");
            // label above the bar, starting at the bar, kept inside the picture
            double tx = Math.min(x1, WIDTH - RIGHT - Math.min(text.length(), 90) * CHAR_WIDTH);
            out.append("<text x=\"").append(fmt(Math.max(LEFT + 2, tx))).append("\" y=\"").append(ry + 11)
                    .append("\" fill=\"").append(colour).append("\">").append(Xml.escape(truncate(printable(text), 90)))
                    .append("</text>");
            out.append("<rect class=\"deadline-bar\" x=\"").append(fmt(x1)).append("\" y=\"").append(ry + 15)
                    .append("\" width=\"").append(fmt(x2 - x1)).append("\" height=\"9\" fill=\"").append(colour)
                    .append("\" fill-opacity=\"0.55\" stroke=\"").append(colour).append("\"/>");
            if (d.measuredNanos() != null) {
                double xm = scale.x(d.startNanos() + d.measuredNanos());
                if (!met) {
                    out.append("<line class=\"deadline-overrun\" x1=\"").append(fmt(x2)).append("\" y1=\"").append(ry + 19)
                            .append("\" x2=\"").append(fmt(xm)).append("\" y2=\"").append(ry + 19).append("\" stroke=\"")
                            .append(RED).append("\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>");
                }
                out.append("<path class=\"deadline-measured\" data-x=\"").append(fmt(xm)).append("\" d=\"M")
                        .append(fmt(xm)).append(' ').append(ry + 12).append(" l5 7.5 l-5 7.5 l-5 -7.5 z\" fill=\"")
                        .append(met ? "#1b5e20" : "#b71c1c").append("\" stroke=\"#000\" stroke-width=\"0.8\"/>");
            } else {
                // never arrived: a cross at the limit
                out.append("<path class=\"deadline-missing\" d=\"M").append(fmt(x2 - 5)).append(' ').append(ry + 14)
                        .append(" l10 11 m0 -11 l-10 11\" stroke=\"").append(RED).append("\" stroke-width=\"2\"/>");
            }
            out.append("</g>\n");
            row++;
        }
        out.append("</g>\n");
        return height;
    }

    private void laneBackground(StringBuilder out, Lane lane, int y, int height, int index) {
        out.append("<rect class=\"lane-bg\" x=\"0\" y=\"").append(y).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" fill=\"").append(index % 2 == 0 ? "#f6f7f9" : "#ffffff")
                .append("\"/>\n");
        out.append("<text class=\"lane-label\" x=\"8\" y=\"").append(y + Math.min(height / 2 + 4, 22))
                .append("\" font-weight=\"bold\" fill=\"#333\">").append(Xml.escape(lane.label())).append("</text>\n");
        out.append("<line x1=\"0\" y1=\"").append(y + height).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(y + height).append("\" stroke=\"#ddd\"/>\n");
    }

    private void drawAxis(StringBuilder out, Scale scale, int top, int bottom) {
        out.append("<g class=\"axis\" data-unit=\"").append(scale.unit()).append("\">\n");
        long ticks = Math.round((scale.axisEndMs - scale.axisStartMs) / scale.stepMs);
        for (long i = 0; i <= ticks; i++) {
            double t = scale.axisStartMs + i * scale.stepMs;
            double x = scale.xMs(t);
            out.append("<line class=\"grid\" x1=\"").append(fmt(x)).append("\" y1=\"").append(top).append("\" x2=\"")
                    .append(fmt(x)).append("\" y2=\"").append(bottom + 4).append("\" stroke=\"#e3e3e3\"/>");
            out.append("<text class=\"tick\" x=\"").append(fmt(x)).append("\" y=\"").append(bottom + 17)
                    .append("\" text-anchor=\"middle\" fill=\"#444\">").append(Xml.escape(scale.tickLabel(t)))
                    .append("</text>\n");
        }
        out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom + 4).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom + 4).append("\" stroke=\"#444\"/>\n");
        out.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(bottom + 34)
                .append("\" text-anchor=\"middle\" fill=\"#444\">time since the case started (")
                .append(scale.unit()).append(")</text>\n");
        out.append("</g>\n");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String colour(TimelineEvent e) {
        return switch (e.kind()) {
            case COMMAND -> "#1565c0";
            case FINAL_RESULT -> isError(e.text()) ? RED : GREEN;
            case INFORMATION -> "#00695c";
            case NOISE -> "#e65100";
            case URC -> "#6a1b9a";
            case COAP_REQUEST -> "#4e342e";
            case COAP_RESPONSE -> "#8d6e63";
            case POWER_OFF -> "#b71c1c";
            case POWER_ON -> "#1b5e20";
            case MARK -> "#37474f";
        };
    }

    private static boolean isError(String text) {
        String t = text.strip();
        return t.startsWith("ERROR") || t.startsWith("+CIS ERROR") || t.startsWith("+CME ERROR");
    }

    private static String label(String text) {
        return truncate(printable(text), MAX_LABEL_CHARS);
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return max <= 3 ? s.substring(0, Math.max(0, max)) : s.substring(0, max - 3) + "...";
    }

    /** CR, LF and other controls made visible, so a garbled line shows what it carried. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\x%02X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Maps time to x; the axis is rounded out to whole ticks of 1, 2 or 5 times a power of ten. */
    static final class Scale {
        final double axisStartMs;
        final double axisEndMs;
        final double stepMs;

        private Scale(double axisStartMs, double axisEndMs, double stepMs) {
            this.axisStartMs = axisStartMs;
            this.axisEndMs = axisEndMs;
            this.stepMs = stepMs;
        }

        static Scale of(Timeline t) {
            double start = Math.min(0, t.startNanos() / 1e6);
            double end = Math.max(t.endNanos() / 1e6, start + 1);
            double step = niceStep((end - start) / 10);
            double a = Math.floor(start / step) * step;
            double b = Math.ceil(end / step) * step;
            if (b <= a) {
                b = a + step;
            }
            return new Scale(a, b, step);
        }

        static double niceStep(double raw) {
            double pow = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / pow;
            double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
            return nice * pow;
        }

        double x(long offsetNanos) {
            return xMs(offsetNanos / 1e6);
        }

        double xMs(double ms) {
            return LEFT + (ms - axisStartMs) / (axisEndMs - axisStartMs) * (WIDTH - LEFT - RIGHT);
        }

        String unit() {
            return axisEndMs - axisStartMs >= 10_000 ? "s" : "ms";
        }

        String tickLabel(double ms) {
            double v = unit().equals("s") ? ms / 1000 : ms;
            return Measurement.number(Math.round(v * 1000) / 1000.0);
        }
    }
}
