package org.miplhil.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.miplhil.report.SeqRow.Across;
import org.miplhil.report.SeqRow.Arrow;
import org.miplhil.report.SeqRow.FailureMark;
import org.miplhil.report.SeqRow.Party;

/**
 * Turns a {@link Timeline} into the rows of a sequence diagram, in time order: an arrow per command, reply, URC and
 * CoAP message; power, FOTA phases and marks across the lanes; a failure mark where a deadline was missed or met late.
 * Runs of a repeated cycle of rows are folded ({@link SequenceCycles}): the first and the last repetition stay, the
 * ones between become one row with a count; errors, failures and the marks across the lanes are never folded.
 */
final class SequenceRows {

    private SequenceRows() {
    }

    static List<SeqRow> of(Timeline t, Failure failure) {
        List<FailureMark> failures = failures(t, failure);
        Set<TimelineEvent> instead = new HashSet<>();
        failures.forEach(f -> instead.addAll(f.arrived()));

        List<SeqRow> rows = new ArrayList<>();
        for (TimelineEvent e : t.events()) {
            Party[] d = direction(e);
            rows.add(d == null ? across(e) : new Arrow(e, d[0], d[1], instead.contains(e)));
        }
        boolean powerEvents = t.events().stream().anyMatch(e -> e.lane() == Lane.POWER);
        for (Phase p : t.phases()) {
            // a power cut is drawn from its own events; the phase would say it twice
            if (powerEvents && p.name().startsWith("power off")) {
                continue;
            }
            rows.add(new Across(p.startNanos(), p.name(), "", Across.Kind.PHASE_START));
            rows.add(new Across(p.endNanos(), p.name(), Measurement.formatMillis((p.endNanos() - p.startNanos()) / 1e6),
                    Across.Kind.PHASE_END));
        }
        rows.addAll(failures);
        // stable: rows at the same moment keep the order they were made in (the timeline's)
        List<SeqRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(SeqRow::atNanos));
        return SequenceCycles.fold(sorted, t.deadlines());
    }

    /** From and to of a message, or null when it is a mark across the lanes. */
    static Party[] direction(TimelineEvent e) {
        return switch (e.kind()) {
            case COMMAND -> new Party[] {Party.MCU, Party.MODULE};
            case FINAL_RESULT, INFORMATION, NOISE, URC -> new Party[] {Party.MODULE, Party.MCU};
            case COAP_REQUEST -> fromModule(e.text()) ? new Party[] {Party.MODULE, Party.PLATFORM}
                    : new Party[] {Party.PLATFORM, Party.MODULE};
            case COAP_RESPONSE -> new Party[] {Party.MODULE, Party.PLATFORM};
            case POWER_OFF, POWER_ON, MARK -> null;
        };
    }

    // register, update, deregister and bootstrap are the module's requests; read, write, observe ... the platform's
    private static boolean fromModule(String text) {
        String w = text.strip().toLowerCase(Locale.ROOT);
        return w.startsWith("register") || w.startsWith("update") || w.startsWith("deregister")
                || w.startsWith("bootstrap") || w.startsWith("expired") || w.startsWith("replaced");
    }

    private static Across across(TimelineEvent e) {
        Across.Kind k = switch (e.kind()) {
            case POWER_OFF -> Across.Kind.POWER_OFF;
            case POWER_ON -> Across.Kind.POWER_ON;
            default -> Across.Kind.MARK;
        };
        return new Across(e.offsetNanos(), e.text(), e.detail(), k);
    }

    /** An error answer or a line that fits nothing: always shown. */
    static boolean interesting(TimelineEvent e) {
        String t = e.text().strip();
        return e.kind() == EventKind.NOISE || (e.kind() == EventKind.FINAL_RESULT
                && (t.startsWith("ERROR") || t.startsWith("+CIS ERROR") || t.startsWith("+CME ERROR")));
    }

    // ---- failures -------------------------------------------------------------------------------------------------

    private static List<FailureMark> failures(Timeline t, Failure failure) {
        List<FailureMark> out = new ArrayList<>();
        for (Deadline d : t.deadlines()) {
            if (d.met()) {
                continue;
            }
            long at = d.measuredNanos() != null ? d.startNanos() + d.measuredNanos() : d.limitEndNanos();
            String awaited = awaited(d.name());
            String verdict = d.measuredNanos() == null
                    ? "MISSED: " + awaited + " did not arrive within " + Measurement.formatMillis(d.limitNanos() / 1e6)
                    : "LATE: " + awaited + " after " + Measurement.formatMillis(d.measuredNanos() / 1e6) + ", limit "
                    + Measurement.formatMillis(d.limitNanos() / 1e6);
            out.add(new FailureMark(at, awaited, verdict, arrivedInstead(t, d, awaited, at)));
        }
        if (out.isEmpty() && failure != null) {
            long end = t.events().isEmpty() ? t.endNanos() : t.events().get(t.events().size() - 1).offsetNanos();
            out.add(new FailureMark(end, "", "FAILED: " + failure.firstLine(), List.of()));
        }
        return out;
    }

    /** What a deadline's name says was awaited: {@code AT+MIPLOPEN -> +MIPLEVENT: 0,6} awaited the URC. */
    static String awaited(String deadlineName) {
        int i = deadlineName.indexOf(" -> ");
        return i < 0 ? deadlineName : deadlineName.substring(i + 4);
    }

    /**
     * What the module or the platform said while the deadline ran: the lines that begin like the awaited one
     * ({@code +MIPLEVENT: 0,26,0} for {@code +MIPLEVENT: 0,26,255}), else the last three that arrived.
     */
    static List<TimelineEvent> arrivedInstead(Timeline t, Deadline d, String awaited, long until) {
        List<TimelineEvent> window = t.events().stream()
                .filter(e -> e.offsetNanos() >= d.startNanos() && e.offsetNanos() <= until)
                .filter(e -> e.kind() != EventKind.COMMAND && direction(e) != null)
                .filter(e -> e.kind() != EventKind.COAP_REQUEST || fromModule(e.text()))
                .toList();
        String head = head(awaited);
        // the closest: same URC name, then the longest common start (0,26,0 is nearer 0,26,255 than 0,11,1)
        List<TimelineEvent> sameName = head.isEmpty() ? List.of()
                : window.stream().filter(e -> head(e.text()).equals(head)).toList();
        int best = sameName.stream().mapToInt(e -> common(e.text().strip(), awaited.strip())).max().orElse(0);
        List<TimelineEvent> alike = sameName.stream().filter(e -> common(e.text().strip(), awaited.strip()) == best)
                .toList();
        // nothing alike: the URCs that came meanwhile (for an awaited URC, an OK is no evidence), else whatever came
        List<TimelineEvent> urcs = window.stream().filter(e -> e.kind() == EventKind.URC).toList();
        List<TimelineEvent> pick = !alike.isEmpty() ? alike : awaited.strip().startsWith("+") ? urcs : window;
        return List.copyOf(pick.subList(Math.max(0, pick.size() - 3), pick.size()));
    }

    private static int common(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    private static String head(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        return colon > 0 && s.startsWith("+") ? s.substring(0, colon) : "";
    }
}
