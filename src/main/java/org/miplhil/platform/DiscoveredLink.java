package org.miplhil.platform;

import java.util.Map;

/** One entry of a Discover answer: a path and its link attributes ({@code dim}, {@code pmin}…), in order. */
public record DiscoveredLink(NodePath path, Map<String, String> attributes) {
    public DiscoveredLink {
        if (path == null) throw new IllegalArgumentException("null path");
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }
}
