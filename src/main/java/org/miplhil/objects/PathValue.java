package org.miplhil.objects;

import java.util.Objects;
import org.miplhil.at.MiplValue;

/** One resource's value at its place in the model: what one AT+MIPLREADRSP or AT+MIPLNOTIFY line carries. */
public record PathValue(int objId, int insId, int resId, MiplValue value) {

    public PathValue {
        Objects.requireNonNull(value, "value");
    }

    public ObjectPath path() {
        return ObjectPath.resource(objId, insId, resId);
    }
}
