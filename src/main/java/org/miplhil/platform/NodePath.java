package org.miplhil.platform;

import java.util.Optional;

/**
 * An LwM2M path: object, object instance, resource, resource instance. An absent level is -1, the
 * convention of the note's URCs (5.2: "-1 表示...所有实例/所有资源").
 */
public record NodePath(int objId, int insId, int resId, int resInstId) implements Comparable<NodePath> {

    public static final int NONE = -1;
    private static final int MAX_ID = 65535;

    public NodePath {
        check(objId, "objId", false);
        check(insId, "insId", true);
        check(resId, "resId", true);
        check(resInstId, "resInstId", true);
        if (insId == NONE && resId != NONE) {
            throw new IllegalArgumentException("resId " + resId + " without insId");
        }
        if (resId == NONE && resInstId != NONE) {
            throw new IllegalArgumentException("resInstId " + resInstId + " without resId");
        }
    }

    private static void check(int id, String name, boolean mayBeAbsent) {
        if ((id < 0 || id > MAX_ID) && !(mayBeAbsent && id == NONE)) {
            throw new IllegalArgumentException(name + " out of range 0.." + MAX_ID + ": " + id);
        }
    }

    public static NodePath object(int objId) {
        return new NodePath(objId, NONE, NONE, NONE);
    }

    public static NodePath instance(int objId, int insId) {
        return new NodePath(objId, insId, NONE, NONE);
    }

    public static NodePath resource(int objId, int insId, int resId) {
        return new NodePath(objId, insId, resId, NONE);
    }

    public static NodePath resourceInstance(int objId, int insId, int resId, int resInstId) {
        return new NodePath(objId, insId, resId, resInstId);
    }

    /** Path of an object, instance or resource given the note's way: -1 for an absent level. */
    public static NodePath of(int objId, int insId, int resId) {
        return new NodePath(objId, insId, insId == NONE ? NONE : resId, NONE);
    }

    /** Parses {@code /3311/0/5850} (leading slash optional); empty when it is not such a path. */
    public static Optional<NodePath> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.startsWith("/") ? text.substring(1) : text;
        if (s.isEmpty() || s.endsWith("/")) {
            return Optional.empty();
        }
        String[] parts = s.split("/", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        int[] ids = {NONE, NONE, NONE, NONE};
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > MAX_ID) {
                return Optional.empty();
            }
            ids[i] = v;
        }
        return Optional.of(new NodePath(ids[0], ids[1], ids[2], ids[3]));
    }

    public boolean isObject() {
        return insId == NONE;
    }

    public boolean isInstance() {
        return insId != NONE && resId == NONE;
    }

    public boolean isResource() {
        return resId != NONE && resInstId == NONE;
    }

    public boolean isResourceInstance() {
        return resInstId != NONE;
    }

    /** 1 for an object path … 4 for a resource instance path. */
    public int depth() {
        return insId == NONE ? 1 : resId == NONE ? 2 : resInstId == NONE ? 3 : 4;
    }

    public NodePath toObject() {
        return object(objId);
    }

    public NodePath toInstance() {
        if (insId == NONE) {
            throw new IllegalStateException(this + " has no instance");
        }
        return instance(objId, insId);
    }

    /** True when {@code other} is this path or lies below it. */
    public boolean contains(NodePath other) {
        return objId == other.objId
                && (insId == NONE || insId == other.insId)
                && (resId == NONE || resId == other.resId)
                && (resInstId == NONE || resInstId == other.resInstId);
    }

    @Override
    public int compareTo(NodePath o) {
        int c = Integer.compare(objId, o.objId);
        if (c == 0) c = Integer.compare(insId, o.insId);
        if (c == 0) c = Integer.compare(resId, o.resId);
        if (c == 0) c = Integer.compare(resInstId, o.resInstId);
        return c;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append('/').append(objId);
        if (insId != NONE) b.append('/').append(insId);
        if (resId != NONE) b.append('/').append(resId);
        if (resInstId != NONE) b.append('/').append(resInstId);
        return b.toString();
    }
}
