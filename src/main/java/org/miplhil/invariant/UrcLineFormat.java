package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.miplhil.at.AtLine;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.Parsed;
import org.miplhil.at.UrcKind;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#URC_LINE_FORMAT}: a URC of chapter 5 is written as the note writes it — {@code +MIPLEVENT: 0,6},
 * one space after the colon and none around a comma outside a quoted string (table 4, 5.1-5.10, every transcript of
 * chapter 7) — and its fields keep the ranges of 5.1-5.7 ({@link MiplUrc#violations()}). A line that does not
 * parse at all is {@link Invariant#NO_UNLISTED_URC}'s.
 */
final class UrcLineFormat {

    private static final Set<UrcKind> CHAPTER_5 = UnlistedUrcs.CHAPTER_5;

    private UrcLineFormat() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof JournalEntry.Received r) || !(r.line() instanceof AtLine.Urc u)
                    || !CHAPTER_5.contains(u.kind())) {
                continue;
            }
            String why = spacing(r.text(), u.kind().prefix());
            // an event 5.7 does not list is NO_UNLISTED_URC's
            if (why == null && r.mipl() instanceof Parsed.Ok<MiplUrc> ok && !ok.value().violations().isEmpty()
                    && !(ok.value() instanceof org.miplhil.at.MiplEvent ev && ev.event().isEmpty())) {
                why = ok.value().violations().stream().map(Object::toString).collect(Collectors.joining("; "));
            }
            if (why != null && !Lines.cutByRestart(entries, i)) {
                out.add(new InvariantViolation(Invariant.URC_LINE_FORMAT, "\"" + r.text() + "\": " + why,
                        List.of(ctx.line(r)), "chapter 5: \"+MIPLEVENT: <ref>,<evtid>\", one space after the colon,"
                        + " no space after a comma; the ranges of 5.1-5.7"));
            }
        }
        out.addAll(LifetimeLeft.check(entries, ctx)); // 5.7: event 14's extend is the lifetime left
        return out;
    }

    /** What is wrong with the spacing; null when it is as the note writes it. */
    static String spacing(String text, String prefix) {
        String rest = text.substring(prefix.length());
        if (!rest.startsWith(" ") || rest.startsWith("  ") || rest.length() < 2) {
            return "not one space after the colon";
        }
        if (!text.equals(text.strip())) {
            return "white space at the end of the line";
        }
        boolean quoted = false;
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',' && ((i + 1 < rest.length() && rest.charAt(i + 1) == ' ')
                    || rest.charAt(i - 1) == ' ')) {
                return "a space beside a comma";
            }
        }
        return null;
    }
}
