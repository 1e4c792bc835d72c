package org.miplhil.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A named parameter of a step, as the report shows it. */
public record Param(String name, String value) {

    public Param {
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value;
    }

    /** Parameters from a map, in its iteration order (use a LinkedHashMap to keep the suite's order). */
    public static List<Param> of(Map<String, ?> params) {
        List<Param> out = new ArrayList<>();
        if (params != null) {
            params.forEach((k, v) -> out.add(new Param(String.valueOf(k), v == null ? "" : String.valueOf(v))));
        }
        return List.copyOf(out);
    }
}
