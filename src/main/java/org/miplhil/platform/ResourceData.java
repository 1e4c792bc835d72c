package org.miplhil.platform;

/** One value read or notified: a resource (or resource instance) path and its typed value. */
public record ResourceData(NodePath path, ResourceValue value) {
    public ResourceData {
        if (path == null || value == null) throw new IllegalArgumentException("null path or value");
        if (path.depth() < 3) throw new IllegalArgumentException("not a resource path: " + path);
    }
}
