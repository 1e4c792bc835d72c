package org.miplhil.mutate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.miplhil.sim.fault.Fault;
import org.miplhil.yaml.Durations;

/**
 * Writes a fault plan in the documented YAML format (docs/virtual-module.md "Fault plans"; read back by
 * {@code FaultPlanLoader}): {@code defect:} first, then the faults, each with its keys in a fixed order.
 */
final class PlanText {

    private final String defect;
    private final List<Entry> faults = new ArrayList<>();

    private PlanText(String defect) {
        this.defect = defect;
    }

    static PlanText defect(String sentence) {
        return new PlanText(sentence);
    }

    /**
     * A new fault of the plan (its match is the mutant's trigger when it is the first). A power-on fault has no
     * match in the plan: {@code match} is then only the trigger (the power-up line {@code ^RDY$}).
     */
    Entry fault(Fault.On on, String match) {
        Entry e = new Entry(on, match);
        faults.add(e);
        return e;
    }

    /** The first fault's match; for a power-on fault the trigger it was given (not written: it has no match). */
    String firstMatch() {
        return faults.get(0).match;
    }

    Fault.On firstOn() {
        return faults.get(0).on;
    }

    String yaml() {
        StringBuilder sb = new StringBuilder("defect: ").append(quote(defect)).append('\n').append("faults:\n");
        for (Entry e : faults) {
            e.write(sb);
        }
        return sb.toString();
    }

    /** A YAML single-quoted scalar: no escapes but {@code ''} for a quote, so expressions stay as written. */
    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A YAML double-quoted scalar of bytes 0..255, each written {@code \xHH} (garble values). */
    static String bytes(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            sb.append(String.format(Locale.ROOT, "\\x%02X", b & 0xFF));
        }
        return sb.append('"').toString();
    }

    /** One fault. */
    static final class Entry {
        private final Fault.On on;
        private final String match;
        private String replyMatches;
        private String action;
        private Integer field;
        private String value;
        private String after;
        private int times = 1;

        private Entry(Fault.On on, String match) {
            this.on = on;
            this.match = match;
        }

        Entry action(String name) {
            this.action = name;
            return this;
        }

        Entry action(String name, String quotedValue) {
            this.action = name;
            this.value = quotedValue;
            return this;
        }

        Entry delay(String name, Duration d) {
            return action(name, Durations.format(d));
        }

        Entry replyMatches(String expression) {
            this.replyMatches = expression;
            return this;
        }

        Entry field(int n) {
            this.field = n;
            return this;
        }

        Entry after(Duration d) {
            this.after = Durations.format(d);
            return this;
        }

        Entry times(int n) {
            this.times = n;
            return this;
        }

        private void write(StringBuilder sb) {
            sb.append("  - on: ").append(on.yamlName()).append('\n');
            if (on != Fault.On.POWER_ON) { // a power-on fault acts at each power-up and has no match
                sb.append("    match: ").append(quote(match)).append('\n');
            }
            if (replyMatches != null) {
                sb.append("    reply-matches: ").append(quote(replyMatches)).append('\n');
            }
            sb.append("    action: ").append(action).append('\n');
            if (field != null) {
                sb.append("    field: ").append(field).append('\n');
            }
            if (value != null) {
                sb.append("    value: ").append(value).append('\n');
            }
            if (after != null) {
                sb.append("    after: ").append(after).append('\n');
            }
            sb.append("    times: ").append(times).append('\n');
        }
    }
}
