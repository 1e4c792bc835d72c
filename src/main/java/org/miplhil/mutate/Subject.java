package org.miplhil.mutate;

import java.util.Locale;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.at.RequestType;
import org.miplhil.at.UrcKind;
import org.miplhil.sim.fault.Fault;

/**
 * What a generated mutant changes: one form of one command, or one kind of URC. Each knows its file-name-safe id,
 * its text as the note writes it and the anchored expression that finds its lines in a transcript.
 */
sealed interface Subject permits Subject.MiplForm, Subject.General, Subject.Event, Subject.Request, Subject.Fota,
        Subject.ModuleUrc {

    /** File-name safe: letters, digits and {@code -} only ({@code cmd-MIPLOPEN-set}, {@code urc-MIPLEVENT-6}). */
    String id();

    /** As the note writes it: {@code AT+MIPLOPEN=...}, {@code +MIPLEVENT: 0,6}, {@code +MIPLREAD}. */
    String text();

    Fault.On on();

    /** Anchored expression of the subject's lines: command lines as sent, or URC lines. */
    String match();

    /** One form of a MIPL command of table 1 (3.3.x). */
    record MiplForm(MiplCommandName name, Form form) implements Subject {
        public String id() {
            return "cmd-" + name.name() + "-" + form.name().toLowerCase(Locale.ROOT);
        }

        public String text() {
            return "AT" + name.atName() + suffix(form);
        }

        public Fault.On on() {
            return Fault.On.COMMAND;
        }

        public String match() {
            String head = "^AT" + Rx.literal(name.atName());
            return switch (form) {
                case TEST -> head + "=\\?$";
                case QUERY -> head + "\\?$";
                case SET -> head + "=(?!\\?)";
                case EXEC -> head + "$";
            };
        }

        /** Whether the form can be refused: set and execute forms check their parameters and state (chapter 3). */
        boolean acts() {
            return form == Form.SET || form == Form.EXEC;
        }

        private static String suffix(Form f) {
            return switch (f) {
                case TEST -> "=?";
                case QUERY -> "?";
                case SET -> "=...";
                case EXEC -> "";
            };
        }
    }

    /**
     * A command of the module beyond the MIPL set, any form: {@code name} as it follows {@code AT} ({@code ""} for
     * a bare AT, {@code "E"}, {@code "+CFUN"}).
     */
    record General(String name) implements Subject {
        public String id() {
            return "cmd-" + (name.isEmpty() ? "AT" : name.startsWith("+") ? name.substring(1) : "AT" + name);
        }

        public String text() {
            return "AT" + name;
        }

        public Fault.On on() {
            return Fault.On.COMMAND;
        }

        public String match() {
            if (!name.startsWith("+")) {
                // V.250 basic commands: AT; ATE, ATE0, ATE1; ATI, ATI0
                return name.isEmpty() ? "^AT$" : "^AT" + Rx.literal(name) + "\\d?$";
            }
            return "^AT" + Rx.literal(name) + "(?:[=?]|$)";
        }
    }

    /** One event id of +MIPLEVENT (5.7). */
    record Event(EventId event) implements Subject {
        public String id() {
            return "urc-MIPLEVENT-" + event.id();
        }

        public String text() {
            return MiplEvent.PREFIX + ": 0," + event.id();
        }

        public Fault.On on() {
            return Fault.On.URC;
        }

        public String match() {
            return "^" + Rx.literal(MiplEvent.PREFIX + ": ") + "\\d+," + event.id() + "(?:,|$)";
        }
    }

    /** One request URC of 5.1 - 5.6. */
    record Request(RequestType type) implements Subject {
        public String id() {
            return "urc-" + type.urcPrefix().substring(1);
        }

        public String text() {
            return type.urcPrefix();
        }

        public Fault.On on() {
            return Fault.On.URC;
        }

        public String match() {
            return "^" + Rx.literal(type.urcPrefix() + ": ");
        }
    }

    /**
     * One {@code +QIND: "FOTA"} form of 5.8 - 5.10.
     *
     * @param name  file-name-safe name ({@code START}, {@code UPDATING}, {@code END})
     * @param start the line, or its start before the variable field ({@link org.miplhil.at.FotaStart#LINE}, ...)
     * @param whole whether {@code start} is the whole line
     */
    record Fota(String name, String start, boolean whole) implements Subject {
        public String id() {
            return "urc-QIND-FOTA-" + name;
        }

        public String text() {
            return whole ? start : start + "<...>";
        }

        public Fault.On on() {
            return Fault.On.URC;
        }

        public String match() {
            return "^" + Rx.literal(start) + (whole ? "$" : "");
        }
    }

    /**
     * A URC of the module beyond chapter 5 ({@link UrcKind}): the power-up lines of 7.10.6 ({@code RDY},
     * {@code +CFUN: 1}, {@code +CPIN: READY}, {@code +IP: <address>}), 27.007's {@code +CEREG:} and {@code +CSCON:}
     * (written once AT+CEREG / AT+CSCON turn them on) and the SDK's {@code +QNBIOTEVENT:} of deep sleep. The harness
     * waits for RDY then +IP after a power cycle or a DFOTA restart, for the deep-sleep lines in the sleep steps.
     */
    record ModuleUrc(UrcKind kind) implements Subject {
        public String id() {
            return "urc-" + kind.name();
        }

        public String text() {
            return kind == UrcKind.RDY ? kind.prefix() : kind.prefix() + " <...>";
        }

        public Fault.On on() {
            return Fault.On.URC;
        }

        public String match() {
            return "^" + Rx.literal(kind.prefix()) + (kind == UrcKind.RDY ? "$" : "");
        }
    }
}
