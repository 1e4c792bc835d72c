package org.miplhil.objects;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.miplhil.at.MiplValue;

/**
 * An instance of an object as a fixture gives it: its id, whether the MCU registers it ({@code insBitmap}, 3.3.5),
 * and its own resource values (resource defaults not included).
 */
public record InstanceDef(int id, boolean registered, Map<Integer, MiplValue> values) {

    public InstanceDef {
        if (id < 0 || id > 65535) {
            throw new IllegalArgumentException("instance id must be 0..65535: " + id);
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    public InstanceDef(int id, Map<Integer, MiplValue> values) {
        this(id, true, values);
    }
}
