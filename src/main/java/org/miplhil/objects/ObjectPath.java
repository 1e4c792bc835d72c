package org.miplhil.objects;

/**
 * A path in the object model as the URCs give it: {@code objId}, {@code insId}, {@code resId}, with -1 for "all"
 * (5.2, 5.3): {@code 3311,-1,-1} the object, {@code 3311,0,-1} an instance, {@code 3311,0,5850} a resource.
 */
public record ObjectPath(int objId, int insId, int resId) {

    public ObjectPath {
        if (objId < 0 || objId > 65535 || insId < -1 || insId > 65535 || resId < -1 || resId > 65535) {
            throw new IllegalArgumentException("not a path: " + objId + "/" + insId + "/" + resId);
        }
        if (insId == -1 && resId != -1) {
            throw new IllegalArgumentException("a resource path needs an instance: " + objId + "/" + insId + "/" + resId);
        }
    }

    public static ObjectPath object(int objId) {
        return new ObjectPath(objId, -1, -1);
    }

    public static ObjectPath instance(int objId, int insId) {
        return new ObjectPath(objId, insId, -1);
    }

    public static ObjectPath resource(int objId, int insId, int resId) {
        return new ObjectPath(objId, insId, resId);
    }

    public boolean isObject() {
        return insId < 0;
    }

    public boolean isInstance() {
        return insId >= 0 && resId < 0;
    }

    public boolean isResource() {
        return resId >= 0;
    }

    /** Whether {@code other} is this path or below it. */
    public boolean covers(ObjectPath other) {
        return objId == other.objId && (insId < 0 || insId == other.insId) && (resId < 0 || resId == other.resId);
    }

    /** {@code /3311/0/5850}, {@code /3311/0}, {@code /3311}. */
    @Override
    public String toString() {
        return "/" + objId + (insId >= 0 ? "/" + insId : "") + (resId >= 0 ? "/" + resId : "");
    }
}
