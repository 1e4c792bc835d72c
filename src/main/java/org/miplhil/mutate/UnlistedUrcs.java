package org.miplhil.mutate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.miplhil.at.EventId;
import org.miplhil.at.FotaStart;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.RequestType;
import org.miplhil.at.UrcKind;
import org.miplhil.yaml.Durations;

/**
 * The unlisted-urc family ({@code action: emit}): a line the note never sends there, written behind a line the
 * module does send.
 * <ul>
 *   <li>a second {@code +MIPLEVENT: 0,15} right behind the first (5.7 has one deregistration; the firmware of
 *       a firmware seen printing it twice after AT+MIPLCLOSE);</li>
 *   <li>a +MIPLEVENT id 5.7 does not define (the first id of each gap in its table, and 0), behind event 6;</li>
 *   <li>a request URC (5.1 - 5.6) no platform sent, 1 s after event 6;</li>
 *   <li>{@code +MIPLEVENT: 0,6} behind event 15: registered again without AT+MIPLOPEN;</li>
 *   <li>{@code +QIND: "FOTA","START"} (5.8) with no upgrade, 1 s after event 6;</li>
 *   <li>{@code +MIPLEVENT: 0,6} out of the blue {@link #AFTER_POWER_UP} after a power-up, nothing opened
 *       ({@code on: power-on}; its trigger is the power-up line {@code RDY}, see {@link Mutant}).</li>
 * </ul>
 */
final class UnlistedUrcs {

    /** After the registration: far enough that the lines of the way up are out. */
    static final Duration LATER = Duration.ofSeconds(1);
    /** After a power-up: past the power-up lines (the profile's +IP: comes 1 s after power-on). */
    static final Duration AFTER_POWER_UP = Duration.ofSeconds(5);
    /** The made-up request's fields (objId 3303, resId 5700: the temperature object of 7.8, IPSO). */
    private static final Map<String, String> REQUEST_FIELDS = Map.of("ref", "0", "msgId", "4242", "flag", "0",
            "objId", "3303", "insId", "0", "resId", "5700", "valueType", "2", "value", "00", "index", "0",
            "parameter", "pmin=1");

    private UnlistedUrcs() {}

    static List<Mutant> all() {
        List<Mutant> out = new ArrayList<>();
        Subject.Event dereg = new Subject.Event(EventId.DEREG_DONE);
        Subject.Event reg = new Subject.Event(EventId.REG_SUCCESS);
        out.add(emit(dereg, "twice", dereg.match(), dereg.text(), Duration.ZERO,
                "+MIPLEVENT: 0,15 is printed twice (5.7: one deregistration)"));
        for (int id : undefinedEventIds()) {
            String line = MiplEvent.PREFIX + ": 0," + id;
            out.add(emit(new Subject.Event(EventId.REG_SUCCESS), "evtId-" + id, reg.match(), line, Duration.ZERO,
                    line + " follows event 6: 5.7 defines no event " + id));
        }
        for (RequestType t : RequestType.values()) {
            String line = requestLine(t);
            out.add(emit(new Subject.Request(t), "out-of-the-blue", reg.match(), line, LATER,
                    line + " arrives though the platform sent no request"));
        }
        out.add(emit(reg, "after-15", dereg.match(), reg.text(), Duration.ZERO,
                "+MIPLEVENT: 0,6 follows the deregistration without AT+MIPLOPEN"));
        Subject.Fota start = new Subject.Fota("START", FotaStart.LINE, true);
        out.add(emit(start, "out-of-the-blue", reg.match(), FotaStart.LINE, LATER,
                FotaStart.LINE + " arrives though no upgrade was started (5.8)"));
        out.add(afterPowerUp(reg));
        return out;
    }

    /** Event 6 {@link #AFTER_POWER_UP} after each power-up, though nothing was opened (5.7: 6 follows AT+MIPLOPEN). */
    static Mutant afterPowerUp(Subject.Event reg) {
        String what = reg.text() + " arrives " + Durations.format(AFTER_POWER_UP)
                + " after a power-up though nothing was opened";
        PlanText p = PlanText.defect(what);
        String powerUpLine = new Subject.ModuleUrc(UrcKind.RDY).match(); // the trigger only: power-on has no match
        p.fault(org.miplhil.sim.fault.Fault.On.POWER_ON, powerUpLine).action("emit", PlanText.quote(reg.text()))
                .after(AFTER_POWER_UP);
        return Mutants.of(Family.UNLISTED_URC, reg, "after-power-up", p, null, what);
    }

    /** The first id of each gap in 5.7's table, 0 first: 0, 16, 22, 27, 44, 50 ({@link EventId}). */
    static List<Integer> undefinedEventIds() {
        List<Integer> out = new ArrayList<>();
        int max = 0;
        for (EventId e : EventId.values()) {
            max = Math.max(max, e.id());
        }
        for (int id = 0; id <= max + 1; id++) {
            if (EventId.of(id).isEmpty() && (id == 0 || EventId.of(id - 1).isPresent())) {
                out.add(id);
            }
        }
        return out;
    }

    /** A well-formed request line of table 4's syntax, its optional fields left out. */
    static String requestLine(RequestType t) {
        String required = t.syntax().contains("[") ? t.syntax().substring(0, t.syntax().indexOf('[')) : t.syntax();
        List<String> names = RequestType.fieldNames(required);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n.equals("len")) {
                String next = REQUEST_FIELDS.get(names.get(i + 1));
                values.add(Integer.toString(names.get(i + 1).equals("value") ? next.length() / 2 : next.length()));
            } else {
                values.add(REQUEST_FIELDS.get(n));
            }
        }
        return t.urcPrefix() + ": " + String.join(",", values);
    }

    private static Mutant emit(Subject s, String detail, String match, String line, Duration after, String what) {
        PlanText p = PlanText.defect(what);
        PlanText.Entry e = p.fault(org.miplhil.sim.fault.Fault.On.URC, match).action("emit", PlanText.quote(line));
        if (!after.isZero()) {
            e.after(after);
        }
        return Mutants.of(Family.UNLISTED_URC, s, detail, p, null, what);
    }
}
