package org.miplhil.objects;

import java.util.Objects;
import java.util.Optional;
import org.miplhil.at.MiplValue;

/**
 * A resource of an object: id, name, data type, operations, and the value every instance starts with unless it
 * gives its own ({@code defaultValue}, empty for none).
 */
public record ResourceDef(int id, String name, DataType type, Operations operations, Optional<MiplValue> defaultValue) {

    public ResourceDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (id < 0 || id > 65535) {
            throw new IllegalArgumentException("resource id must be 0..65535: " + id);
        }
        defaultValue.ifPresent(v -> Values.check(type, v).ifPresent(problem -> {
            throw new IllegalArgumentException("resource " + id + ": " + problem);
        }));
    }

    public ResourceDef(int id, String name, DataType type, Operations operations) {
        this(id, name, type, operations, Optional.empty());
    }
}
