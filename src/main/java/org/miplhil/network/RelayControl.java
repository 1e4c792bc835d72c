package org.miplhil.network;

import java.io.IOException;
import java.net.URI;

/**
 * STUB for the images branch only: the relay's control client is written on the relay branch (same name and
 * signatures); on merge, that branch's file replaces this one.
 */
public final class RelayControl {

    private final URI base;

    public RelayControl(URI base) {
        this.base = base;
    }

    public void apply(NetworkConditions conditions) throws IOException {
        throw new IOException("the relay's control client is not in this build (" + base + ")");
    }

    public RelayStats stats() throws IOException {
        throw new IOException("the relay's control client is not in this build (" + base + ")");
    }
}
