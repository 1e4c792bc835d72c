package org.miplhil.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds the parameter list of a command or URC line in order. */
final class ParamList {

    private final List<Param> out = new ArrayList<>();

    ParamList add(long v) {
        out.add(Param.plain(v));
        return this;
    }

    ParamList quoted(String s) {
        out.add(Param.quoted(s));
        return this;
    }

    ParamList plain(String s) {
        out.add(Param.plain(s));
        return this;
    }

    ParamList value(MiplValue v) {
        out.add(v instanceof MiplValue.StringValue s ? new Param(s.text(), s.quoted())
                : v instanceof MiplValue.RawValue r ? new Param(r.text(), r.quoted())
                : Param.plain(v.format()));
        return this;
    }

    /** An optional trailing parameter: added only when present. */
    ParamList opt(OptionalInt v) {
        v.ifPresent(this::add);
        return this;
    }

    ParamList opt(OptionalLong v) {
        v.ifPresent(this::add);
        return this;
    }

    ParamList optQuoted(Optional<String> v) {
        v.ifPresent(this::quoted);
        return this;
    }

    List<Param> list() {
        return List.copyOf(out);
    }

    static String join(List<Param> params) {
        return ParsedCommand.joinParams(params);
    }
}
