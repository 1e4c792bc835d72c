package org.miplhil.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * A page of headings, paragraphs and tables, written as Markdown and as one self-contained HTML page (the compare
 * and verdict pages say the same in both). A cell may link to a file (a transcript), relative to the page.
 */
public final class Page {

    /** A table cell; {@code link} empty for plain text. {@code css} colours a verdict cell (pass, fail, or empty). */
    public record Cell(String text, String link, String css) {
        public static Cell of(String text) {
            return new Cell(text, "", "");
        }

        public static Cell link(String text, String link) {
            return new Cell(text, link == null ? "" : link, "");
        }

        public static Cell verdict(String text, boolean pass) {
            return new Cell(text, "", pass ? "pass" : "fail");
        }
    }

    private sealed interface Block permits Heading, Para, Table {
    }

    private record Heading(int level, String text, String css) implements Block {
    }

    private record Para(String text) implements Block {
    }

    private record Table(List<String> headers, List<List<Cell>> rows) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Page(String title) {
        this.title = title;
    }

    public Page heading(int level, String text) {
        blocks.add(new Heading(level, text, ""));
        return this;
    }

    /** A heading coloured as a verdict. */
    public Page banner(String text, boolean pass) {
        blocks.add(new Heading(1, text, pass ? "pass" : "fail"));
        return this;
    }

    public Page para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    public Page table(List<String> headers, List<List<Cell>> rows) {
        if (rows.isEmpty()) {
            return para("None.");
        }
        blocks.add(new Table(List.copyOf(headers), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    /** Appends another page's blocks (the qualification page: verdict, then comparison). */
    public Page append(Page other) {
        blocks.addAll(other.blocks);
        return this;
    }

    public String markdown() {
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                b.append("#".repeat(h.level() + 1)).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Para p) {
                b.append(p.text()).append("\n\n");
            } else if (block instanceof Table t) {
                b.append('|').append(String.join("|", t.headers().stream().map(Page::mdCell).toList()))
                        .append("|\n|").append("---|".repeat(t.headers().size())).append('\n');
                for (List<Cell> row : t.rows()) {
                    b.append('|');
                    for (Cell c : row) {
                        b.append(c.link().isEmpty() ? mdCell(c.text())
                                : "[" + mdCell(c.text()) + "](" + c.link().replace(" ", "%20") + ")").append('|');
                    }
                    b.append('\n');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    public String html() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>"
                        + "body{font-family:sans-serif;margin:1.5em;max-width:1400px;color:#222}"
                        + "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top;"
                        + "font-size:0.9em}th{background:#f0f0f0}td{font-family:monospace;white-space:pre-wrap}"
                        + ".pass{background:#d9f2d9;color:#155724}.fail{background:#f8d7da;color:#721c24}"
                        + "h1.pass,h1.fail,h2.pass,h2.fail{padding:0.3em 0.6em}"
                        + "</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                b.append("<h").append(h.level() + 1)
                        .append(h.css().isEmpty() ? "" : " class=\"" + h.css() + "\"").append('>').append(esc(h.text()))
                        .append("</h").append(h.level() + 1).append(">\n");
            } else if (block instanceof Para p) {
                b.append("<p>").append(esc(p.text())).append("</p>\n");
            } else if (block instanceof Table t) {
                b.append("<table><tr>");
                t.headers().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
                b.append("</tr>\n");
                for (List<Cell> row : t.rows()) {
                    b.append("<tr>");
                    for (Cell c : row) {
                        b.append(c.css().isEmpty() ? "<td>" : "<td class=\"" + c.css() + "\">");
                        if (c.link().isEmpty()) {
                            b.append(esc(c.text()));
                        } else {
                            b.append("<a href=\"").append(esc(c.link())).append("\">").append(esc(c.text()))
                                    .append("</a>");
                        }
                        b.append("</td>");
                    }
                    b.append("</tr>\n");
                }
                b.append("</table>\n");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }

    static String esc(String s) {
        return org.miplhil.report.Xml.escape(s == null ? "" : s);
    }
}
