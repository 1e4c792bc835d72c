package org.miplhil.platform;

/** LwM2M resource data types (LwM2M 1.1 appendix C); {@code NONE} is an executable resource. */
public enum ResourceType {
    STRING, INTEGER, UNSIGNED_INTEGER, FLOAT, BOOLEAN, OPAQUE, TIME, OBJLNK, CORELINK, NONE;

    public boolean isNumeric() {
        return this == INTEGER || this == UNSIGNED_INTEGER || this == FLOAT;
    }
}
