package org.miplhil.sim.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link FaultAction.Edit} applied to one line. The parameters are what follows the first {@code ": "} (5.x: one
 * space after the colon), split on commas outside double quotes ({@code "1"} and {@code "a,b"} are one field each);
 * field 1 is the first. A field past the last is appended, with empty fields between when it lies further out.
 */
public final class FieldEdit {

    private FieldEdit() {}

    /** The line with the field replaced; empty when the line has no {@code ": "} (no parameters to edit). */
    public static Optional<String> apply(String line, int field, String value) {
        if (field < 1) {
            throw new IllegalArgumentException("field counts from 1: " + field);
        }
        int colon = line.indexOf(": ");
        if (colon < 0) {
            return Optional.empty();
        }
        String head = line.substring(0, colon + 2);
        List<String> fields = split(line.substring(colon + 2));
        while (fields.size() < field) {
            fields.add("");
        }
        fields.set(field - 1, value);
        return Optional.of(head + String.join(",", fields));
    }

    /** The comma-separated fields, commas inside double quotes kept; an unclosed quote runs to the end. */
    static List<String> split(String params) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
