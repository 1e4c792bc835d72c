package org.miplhil.report;

import java.util.List;
import java.util.Locale;
import org.miplhil.report.SeqRow.Across;
import org.miplhil.report.SeqRow.Arrow;
import org.miplhil.report.SeqRow.FailureMark;
import org.miplhil.report.SeqRow.Fold;
import org.miplhil.report.SeqRow.Gap;
import org.miplhil.report.SeqRow.Party;
import org.miplhil.report.SequenceLayout.Placed;

/**
 * Draws a case's {@link Timeline} as a sequence diagram (standalone SVG): lanes for the MCU, the module and the
 * platform, time running down; an arrow per command, reply, URC and CoAP message; idle stretches compressed and
 * labelled; power, FOTA phases and marks across the lanes; deadlines as brackets to the right with the measured
 * value against the limit (red when missed); failures marked where they happened with what was awaited and what
 * arrived. Repeated cycles of lines are folded ({@link SequenceCycles}). Every element carries its time
 * ({@code data-offset-ns}) and its place ({@code data-y}) so tests and tools can read it back; labels are
 * truncated with the full text in a {@code <title>}.
 */
public final class SequenceDiagramSvg {

    static final int WIDTH = 1400;
    static final int HEADER_TOP = 48;
    static final int HEADER_BOTTOM = 78;
    static final int TOP = 92;
    private static final int BRACKET_X = 1040;
    private static final int BRACKET_STEP = 9;
    private static final int MAX_COLUMNS = 8;
    private static final double CHAR_WIDTH = 6.6; // 11 px monospace
    private static final int LABEL_CHARS = 52;

    static final String RED = TimelineSvg.RED;
    static final String GREEN = TimelineSvg.GREEN;
    static final String INSTEAD = "#ef6c00";

    private final String title;

    public SequenceDiagramSvg(String title) {
        this.title = title == null ? "" : title;
    }

    static int laneX(Party p) {
        return switch (p) {
            case MCU -> 240;
            case MODULE -> 600;
            case PLATFORM -> 960;
        };
    }

    /** The diagram of {@code timeline}. */
    public String render(Timeline timeline) {
        return render(timeline, null);
    }

    /** The diagram of {@code timeline}; {@code failure} (or null) is marked at the end when no deadline shows it. */
    public String render(Timeline timeline, Failure failure) {
        List<SeqRow> rows = SequenceRows.of(timeline, failure);
        SequenceLayout layout = SequenceLayout.of(rows, TOP);
        StringBuilder body = new StringBuilder();
        List<Placed> placed = layout.placed();
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            SeqRow r = p.row();
            if (r instanceof Arrow a) {
                arrow(body, a, p);
            } else if (r instanceof Fold f) {
                fold(body, f, p, timeline);
            } else if (r instanceof Gap g) {
                gap(body, g, p);
            } else if (r instanceof Across a) {
                across(body, a, p, i + 1 < placed.size() && placed.get(i + 1).slot() == 1);
            } else if (r instanceof FailureMark f) {
                failure(body, f, p);
            }
        }
        double labels = DeadlineBrackets.draw(body, timeline.deadlines(), rows, layout, BRACKET_X, BRACKET_STEP,
                MAX_COLUMNS);
        double bottom = Math.max(Math.max(layout.bottom(), labels + 4), TOP + 30);
        int height = (int) Math.ceil(bottom) + 50;

