package org.miplhil.report;

import java.util.List;

/** The per-case "timing" attachment: every measurement with its limit and verdict, as an HTML table. */
public final class TimingTable {

    private TimingTable() {
    }

    public static String html(String title, List<MeasurementRow> rows) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(Xml.escape("timing: " + title))
                .append("</title>\n<style>body{font-family:sans-serif;font-size:13px;margin:8px}"
                        + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + "th{background:#eee}td.num{text-align:right;font-family:monospace}"
                        + "tr.pass td.verdict{color:#2e7d32;font-weight:bold}tr.fail td.verdict{color:#c62828;font-weight:bold}"
                        + "tr.fail{background:#fdecea}</style></head><body>\n");
        b.append("<table>\n<tr><th>step</th><th>measurement</th><th>value</th><th>limit</th><th>verdict</th></tr>\n");
        for (MeasurementRow r : rows) {
            Measurement m = r.measurement();
            boolean hasLimit = m.low() != null || m.high() != null;
            String verdict = hasLimit || m.value() == null ? (m.passed() ? "PASS" : "FAIL") : "-";
            b.append("<tr class=\"").append(verdict.equals("FAIL") ? "fail" : "pass").append("\"><td>")
                    .append(Xml.escape(r.stepPath())).append("</td><td>").append(Xml.escape(m.name()))
                    .append("</td><td class=\"num\">").append(Xml.escape(m.formattedValue()))
                    .append("</td><td class=\"num\">").append(Xml.escape(m.formattedLimit()))
                    .append("</td><td class=\"verdict\">").append(verdict).append("</td></tr>\n");
        }
        b.append("</table>\n</body></html>\n");
        return b.toString();
    }

    /** The same rows as CSV (for the JUnit system-out and spreadsheets). */
    public static String csv(List<MeasurementRow> rows) {
        StringBuilder b = new StringBuilder("step,measurement,value,low,high,unit,passed\n");
        for (MeasurementRow r : rows) {
            Measurement m = r.measurement();
            b.append(Csv.field(r.stepPath())).append(',').append(Csv.field(m.name())).append(',')
                    .append(m.value() == null ? "" : Measurement.number(m.value())).append(',')
                    .append(m.low() == null ? "" : Measurement.number(m.low())).append(',')
                    .append(m.high() == null ? "" : Measurement.number(m.high())).append(',')
                    .append(Csv.field(m.unit())).append(',').append(m.passed()).append('\n');
        }
        return b.toString();
    }
}
