package org.miplhil.mutate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.RequestType;

import static org.miplhil.at.EventId.*;

/**
 * The field-edit family on URCs: one field of the line replaced ({@code action: edit}, {@code field: N} counting
 * from 1 after {@code ": "}). Each plan's match also says that the field does not hold the new value already (a
 * negative look-ahead), so the mutant never writes the line unchanged.
 * <ul>
 *   <li>+MIPLEVENT (5.7): the event id becomes its counterpart (success and failure swapped, others the next id of
 *       5.7); for events 20, 25 and 26 the msgId / ackId, for 14 the seconds left</li>
 *   <li>request URCs (5.1 - 5.6, fields from {@link RequestType#fields()}): ref, msgId, objId, insId, resId, flag,
 *       index, valueType and length fields; not the free text (value, arguments, parameter)</li>
 *   <li>+QIND: "FOTA" (5.9, 5.10): the percentage becomes 100, the result 255 (failure)</li>
 * </ul>
 */
final class UrcFieldEdits {

    /** Success and failure of the same step (5.7). */
    private static final Map<EventId, EventId> COUNTERPART = new EnumMap<>(EventId.class);
    /** Free-text fields of table 4: not edited (their length fields are). */
    private static final List<String> FREE_TEXT = List.of("value", "arguments", "parameter");

    static {
        pair(BOOTSTRAP_SUCCESS, BOOTSTRAP_FAILED);
        pair(CONNECT_SUCCESS, CONNECT_FAILED);
        pair(REG_SUCCESS, REG_FAILED);
        pair(UPDATE_SUCCESS, UPDATE_FAILED);
        pair(RESPONSE_SUCCESS, RESPONSE_FAILED);
        pair(NOTIFY_SUCCESS, NOTIFY_FAILED);
        pair(FIRMWARE_DOWNLOADED, FIRMWARE_DOWNLOAD_FAILED);
        pair(FIRMWARE_ERASE_SUCCESS, FIRMWARE_ERASE_FAIL);
    }

    private UrcFieldEdits() {}

    private static void pair(EventId a, EventId b) {
        COUNTERPART.put(a, b);
        COUNTERPART.put(b, a);
    }

    /** The id an edited event carries instead: its counterpart, or the next id of 5.7 (the last wraps to the first). */
    static EventId counterpart(EventId e) {
        EventId c = COUNTERPART.get(e);
        if (c != null) {
            return c;
        }
        EventId[] all = EventId.values();
        return all[(e.ordinal() + 1) % all.length];
    }

    static List<Mutant> event(Subject.Event s) {
        List<Mutant> out = new ArrayList<>();
        List<String> fields = RequestType.fieldNames(MiplEvent.SYNTAX);
        EventId other = counterpart(s.event());
        out.add(edit(s, "evtId", s.match(), fields.indexOf("evtId") + 1, Integer.toString(other.id()),
                "+MIPLEVENT: 0," + s.event().id() + " is printed as event " + other.id() + " (" + other + ")"));
        String third = switch (s.event()) {
            case NOTIFY_FAILED, NOTIFY_SUCCESS -> "ackId"; // 7.8.4: 0,26,<ackId>
            case RESPONSE_FAILED -> "msgId";               // 5.7: <extend> is the response's msgId
            case UPDATE_NEED -> "extend";                  // 5.7: <extend> is the lifetime left
            default -> null;
        };
        if (third != null) {
            String value = "1";
            String match = "^" + Rx.literal(MiplEvent.PREFIX + ": ") + "\\d+," + s.event().id() + ","
                    + notValue(value);
            out.add(edit(s, third, match, 3, value, "+MIPLEVENT: 0," + s.event().id() + " carries " + third + " "
                    + value + " instead of the right one"));
        }
        return out;
    }

    static List<Mutant> request(Subject.Request s) {
        List<Mutant> out = new ArrayList<>();
        List<String> fields = s.type().fields();
        int freeText = firstFreeText(fields);
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i);
            if (FREE_TEXT.contains(name)) {
                continue;
            }
            String value = newValue(name);
            String prefix = "^" + Rx.literal(s.type().urcPrefix() + ": ");
            // fields after a free-text value are found from the end of the line (the text may hold commas)
            String match = i < freeText ? prefix + "(?:[^,]*,){" + i + "}" + notValue(value)
                    : prefix + ".*," + notValue(value) + "[^,]*" + after(fields.size() - 1 - i) + "$";
            out.add(edit(s, name, match, i + 1, value, s.type().urcPrefix() + " carries " + name + " " + value
                    + " instead of the platform's"));
        }
        return out;
    }

    static List<Mutant> fota(Subject.Fota s) {
        return switch (s.name()) {
            case "UPDATING" -> List.of(edit(s, "percent", s.match() + notValue("100"), 3, "100",
                    "+QIND: \"FOTA\",\"UPDATING\" reports 100 % before the update is done (5.9)"));
            case "END" -> List.of(edit(s, "upgrade-err", s.match() + notValue("255"), 3, "255",
                    "+QIND: \"FOTA\",\"END\" reports 255 (failure) for an upgrade that succeeded (5.10)"));
            default -> List.of(); // START has no field
        };
    }

    /** So many fields after this one, to the end of the line. */
    private static String after(int fields) {
        return fields == 0 ? "" : fields == 1 ? ",[^,]*" : "(?:,[^,]*){" + fields + "}";
    }

    private static int firstFreeText(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (FREE_TEXT.contains(fields.get(i))) {
                return i;
            }
        }
        return fields.size();
    }

    /** A value of the note's range that the platform's request rarely carries. */
    private static String newValue(String field) {
        return switch (field) {
            case "ref" -> "1";                          // 3.3.2: only 0 is supported
            case "msgId" -> "1";
            case "objId", "insId", "resId" -> "65534";
            case "flag", "index" -> "1";
            case "valueType" -> "5";                    // boolean (3.3.15)
            default -> "0";                             // lengths
        };
    }

    /** The field at this point does not already hold {@code value}. */
    private static String notValue(String value) {
        return "(?!" + Rx.literal(value) + "(?:,|$))";
    }

    private static Mutant edit(Subject s, String detail, String match, int field, String value, String what) {
        PlanText p = PlanText.defect(what);
        p.fault(s.on(), match).action("edit", PlanText.quote(value)).field(field);
        return Mutants.of(Family.FIELD_EDIT, s, detail, p, null, what);
    }
}