        StringBuilder svg = new StringBuilder(body.length() + 4096);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"sequence-diagram\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height)
                .append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"11\">\n");
        svg.append("<title>").append(Xml.escape("sequence diagram: " + title)).append("</title>\n");
        svg.append("<style>text.halo { paint-order: stroke; stroke: #ffffff; stroke-width: 3px;"
                + " stroke-linejoin: round; }</style>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">")
                .append(Xml.escape(TimelineSvg.truncate(TimelineSvg.printable(title), 150))).append("</text>\n");
        svg.append("<text class=\"summary\" x=\"10\" y=\"36\" fill=\"#555\">")
                .append(Xml.escape(summary(timeline, rows))).append("</text>\n");
        for (Party p : Party.values()) {
            svg.append("<line class=\"lifeline\" data-party=\"").append(p.name()).append("\" x1=\"").append(laneX(p))
                    .append("\" y1=\"").append(HEADER_BOTTOM).append("\" x2=\"").append(laneX(p)).append("\" y2=\"")
                    .append(fmt(bottom + 8)).append("\" stroke=\"#9e9e9e\" stroke-dasharray=\"3 3\"/>\n");
        }
        svg.append(body);
        if (rows.isEmpty()) {
            svg.append("<text x=\"").append(laneX(Party.MCU) + 10).append("\" y=\"").append(TOP + 16)
                    .append("\" fill=\"#888\">nothing recorded</text>\n");
        }
        headers(svg, HEADER_TOP, "lane-header");
        headers(svg, (int) Math.ceil(bottom) + 12, "lane-footer");
        svg.append("<text x=\"").append(BRACKET_X - 4).append("\" y=\"").append(HEADER_TOP + 19)
                .append("\" fill=\"#444\">deadlines (measured / limit)</text>\n");
        svg.append("<text x=\"10\" y=\"").append(HEADER_TOP + 19).append("\" fill=\"#444\">time</text>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String summary(Timeline t, List<SeqRow> rows) {
        long missed = t.deadlines().stream().filter(d -> !d.met()).count();
        int folded = rows.stream().filter(r -> r instanceof Fold).mapToInt(r -> ((Fold) r).count()).sum();
        return t.events().size() + " events" + (folded > 0 ? " (" + folded + " repetitions folded)" : "")
                + ", " + t.deadlines().size() + " deadlines" + (missed > 0 ? " (" + missed + " missed)" : "")
                + ", span " + Measurement.formatMillis((t.endNanos() - t.startNanos()) / 1e6)
                + "; time runs down, hover for full text";
    }

    private static void headers(StringBuilder out, int y, String cls) {
        for (Party p : Party.values()) {
            int x = laneX(p);
            out.append("<g class=\"").append(cls).append("\" data-party=\"").append(p.name()).append("\">")
                    .append("<rect x=\"").append(x - 80).append("\" y=\"").append(y).append("\" width=\"160\" height=\"")
                    .append(HEADER_BOTTOM - HEADER_TOP).append("\" rx=\"4\" fill=\"#eceff1\" stroke=\"#455a64\"/>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(y + 19)
                    .append("\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#263238\">")
                    .append(Xml.escape(p.label())).append("</text></g>\n");
        }
    }

    // ---- rows -----------------------------------------------------------------------------------------------------

    private static void arrow(StringBuilder out, Arrow a, Placed p) {
        TimelineEvent e = a.event();
        String colour = a.instead() ? INSTEAD : colour(e);
        double y = p.y() + p.height() - 4;
        int x1 = laneX(a.from());
        int x2 = laneX(a.to());
        int dir = x2 > x1 ? 1 : -1;
        out.append("<g class=\"arrow").append(a.instead() ? " arrived-instead" : "").append("\" data-kind=\"")
                .append(e.kind().name()).append("\" data-from=\"").append(a.from().name()).append("\" data-to=\"")
                .append(a.to().name()).append("\" data-offset-ns=\"").append(e.offsetNanos()).append("\" data-y=\"")
                .append(fmt(y)).append("\">");
        out.append("<title>").append(Xml.escape(tooltip(e) + (a.instead() ? "  (arrived while something else was awaited)"
                : ""))).append("</title>");
        time(out, e.offsetNanos(), y);
        out.append("<line x1=\"").append(x1).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(x2 - dir * 2)
                .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"")
                .append(a.instead() ? "2.5" : "1.3").append('"')
                .append(e.kind() == EventKind.URC || e.kind() == EventKind.COAP_RESPONSE ? " stroke-dasharray=\"6 3\"" : "")
                .append("/>");
        out.append("<path d=\"M").append(x2).append(' ').append(fmt(y)).append(" l").append(-dir * 8).append(" -4 l0 8 z\" fill=\"")
                .append(colour).append("\"/>");
        String label = TimelineSvg.truncate(TimelineSvg.printable(e.text()), LABEL_CHARS);
        out.append("<text class=\"label halo\" x=\"").append((x1 + x2) / 2).append("\" y=\"").append(fmt(y - 4))
                .append("\" text-anchor=\"middle\" fill=\"").append(colour).append('"')
                .append(a.instead() ? " font-weight=\"bold\"" : "").append('>').append(Xml.escape(label))
                .append("</text></g>\n");
    }

    private static void fold(StringBuilder out, Fold f, Placed p, Timeline t) {
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        for (TimelineEvent e : f.pattern()) {
            Party[] d = SequenceRows.direction(e);
            left = Math.min(left, Math.min(laneX(d[0]), laneX(d[1])));
            right = Math.max(right, Math.max(laneX(d[0]), laneX(d[1])));
        }
        String pattern = String.join(" / ", SequenceCycles.pattern(f).stream().map(TimelineSvg::printable).toList());
        List<String> values = SequenceCycles.values(f);
        String when = "+" + Measurement.formatMillis(f.atNanos() / 1e6) + " \u2013 +"
                + Measurement.formatMillis(f.endNanos() / 1e6);
        long deadlines = t.deadlines().stream().filter(d -> d.startNanos() >= f.atNanos()
                && d.startNanos() <= f.endNanos()).count();
        String cycle = f.pattern().size() == 1 ? "the same line" : "the same cycle of " + f.pattern().size() + " lines";
        StringBuilder tip = new StringBuilder(f.count() + " \u00d7 " + cycle + ", " + when
                + (values.isEmpty() ? "" : ", values " + String.join(", ", values))
                + (deadlines > 0 ? ", " + deadlines + " deadlines all met" : "") + ":\n");
        int shown = 0;
        for (TimelineEvent e : f.hidden()) {
            if (shown++ == 60) {
                tip.append("... ").append(f.hidden().size() - 60).append(" more\n");
                break;
            }
            tip.append('+').append(Measurement.formatMillis(e.offsetMillis())).append("  ")
                    .append(TimelineSvg.printable(e.text())).append('\n');
        }
        out.append("<g class=\"fold\" data-count=\"").append(f.count()).append("\" data-cycle=\"")
                .append(f.pattern().size()).append("\" data-offset-ns=\"").append(f.atNanos())
                .append("\" data-end-ns=\"").append(f.endNanos()).append("\" data-y=\"").append(fmt(p.y())).append("\">");
        out.append("<title>").append(Xml.escape(tip.toString())).append("</title>");
        time(out, f.atNanos(), p.y() + 14);
        out.append("<rect x=\"").append(left - 30).append("\" y=\"").append(fmt(p.y() + 3)).append("\" width=\"")
                .append(right - left + 60).append("\" height=\"").append(fmt(p.height() - 6))
                .append("\" rx=\"6\" fill=\"#f3e5f5\" stroke=\"#8e24aa\" stroke-dasharray=\"5 3\"/>");
        int chars = (int) ((right - left + 40) / CHAR_WIDTH);
        out.append("<text class=\"label\" x=\"").append(left - 22).append("\" y=\"").append(fmt(p.y() + 16))
                .append("\" font-weight=\"bold\" fill=\"#6a1b9a\">")
                .append(Xml.escape(TimelineSvg.truncate(f.count() + " \u00d7 " + pattern, chars))).append("</text>");
        out.append("<text class=\"label fold-values\" x=\"").append(left - 22).append("\" y=\"").append(fmt(p.y() + 29))
                .append("\" fill=\"#6a1b9a\">")
                .append(Xml.escape(TimelineSvg.truncate("(" + (values.isEmpty() ? "" : "values "
                        + String.join(", ", values) + ", ") + when + (deadlines > 0 ? ", " + deadlines + " deadlines met" : "")
                        + ")", chars))).append("</text></g>\n");
    }

    private static void gap(StringBuilder out, Gap g, Placed p) {
        double m = p.middle();
        String label = "\u2026 " + Measurement.formatMillis((g.endNanos() - g.atNanos()) / 1e6) + " \u2026";
        out.append("<g class=\"gap\" data-offset-ns=\"").append(g.atNanos()).append("\" data-end-ns=\"")
                .append(g.endNanos()).append("\" data-y=\"").append(fmt(p.y())).append("\">");
        out.append("<title>").append(Xml.escape("idle for " + Measurement.formatMillis((g.endNanos() - g.atNanos()) / 1e6)
                + " (compressed)")).append("</title>");
        out.append("<rect x=\"120\" y=\"").append(fmt(p.y() + 4)).append("\" width=\"").append(BRACKET_X - 140)
                .append("\" height=\"").append(fmt(p.height() - 8)).append("\" fill=\"#fafafa\"/>");
        for (Party party : Party.values()) {
            int x = laneX(party);
            out.append("<path d=\"M").append(x - 6).append(' ').append(fmt(m - 5)).append(" l12 4 m-12 2 l12 4\" stroke=\"#757575\"/>");
        }
        out.append("<text class=\"label\" x=\"10\" y=\"").append(fmt(m + 4)).append("\" fill=\"#424242\" font-style=\"italic\">")
                .append(Xml.escape(label)).append("</text>");
        out.append("<text class=\"label halo\" x=\"").append((laneX(Party.MCU) + laneX(Party.MODULE)) / 2).append("\" y=\"")
                .append(fmt(m + 4)).append("\" text-anchor=\"middle\" fill=\"#424242\" font-style=\"italic\">")
                .append(Xml.escape(label)).append("</text></g>\n");
    }

    private static void across(StringBuilder out, Across a, Placed p, boolean sharedWithNext) {
        String colour = switch (a.kind()) {
            case POWER_OFF -> RED;
            case POWER_ON -> GREEN;
            case PHASE_START, PHASE_END -> "#1565c0";
            case MARK -> "#37474f";
        };
        String text = switch (a.kind()) {
            case POWER_OFF -> "\u23fb power cut" + (a.text().equals("power off") ? "" : ": " + a.text());
            case POWER_ON -> "\u23fb power restored" + (a.text().equals("power on") ? "" : ": " + a.text());
            case PHASE_START -> "\u25bc " + a.text();
            case PHASE_END -> "\u25b2 end of " + a.text() + (a.detail().isEmpty() ? "" : " (" + a.detail() + ")");
            case MARK -> "\u25c6 " + a.text();
        };
        double y = p.middle();
        out.append("<g class=\"across\" data-kind=\"").append(a.kind().name()).append("\" data-offset-ns=\"")
                .append(a.atNanos()).append("\" data-y=\"").append(fmt(y)).append("\">");
        out.append("<title>").append(Xml.escape("+" + Measurement.formatMillis(a.atNanos() / 1e6) + "  "
                + TimelineSvg.printable(text) + (a.detail().isEmpty() ? "" : "  [" + TimelineSvg.printable(a.detail()) + "]")))
                .append("</title>");
        // the second mark of a moment shares the first one's line and time, its text to the right
        if (p.slot() == 0) {
            time(out, a.atNanos(), y + 4);
            out.append("<line x1=\"").append(laneX(Party.MCU) - 60).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(laneX(Party.PLATFORM) + 60).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"")
                    .append(colour).append("\" stroke-width=\"").append(a.kind() == Across.Kind.MARK ? "1" : "2.5")
                    .append("\" stroke-dasharray=\"8 4\"/>");
        }
        int x = p.slot() == 0 ? laneX(Party.MCU) + 12 : laneX(Party.MODULE) + 12;
        int chars = sharedWithNext ? (int) ((laneX(Party.MODULE) - laneX(Party.MCU) - 20) / CHAR_WIDTH)
                : p.slot() == 0 ? 100 : (int) ((laneX(Party.PLATFORM) + 60 - x) / CHAR_WIDTH);
        out.append("<text class=\"label halo\" x=\"").append(x).append("\" y=\"").append(fmt(y + 4))
                .append("\" fill=\"").append(colour).append("\" font-weight=\"bold\">")
                .append(Xml.escape(TimelineSvg.truncate(TimelineSvg.printable(text), chars))).append("</text></g>\n");
    }

    private static void failure(StringBuilder out, FailureMark f, Placed p) {
        out.append("<g class=\"failure\" data-offset-ns=\"").append(f.atNanos()).append("\" data-y=\"").append(fmt(p.y()))
                .append("\">");
        StringBuilder tip = new StringBuilder(f.verdict());
        f.arrived().forEach(e -> tip.append("\narrived instead: +").append(Measurement.formatMillis(e.offsetMillis()))
                .append("  ").append(TimelineSvg.printable(e.text())));
        out.append("<title>").append(Xml.escape(tip.toString())).append("</title>");
        time(out, f.atNanos(), p.y() + 16);
        int left = laneX(Party.MCU) - 100;
        out.append("<rect x=\"").append(left).append("\" y=\"").append(fmt(p.y() + 3)).append("\" width=\"")
                .append(laneX(Party.PLATFORM) + 60 - left).append("\" height=\"").append(fmt(p.height() - 6))
                .append("\" fill=\"#ffebee\" stroke=\"").append(RED).append("\" stroke-width=\"1.5\"/>");
        out.append("<path class=\"failure-cross\" d=\"M").append(laneX(Party.MCU) - 6).append(' ').append(fmt(p.y() + 8))
                .append(" l12 12 m0 -12 l-12 12\" stroke=\"").append(RED).append("\" stroke-width=\"3\"/>");
        int chars = (int) ((laneX(Party.PLATFORM) + 40 - laneX(Party.MCU)) / CHAR_WIDTH);
        out.append("<text class=\"label\" x=\"").append(laneX(Party.MCU) + 14).append("\" y=\"").append(fmt(p.y() + 18))
                .append("\" fill=\"").append(RED).append("\" font-weight=\"bold\">")
                .append(Xml.escape(TimelineSvg.truncate(TimelineSvg.printable(f.verdict()), chars))).append("</text>");
        double y = p.y() + 32;
        if (f.arrived().isEmpty() && !f.awaited().isEmpty()) {
            out.append("<text class=\"label\" x=\"").append(laneX(Party.MCU) + 14).append("\" y=\"").append(fmt(y))
                    .append("\" fill=\"#b71c1c\">nothing like it arrived meanwhile</text>");
        }
        for (TimelineEvent e : f.arrived()) {
            out.append("<text class=\"label arrived\" x=\"").append(laneX(Party.MCU) + 14).append("\" y=\"").append(fmt(y))
                    .append("\" fill=\"").append(INSTEAD).append("\">")
                    .append(Xml.escape(TimelineSvg.truncate("arrived instead: " + TimelineSvg.printable(e.text())
                            + "  at +" + Measurement.formatMillis(e.offsetMillis()), chars))).append("</text>");
            y += 14;
        }
        out.append("</g>\n");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static void time(StringBuilder out, long offsetNanos, double y) {
        out.append("<text class=\"time\" x=\"10\" y=\"").append(fmt(y)).append("\" fill=\"#757575\">+")
                .append(Xml.escape(Measurement.formatMillis(offsetNanos / 1e6))).append("</text>");
    }

    private static String tooltip(TimelineEvent e) {
        return "+" + Measurement.formatMillis(e.offsetMillis()) + "  " + e.kind().name().toLowerCase(Locale.ROOT) + "  "
                + TimelineSvg.printable(e.text())
                + (e.detail().isEmpty() ? "" : "  [" + TimelineSvg.printable(e.detail()) + "]");
    }

    static String colour(TimelineEvent e) {
        return switch (e.kind()) {
            case COMMAND -> "#1565c0";
            case FINAL_RESULT -> SequenceRows.interesting(e) ? RED : GREEN;
            case INFORMATION -> "#00695c";
            case NOISE -> "#e65100";
            case URC -> "#6a1b9a";
            case COAP_REQUEST -> "#4e342e";
            case COAP_RESPONSE -> "#8d6e63";
            case POWER_OFF -> RED;
            case POWER_ON -> GREEN;
            case MARK -> "#37474f";
        };
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
