package org.miplhil.at;

/**
 * A parameter that is well-formed but outside what chapter 3 allows.
 *
 * @param paramIndex 0-based position in the command line
 * @param param      the note's name for it, e.g. {@code "lifetime"}
 * @param rule       what kind of rule was broken, so a firmware profile can map it to an error code
 * @param reason     readable explanation citing the section
 */
public record Violation(int paramIndex, String param, Rule rule, String reason) {

    public enum Rule {
        /** A number outside its range. */
        OUT_OF_RANGE,
        /** A length parameter that does not match its value (3.3.9 length, 3.3.11 len). */
        LENGTH_MISMATCH,
        /** A result code not allowed for this request type. */
        RESULT_NOT_ALLOWED,
        /** Parameters that must come together, or a malformed bitmap. */
        INCONSISTENT
    }

    public <T> Parsed<T> toInvalid() {
        return Parsed.invalid("<" + param + "> " + reason, paramIndex);
    }

    @Override
    public String toString() {
        return "parameter " + paramIndex + " <" + param + ">: " + reason;
    }
}
