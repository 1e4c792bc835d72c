package org.miplhil.invariant;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.miplhil.at.AtLine;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.UrcKind;
import org.miplhil.dut.JournalEntry;

/** Small readings of journal lines the rules share. */
final class Lines {

    private Lines() {
    }

    static boolean isRdy(JournalEntry e) {
        return e instanceof JournalEntry.Received r && r.line() instanceof AtLine.Urc u && u.kind() == UrcKind.RDY;
    }

    static Optional<MiplEvent> event(JournalEntry e) {
        if (e instanceof JournalEntry.Received r && r.isUrc()) {
            return r.urc().filter(MiplEvent.class::isInstance).map(MiplEvent.class::cast);
        }
        return Optional.empty();
    }

    /** The command's name in upper case ({@code AT+MIPLCLOSE=0} → {@code +MIPLCLOSE}); empty for other lines. */
    static String commandName(String sent) {
        String s = sent.strip().toUpperCase(Locale.ROOT);
        if (!s.startsWith("AT")) {
            return "";
        }
        s = s.substring(2);
        int end = 0;
        while (end < s.length() && "=?".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return s.substring(0, end);
    }

    static boolean sends(JournalEntry e, String name) {
        return e instanceof JournalEntry.Sent s && commandName(s.text()).equals(name);
    }

    /**
     * Whether a received line that is not a clean line of the module was cut by a restart: scanning on, past other
     * such lines and the harness's commands, the module's next line is {@code RDY} (the power came back, 7.10.6).
     */
    static boolean cutByRestart(List<JournalEntry> entries, int position) {
        for (int i = position + 1; i < entries.size(); i++) {
            JournalEntry e = entries.get(i);
            if (isRdy(e)) {
                return true;
            }
            if (e instanceof JournalEntry.Received r && !r.isNoise()
                    && !(r.line() instanceof AtLine.Urc u && u.kind() == UrcKind.UNKNOWN)) {
                return false;
            }
        }
        return false;
    }
}
