package org.miplhil.platform;

/** One resource of a write request: its id and the value to write. */
public record ResourceWrite(int resId, ResourceValue value) {
    public ResourceWrite {
        if (resId < 0 || resId > 65535) throw new IllegalArgumentException("resId out of range: " + resId);
        if (value == null) throw new IllegalArgumentException("null value");
    }
}
