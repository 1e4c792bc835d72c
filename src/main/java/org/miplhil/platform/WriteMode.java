package org.miplhil.platform;

/** LwM2M write modes; OneNET's write API calls them mode 1 and mode 2. */
public enum WriteMode {
    /** PUT: the given resources replace the instance (or the resource). OneNET mode 1. */
    REPLACE(1),
    /** POST: only the given resources change. OneNET mode 2. */
    PARTIAL_UPDATE(2);

    private final int oneNetMode;

    WriteMode(int oneNetMode) {
        this.oneNetMode = oneNetMode;
    }

    public int oneNetMode() {
        return oneNetMode;
    }
}
