package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.miplhil.at.AtLine;
import org.miplhil.at.FotaEnd;
import org.miplhil.at.FotaStart;
import org.miplhil.at.FotaUpdating;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.Parsed;
import org.miplhil.at.UrcKind;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#NO_UNLISTED_URC}: every unsolicited line is one the note lists — a URC of table 4 in its
 * syntax (5.1-5.10), a {@code +MIPLEVENT} id of 5.7 / 6.3 — or one the firmware profile and the line classifier
 * declare for the real firmware (RDY, +CFUN, +CPIN, +IP of the power-up, 27.007's +CEREG / +CSCON, the SDK's
 * +QNBIOTEVENT). Bytes that are not a line, and a {@code +MIPL...} answer line that names another command than the
 * one pending, count too. A line a power cut broke off (the module's next line is RDY) is not the module's doing.
 * The lines of an upgrade's download and upgrade phases (6.3: events 40-43, {@code +QIND: "FOTA",...}) come only in a
 * case that runs one: 6.1.1, the module starts DFOTA only after an upgrade task was created on the platform.
 */
final class UnlistedUrcs {

    /** The URC kinds of chapter 5 (table 4, 5.7) and 6.3: the note's own lines. */
    static final Set<UrcKind> CHAPTER_5 = Set.of(UrcKind.MIPLDISCOVER, UrcKind.MIPLOBSERVE, UrcKind.MIPLREAD,
            UrcKind.MIPLWRITE, UrcKind.MIPLEXECUTE, UrcKind.MIPLPARAMETER, UrcKind.MIPLEVENT, UrcKind.QIND);

    private UnlistedUrcs() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        String pending = "";
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry e = entries.get(i);
            if (e instanceof JournalEntry.Sent s) {
                pending = Lines.commandName(s.text());
                continue;
            }
            JournalEntry.Received r = (JournalEntry.Received) e;
            String why = why(r, pending);
            if (why == null && !ctx.upgrade()) {
                why = withoutUpgrade(r);
            }
            if (r.line() instanceof AtLine.FinalResult) {
                pending = "";
            }
            if (why != null && !Lines.cutByRestart(entries, i)) {
                out.add(new InvariantViolation(Invariant.NO_UNLISTED_URC, why, List.of(ctx.line(e)),
                        "chapter 5 (table 4, 5.7) and 6.3 list every URC; the firmware profile and 27.007 the others"));
            }
        }
        return out;
    }

    /** 6.3's events of the download and upgrade phases (40-43); 48/49 follow an upgrade at the next registration. */
    private static final Set<Integer> UPGRADE_EVENTS = Set.of(40, 41, 42, 43);

    /** Why a line of 6.3 has no place in a case that runs no upgrade; null when it is no such line. */
    private static String withoutUpgrade(JournalEntry.Received r) {
        if (!(r.line() instanceof AtLine.Urc) || !(r.mipl() instanceof Parsed.Ok<MiplUrc> v)) {
            return null;
        }
        boolean upgradeLine = v.value() instanceof FotaStart || v.value() instanceof FotaUpdating
                || v.value() instanceof FotaEnd
                || v.value() instanceof MiplEvent ev && UPGRADE_EVENTS.contains(ev.evtId());
        return upgradeLine ? "\"" + r.text() + "\" in a case that runs no upgrade: 6.1.1, DFOTA starts only after"
                + " an upgrade task was created on the platform (the case has no fota step)" : null;
    }

    /** Why the line is not one the note or the profile lists; null when it is. */
    private static String why(JournalEntry.Received r, String pending) {
        AtLine line = r.line();
        if (line instanceof AtLine.Noise n) {
            return "bytes that are not a line of text (" + n.reason() + "): \"" + r.text() + "\"";
        }
        if (line instanceof AtLine.Information && r.text().startsWith("+MIPL") && !pending.isEmpty()) {
            int colon = r.text().indexOf(':');
            String prefix = (colon < 0 ? r.text() : r.text().substring(0, colon)).toUpperCase(Locale.ROOT);
            return prefix.equals(pending) ? null
                    : "\"" + r.text() + "\" answers no command: " + pending + " was pending";
        }
        if (!(line instanceof AtLine.Urc u)) {
            return null;
        }
        if (u.kind() == UrcKind.UNKNOWN) {
            return "\"" + r.text() + "\" is no URC the note or the profile lists";
        }
        if (!CHAPTER_5.contains(u.kind())) {
            return null;
        }
        Parsed<MiplUrc> parsed = r.mipl();
        if (parsed instanceof Parsed.Invalid<MiplUrc> bad) {
            return "\"" + r.text() + "\" is not in the syntax of chapter 5: " + bad.reason();
        }
        if (parsed.orElseThrow() instanceof MiplEvent ev && ev.event().isEmpty()) {
            return "\"" + r.text() + "\": event " + ev.evtId() + " is not one of 5.7";
        }
        return null;
    }
}
