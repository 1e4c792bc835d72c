package org.miplhil.sim;

import org.miplhil.sim.registrar.ResourceValue;

import java.util.List;
import java.util.Set;
import org.miplhil.at.MiplCommand;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.MiplRanges;
import org.miplhil.at.MiplValue;
import org.miplhil.at.Parsed;
import org.miplhil.at.ParsedCommand;
import org.miplhil.at.ValueType;
import org.miplhil.at.Violation;
import org.miplhil.sim.profile.Mistake;

/** The checks the MIPL commands share ({@link MiplInterpreter}, {@link NotifyCommand}, {@link RequestAnswers}). */
final class MiplChecks {

    private MiplChecks() {}

    /** Positions of {@code <valueType>,<len>,<value>} in AT+MIPLNOTIFY (3.3.15) and AT+MIPLREADRSP (3.3.11). */
    private static final Set<Integer> NOTIFY_VALUE_PARAMS = Set.of(5, 6, 7);
    private static final Set<Integer> READRSP_VALUE_PARAMS = Set.of(6, 7, 8);

    /**
     * A set command whose parameters do not parse: a value that does not fit its valueType is the command's
     * type-length mistake; anything else (a missing, extra, empty or non-numeric parameter, a quote missing or
     * unbalanced) is {@code any.parameter}.
     */
    static Mistake syntaxMistake(MiplCommandName n, Parsed.Invalid<MiplCommand> bad, Parsed<ParsedCommand> line) {
        int count = line.toOptional().map(c -> c.params().size()).orElse(0);
        boolean present = bad.paramIndex() >= 0 && bad.paramIndex() < count; // a missing one is a count problem
        if (present && n == MiplCommandName.MIPLNOTIFY && NOTIFY_VALUE_PARAMS.contains(bad.paramIndex())) {
            return Mistake.NOTIFY_TYPE_LENGTH;
        }
        if (present && n == MiplCommandName.MIPLREADRSP && READRSP_VALUE_PARAMS.contains(bad.paramIndex())) {
            return Mistake.READRSP_TYPE_LENGTH;
        }
        return Mistake.ANY_PARAMETER;
    }

    /** Whether a violation concerns one of the parameters, by the note's names ({@code "objId"}, {@code "raiMode"}). */
    static boolean broken(List<Violation> violations, String... params) {
        return violations.stream().anyMatch(v -> List.of(params).contains(v.param()));
    }

    static boolean broken(List<Violation> violations, Violation.Rule rule) {
        return violations.stream().anyMatch(v -> v.rule() == rule);
    }

    /** 3.3.2: <ref> 0 is the only instance. */
    static boolean refSupported(int ref) {
        return ref == MiplRanges.REF_SUPPORTED;
    }

    /** A value that passed the checks of the interpreter's value rules, so its valueType is one of 1..5. */
    static ResourceValue resourceValue(int objId, int insId, int resId, int valueType, int len, MiplValue v) {
        return new ResourceValue(objId, insId, resId, ValueType.of(valueType).orElseThrow(), len, v.text());
    }

    static boolean in(long v, long min, long max) {
        return v >= min && v <= max;
    }
}
