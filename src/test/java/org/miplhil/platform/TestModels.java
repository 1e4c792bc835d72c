package org.miplhil.platform;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Operations;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.miplhil.platform.leshan.ObjectModels;

/** A small test object with one writable resource of every LwM2M type, plus the platform's defaults. */
public final class TestModels {

    public static final int TYPES = 32769;
    public static final int STRING = 0;
    public static final int INTEGER = 1;
    public static final int UNSIGNED = 2;
    public static final int FLOAT = 3;
    public static final int BOOLEAN = 4;
    public static final int OPAQUE = 5;
    public static final int TIME = 6;
    public static final int OBJLNK = 7;
    public static final int EXEC = 8;

    private TestModels() {
    }

    public static ObjectModel typesObject() {
        return new ObjectModel(TYPES, "Typed Values", "one resource per LwM2M type", "1.0", true, false,
                rw(STRING, "string", Type.STRING), rw(INTEGER, "integer", Type.INTEGER),
                rw(UNSIGNED, "unsigned", Type.UNSIGNED_INTEGER), rw(FLOAT, "float", Type.FLOAT),
                rw(BOOLEAN, "boolean", Type.BOOLEAN), rw(OPAQUE, "opaque", Type.OPAQUE), rw(TIME, "time", Type.TIME),
                rw(OBJLNK, "objlnk", Type.OBJLNK),
                new ResourceModel(EXEC, "exec", Operations.E, false, false, Type.NONE, "", "", ""));
    }

    private static ResourceModel rw(int id, String name, Type type) {
        return new ResourceModel(id, name, Operations.RW, false, false, type, "", "", "");
    }

    public static List<ObjectModel> all() {
        List<ObjectModel> all = new ArrayList<>(ObjectModels.defaults());
        all.add(typesObject());
        return all;
    }
}
