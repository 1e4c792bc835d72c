package org.miplhil.mutate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.miplhil.at.EventId;
import org.miplhil.at.FotaEnd;
import org.miplhil.at.FotaStart;
import org.miplhil.at.FotaUpdating;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.at.RequestType;
import org.miplhil.at.UrcKind;
import org.miplhil.sim.AnsweredCommands;

/**
 * The catalogue of subjects, each read from the codec (never a second list): the 16 MIPL commands in every form
 * their section lists ({@link MiplCommandName#forms()}), the general commands the virtual module answers
 * ({@link AnsweredCommands}), every event id of 5.7 ({@link EventId}), the request URCs of 5.1 - 5.6
 * ({@link RequestType}) and the {@code +QIND: "FOTA"} forms of 5.8 - 5.10; beyond chapter 5, the module's other URC
 * kinds ({@link UrcKind}: RDY, +IP, +CFUN, +CEREG, +CSCON, +CPIN, +QNBIOTEVENT).
 */
final class Subjects {

    private Subjects() {}

    static List<Subject.MiplForm> miplForms() {
        List<Subject.MiplForm> out = new ArrayList<>();
        for (MiplCommandName n : MiplCommandName.values()) {
            for (Form f : Form.values()) { // fixed order: test, query, set, exec
                if (n.supports(f)) {
                    out.add(new Subject.MiplForm(n, f));
                }
            }
        }
        return List.copyOf(out);
    }

    static List<Subject.General> general() {
        List<Subject.General> out = new ArrayList<>();
        AnsweredCommands.basic().forEach(n -> out.add(new Subject.General(n)));
        AnsweredCommands.extended().forEach(n -> out.add(new Subject.General(n)));
        return List.copyOf(out);
    }

    static List<Subject.Event> events() {
        return Arrays.stream(EventId.values()).map(Subject.Event::new).toList();
    }

    static List<Subject.Request> requests() {
        return Arrays.stream(RequestType.values()).map(Subject.Request::new).toList();
    }

    static List<Subject.Fota> fota() {
        return List.of(new Subject.Fota("START", FotaStart.LINE, true),
                new Subject.Fota("UPDATING", FotaUpdating.START, false),
                new Subject.Fota("END", FotaEnd.START, false));
    }

    /** Every URC kind of chapter 5: the events, the requests, the FOTA forms. */
    static List<Subject> urcs() {
        List<Subject> out = new ArrayList<>(events());
        out.addAll(requests());
        out.addAll(fota());
        return List.copyOf(out);
    }

    /** The URC kinds of {@link UrcKind} beyond chapter 5 (not +MIPL..., not +QIND), in the enum's order. */
    static List<Subject.ModuleUrc> moduleUrcs() {
        return Arrays.stream(UrcKind.values())
                .filter(k -> k != UrcKind.UNKNOWN && k != UrcKind.QIND && !k.prefix().startsWith("+MIPL"))
                .map(Subject.ModuleUrc::new).toList();
    }
}
