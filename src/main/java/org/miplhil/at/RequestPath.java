package org.miplhil.at;

/**
 * The object, instance and resource a request URC names (5.1 - 5.6); {@code -1} where the request leaves a
 * level out (5.2, 5.3: an insId or resId of -1 means the whole object or instance; 5.1 names the object only).
 */
public record RequestPath(int objId, int insId, int resId) {

    public static RequestPath object(int objId) {
        return new RequestPath(objId, -1, -1);
    }

    public boolean hasInstance() {
        return insId >= 0;
    }

    public boolean hasResource() {
        return insId >= 0 && resId >= 0;
    }

    /** {@code /objId[/insId[/resId]]}, as the platform writes a path. */
    public String text() {
        StringBuilder s = new StringBuilder("/").append(objId);
        if (hasInstance()) {
            s.append('/').append(insId);
            if (resId >= 0) {
                s.append('/').append(resId);
            }
        }
        return s.toString();
    }
}
