package org.miplhil.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Typed reading of a parameter list. A bad parameter aborts the read with {@link Bad}, which
 * {@link #read} turns into {@link Parsed.Invalid}; it never leaves this package.
 */
final class Fields {

    static final class Bad extends RuntimeException {
        final int index;

        Bad(String message, int index) {
            super(message, null, false, false);
            this.index = index;
        }
    }

    interface Reader<T> {
        T read(Fields f);
    }

    private final List<Param> params;
    private final String what;

    Fields(List<Param> params, String what) {
        this.params = params;
        this.what = what;
    }

    static <T> Parsed<T> read(List<Param> params, String what, Reader<T> reader) {
        try {
            return Parsed.ok(reader.read(new Fields(params, what)));
        } catch (Bad bad) {
            return Parsed.invalid(bad.getMessage(), bad.index);
        }
    }

    int size() {
        return params.size();
    }

    boolean has(int i) {
        return i < params.size();
    }

    Param param(int i) {
        return params.get(i);
    }

    /** Requires between min and max parameters; {@code names} are the note's names, for the message. */
    void count(int min, int max, String syntax) {
        int n = params.size();
        if (n < min) {
            throw new Bad(what + " takes " + (min == max ? "" : "at least ") + min + " parameters ("
                    + syntax + "), got " + n + "; missing <" + paramName(syntax, n) + ">", n);
        }
        if (n > max) {
            throw new Bad(what + " takes at most " + max + " parameters (" + syntax + "), got " + n, max);
        }
    }

    /** Requires one of the given counts. */
    void countOneOf(String syntax, int... allowed) {
        for (int a : allowed) {
            if (a == params.size()) {
                return;
            }
        }
        int n = params.size();
        int next = allowed[allowed.length - 1];
        for (int a : allowed) {
            if (a > n) {
                next = a;
                break;
            }
        }
        throw new Bad(what + " takes " + java.util.Arrays.toString(allowed).replace("[", "").replace("]", "")
                .replace(", ", ", or ") + " parameters (" + syntax + "), got " + n, Math.min(n, next));
    }

    long longAt(int i, String name) {
        Param p = params.get(i);
        if (p.quoted()) {
            throw new Bad("<" + name + "> is an integer, written without quotes; got " + p.format(), i);
        }
        String v = p.value();
        if (v.isEmpty()) {
            throw new Bad("<" + name + "> is empty", i);
        }
        if (!Param.DECIMAL.matcher(v).matches()) {
            throw new Bad("<" + name + "> is not a decimal integer: \"" + v + "\"", i);
        }
        java.util.OptionalLong n = p.integer();
        if (n.isEmpty()) {
            throw new Bad("<" + name + "> " + v + " is too large", i);
        }
        return n.getAsLong();
    }

    int intAt(int i, String name) {
        long v = longAt(i, name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new Bad("<" + name + "> " + v + " is too large", i);
        }
        return (int) v;
    }

    OptionalInt optInt(int i, String name) {
        return has(i) ? OptionalInt.of(intAt(i, name)) : OptionalInt.empty();
    }

    OptionalLong optLong(int i, String name) {
        return has(i) ? OptionalLong.of(longAt(i, name)) : OptionalLong.empty();
    }

    /** A string the note types as "带双引号的字符串型": quotes required. */
    String quotedAt(int i, String name) {
        Param p = params.get(i);
        if (!p.quoted()) {
            throw new Bad("<" + name + "> is a string in double quotes; got " + p.format(), i);
        }
        return p.value();
    }

    /** A string the note types as "字符串型": quotes optional. */
    String stringAt(int i, String name) {
        return params.get(i).value();
    }

    Optional<String> optString(int i, String name) {
        return has(i) ? Optional.of(stringAt(i, name)) : Optional.empty();
    }

    MiplValue valueAt(int i, int valueType, boolean stringsQuoted) {
        Parsed<MiplValue> v = MiplValue.parse(valueType, params.get(i), stringsQuoted, i);
        if (v instanceof Parsed.Invalid<MiplValue> inv) {
            throw new Bad(inv.reason(), i);
        }
        return v.orElseThrow();
    }

    static Bad bad(String message, int index) {
        return new Bad(message, index);
    }

    private static String paramName(String syntax, int n) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile("<([A-Za-z_]+)>").matcher(syntax);
        while (m.find()) {
            names.add(m.group(1));
        }
        return n < names.size() ? names.get(n) : "?";
    }
}
