package org.miplhil.platform.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON this API needs, without a library: {@link #parse} reads a document into {@code Map} (insertion
 * ordered), {@code List}, {@code String}, {@code Long} or {@code BigInteger} (integers), {@code Double}
 * (numbers with a fraction or exponent), {@code Boolean} and {@link #NULL}; {@link #write} writes those back.
 * Parsing never throws: it returns {@link Parsed.Error} with the offset of the first problem.
 */
public final class Json {

    /** JSON {@code null} (a {@code Map} cannot hold Java null values in all its uses). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Deepest nesting accepted, so hostile input cannot exhaust the stack. */
    static final int MAX_DEPTH = 64;

    private Json() {
    }

    public sealed interface Parsed {
        record Ok(Object value) implements Parsed {
        }

        record Error(String message, int offset) implements Parsed {
            @Override
            public String toString() {
                return message + " at offset " + offset;
            }
        }
    }

    public static Parsed parse(String text) {
        if (text == null) {
            return new Parsed.Error("no document", 0);
        }
        Reader r = new Reader(text);
        try {
            r.skipSpace();
            Object v = r.value(0);
            r.skipSpace();
            if (r.pos != text.length()) {
                return new Parsed.Error("unexpected text after the document", r.pos);
            }
            return new Parsed.Ok(v);
        } catch (Bad e) {
            return new Parsed.Error(e.getMessage(), e.offset);
        }
    }

    /** Thrown inside the parser only; {@link #parse} turns it into a result. */
    private static final class Bad extends Exception {
        final int offset;

        Bad(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private static final class Reader {
        private final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        Object value(int depth) throws Bad {
            if (depth > MAX_DEPTH) {
                throw new Bad("nested deeper than " + MAX_DEPTH, pos);
            }
            if (pos >= s.length()) {
                throw new Bad("unexpected end", pos);
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw new Bad("unexpected character '" + printable(c) + "'", pos);
            }
        }

        private Object literal(String word, Object v) throws Bad {
            if (!s.startsWith(word, pos)) {
                throw new Bad("expected " + word, pos);
            }
            pos += word.length();
            return v;
        }

        private Map<String, Object> object(int depth) throws Bad {
            Map<String, Object> out = new LinkedHashMap<>();
            pos++; // {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return out;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw new Bad("expected a member name", pos);
                }
                int at = pos;
                String key = string();
                skipSpace();
                if (peek() != ':') {
                    throw new Bad("expected ':'", pos);
                }
                pos++;
                skipSpace();
                Object v = value(depth + 1);
                if (out.containsKey(key)) {
                    throw new Bad("duplicate member \"" + key + "\"", at);
                }
                out.put(key, v);
                skipSpace();
                char c = peek();
                pos++;
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    throw new Bad("expected ',' or '}'", pos - 1);
                }
            }
        }

        private List<Object> array(int depth) throws Bad {
            List<Object> out = new ArrayList<>();
            pos++; // [
            skipSpace();
            if (peek() == ']') {
                pos++;
                return out;
            }
            while (true) {
                skipSpace();
                out.add(value(depth + 1));
                skipSpace();
                char c = peek();
                pos++;
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    throw new Bad("expected ',' or ']'", pos - 1);
                }
            }
        }

        private char peek() throws Bad {
            if (pos >= s.length()) {
                throw new Bad("unexpected end", pos);
            }
            return s.charAt(pos);
        }

        private String string() throws Bad {
            StringBuilder b = new StringBuilder();
            pos++; // "
            while (true) {
                if (pos >= s.length()) {
                    throw new Bad("unterminated string", pos);
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw new Bad("control character in string", pos - 1);
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw new Bad("unterminated escape", pos);
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case '/' -> b.append('/');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new Bad("short \\u escape", pos);
                        }
                        int v = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos + i), 16);
                            if (d < 0) {
                                throw new Bad("bad \\u escape", pos + i);
                            }
                            v = v * 16 + d;
                        }
                        pos += 4;
                        b.append((char) v);
                    }
                    default -> throw new Bad("bad escape '\\" + printable(e) + "'", pos - 1);
                }
            }
        }

        private Object number() throws Bad {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw new Bad("expected a digit", pos);
            }
            if (s.charAt(pos) == '0') {
                pos++;
            } else {
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                integral = false;
                pos++;
                if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                    throw new Bad("expected a digit after '.'", pos);
                }
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                    throw new Bad("expected a digit in the exponent", pos);
                }
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            String text = s.substring(start, pos);
            if (integral) {
                BigInteger big = new BigInteger(text);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            double d = new BigDecimal(text).doubleValue();
            if (Double.isInfinite(d)) {
                throw new Bad("number out of range", start);
            }
            return d;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** JSON text of a value made of maps, lists, strings, numbers, booleans and null. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v) {
        if (v == null || v == NULL) {
            b.append("null");
        } else if (v instanceof String s) {
            quote(b, s);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // JSON has no NaN or infinity
            b.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof BigDecimal d) {
            b.append(d.toString());
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                quote(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof Iterable<?> list) {
            b.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                write(b, o);
            }
            b.append(']');
        } else {
            quote(b, v.toString());
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** An insertion-ordered map built from key/value pairs, for writing. */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
