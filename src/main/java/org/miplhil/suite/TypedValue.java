package org.miplhil.suite;

/**
 * A resource value with its LwM2M type, written {@code {float: 1.88}} in a suite. {@code text} is as written (it may
 * hold {@code ${name}} placeholders, in which case it is checked against the type only once rendered).
 */
public record TypedValue(Type type, Template text) {

    /** LwM2M resource types a suite can write or expect; the module's valueType 1..5 maps to these. */
    public enum Type {
        STRING("string"), INTEGER("integer"), FLOAT("float"), BOOLEAN("boolean"), OPAQUE("opaque");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        /** The key used in a suite. */
        public String word() {
            return word;
        }

        public static java.util.Optional<Type> of(String word) {
            for (Type t : values()) {
                if (t.word.equals(word)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Whether a rendered text is a valid literal of the type (opaque: hex digits, an even number of them). */
    public static boolean isValidLiteral(Type type, String text) {
        return switch (type) {
            case STRING -> true;
            case INTEGER -> text.matches("[+-]?\\d{1,19}") && fitsLong(text);
            case FLOAT -> text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
            case BOOLEAN -> text.equals("true") || text.equals("false");
            case OPAQUE -> text.matches("([0-9A-Fa-f]{2})*");
        };
    }

    private static boolean fitsLong(String text) {
        try {
            Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "{" + type.word() + ": " + text.source() + "}";
    }
}
