package org.miplhil.objects;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.at.MiplAddObj;
import org.miplhil.at.MiplValue;

/**
 * The MCU's objects at run time: the definitions of the fixtures and the current value of every resource of every
 * instance. Starts with each instance's fixture values (resource defaults filled in); writes from the platform and
 * {@link #set} change them. Thread-safe. Answers in the terms of the response commands: values, or a
 * {@link ModelResult.Refused} with the result code (13 not found, 14 not allowed, 11 bad request).
 */
public final class ObjectModel {

    private final Map<Integer, ObjectDef> objects = new LinkedHashMap<>();
    private final Map<ObjectPath, MiplValue> values = new LinkedHashMap<>(); // guarded by this

    private ObjectModel(Collection<ObjectDef> defs) {
        for (ObjectDef o : defs) {
            if (objects.putIfAbsent(o.id(), o) != null) {
                throw new IllegalArgumentException("object " + o.id() + " given twice (" + o.source() + ")");
            }
            for (InstanceDef i : o.instances()) {
                for (ResourceDef r : o.resources()) {
                    MiplValue v = i.values().get(r.id());
                    if (v == null) {
                        v = r.defaultValue().orElse(null);
                    }
                    if (v != null) {
                        values.put(ObjectPath.resource(o.id(), i.id(), r.id()), v);
                    }
                }
            }
        }
    }

    public static ObjectModel of(Collection<ObjectDef> defs) {
        return new ObjectModel(defs);
    }

    public static ObjectModel of(ObjectDef... defs) {
        return new ObjectModel(Arrays.asList(defs));
    }

    /** Loads fixture files; an invalid fixture throws {@link IllegalArgumentException} listing every error. */
    public static ObjectModel load(Path... files) {
        return new ObjectModel(ObjectFixtures.loadAll(Arrays.asList(files)).orElseThrow());
    }

    /** The objects in the order given, e.g. the order of {@code AT+MIPLADDOBJ}. */
    public List<ObjectDef> objects() {
        return List.copyOf(objects.values());
    }

    public Optional<ObjectDef> object(int objId) {
        return Optional.ofNullable(objects.get(objId));
    }

    public Optional<ResourceDef> resource(int objId, int resId) {
        return object(objId).flatMap(o -> o.resource(resId));
    }

    /** {@code AT+MIPLADDOBJ} for every object, in order. */
    public List<MiplAddObj> addObjCommands(int ref) {
        return objects.values().stream().map(o -> o.addObj(ref)).toList();
    }

    public synchronized Optional<MiplValue> value(int objId, int insId, int resId) {
        return Optional.ofNullable(values.get(ObjectPath.resource(objId, insId, resId)));
    }

    /** Every value now, in model order (object, instance, resource as defined). */
    public synchronized Map<ObjectPath, MiplValue> snapshot() {
        Map<ObjectPath, MiplValue> out = new LinkedHashMap<>();
        for (ObjectDef o : objects.values()) {
            for (InstanceDef i : o.instances()) {
                for (ResourceDef r : o.resources()) {
                    ObjectPath p = ObjectPath.resource(o.id(), i.id(), r.id());
                    MiplValue v = values.get(p);
                    if (v != null) {
                        out.put(p, v);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Sets a value as the device itself would (a sensor reading), whatever the resource's operations.
     *
     * @throws IllegalArgumentException no such instance or resource, an executable resource, or a value that does
     *                                  not fit the resource's type
     */
    public synchronized void set(int objId, int insId, int resId, MiplValue value) {
        Objects.requireNonNull(value, "value");
        ObjectDef o = object(objId).orElseThrow(() -> new IllegalArgumentException("no object " + objId));
        o.instance(insId).orElseThrow(() -> new IllegalArgumentException("no instance /" + objId + "/" + insId));
        ResourceDef r = o.resource(resId).orElseThrow(() -> new IllegalArgumentException("no resource " + resId
                + " in object " + objId));
        if (r.operations().execute()) {
            throw new IllegalArgumentException("resource /" + objId + "/" + insId + "/" + resId + " is executable");
        }
        Values.check(r.type(), value).ifPresent(problem -> {
            throw new IllegalArgumentException("/" + objId + "/" + insId + "/" + resId + ": " + problem);
        });
        values.put(ObjectPath.resource(objId, insId, resId), value);
    }

    /** Removes a value, so that reads no longer list the resource for that instance. */
    public synchronized void clear(int objId, int insId, int resId) {
        values.remove(ObjectPath.resource(objId, insId, resId));
    }

    // ---------------------------------------------------------------- requests

    /**
     * 5.3: the values a read of {@code path} answers with, in order — a resource; an instance's readable resources
     * that have a value, as the object lists them; an object's registered instances by id, each likewise.
     */
    public synchronized ModelResult<List<PathValue>> read(ObjectPath path) {
        ObjectDef o = objects.get(path.objId());
        if (o == null) {
            return ModelResult.notFound("no object " + path.objId());
        }
        if (path.isResource()) {
            ModelResult<InstanceDef> ins = registeredInstance(o, path.insId());
            if (ins instanceof ModelResult.Refused<InstanceDef> r) {
                return new ModelResult.Refused<>(r.code(), r.reason());
            }
            Optional<ResourceDef> res = o.resource(path.resId());
            if (res.isEmpty()) {
                return ModelResult.notFound("no resource " + path.resId() + " in object " + o.id());
            }
            if (!res.get().operations().read()) {
                return ModelResult.notAllowed("resource " + path + " is not readable (" + res.get().operations() + ")");
            }
            MiplValue v = values.get(path);
            if (v == null) {
                return ModelResult.notFound("resource " + path + " has no value");
            }
            return ModelResult.ok(List.of(new PathValue(o.id(), path.insId(), path.resId(), v)));
        }
        List<InstanceDef> instances = new ArrayList<>();
        if (path.isInstance()) {
            ModelResult<InstanceDef> ins = registeredInstance(o, path.insId());
            if (ins instanceof ModelResult.Refused<InstanceDef> r) {
                return new ModelResult.Refused<>(r.code(), r.reason());
            }
            instances.add(((ModelResult.Ok<InstanceDef>) ins).value());
        } else {
            o.instances().stream().filter(InstanceDef::registered)
                    .sorted(java.util.Comparator.comparingInt(InstanceDef::id)).forEach(instances::add);
        }
        List<PathValue> out = new ArrayList<>();
        for (InstanceDef i : instances) {
            for (ResourceDef r : o.resources()) {
                MiplValue v = values.get(ObjectPath.resource(o.id(), i.id(), r.id()));
                if (v != null && r.operations().read()) {
                    out.add(new PathValue(o.id(), i.id(), r.id(), v));
                }
            }
        }
        if (out.isEmpty()) {
            return ModelResult.notFound(path + " has no readable value");
        }
        return ModelResult.ok(List.copyOf(out));
    }

    /** 5.1: the resource ids a discover of the object lists, in the fixture's order. */
    public ModelResult<List<Integer>> discover(int objId) {
        ObjectDef o = objects.get(objId);
        return o == null ? ModelResult.notFound("no object " + objId) : ModelResult.ok(o.discover());
    }

    /** 5.2: whether {@code path} can be observed (it exists and, for a resource, is readable). */
    public ModelResult<ObjectPath> observe(ObjectPath path) {
        ModelResult<ObjectPath> p = exists(path);
        if (p.isOk() && path.isResource() && !resource(path.objId(), path.resId()).orElseThrow().operations().read()) {
            return ModelResult.notAllowed("resource " + path + " is not readable, so it cannot be observed");
        }
        return p;
    }

    /** 5.6: whether attributes can be written to {@code path} (it exists). */
    public ModelResult<ObjectPath> parameter(ObjectPath path) {
        return exists(path);
    }

    /** 5.5: whether the resource can be executed. */
    public ModelResult<ResourceDef> execute(ObjectPath path) {
        if (!path.isResource()) {
            return ModelResult.badRequest("execute needs a resource, found " + path);
        }
        ModelResult<ObjectPath> p = exists(path);
        if (p instanceof ModelResult.Refused<ObjectPath> r) {
            return new ModelResult.Refused<>(r.code(), r.reason());
        }
        ResourceDef r = resource(path.objId(), path.resId()).orElseThrow();
        if (!r.operations().execute()) {
            return ModelResult.notAllowed("resource " + path + " is not executable (" + r.operations() + ")");
        }
        return ModelResult.ok(r);
    }

    /**
     * 5.4: writes the values to one instance, all or none. Every resource must exist, be writable and take the
     * value's type.
     */
    public synchronized ModelResult<List<PathValue>> write(int objId, int insId, Map<Integer, MiplValue> parts) {
        ObjectDef o = objects.get(objId);
        if (o == null) {
            return ModelResult.notFound("no object " + objId);
        }
        ModelResult<InstanceDef> ins = registeredInstance(o, insId);
        if (ins instanceof ModelResult.Refused<InstanceDef> r) {
            return new ModelResult.Refused<>(r.code(), r.reason());
        }
        List<PathValue> applied = new ArrayList<>();
        for (var e : parts.entrySet()) {
            ObjectPath p = ObjectPath.resource(objId, insId, e.getKey());
            Optional<ResourceDef> r = o.resource(e.getKey());
            if (r.isEmpty()) {
                return ModelResult.notFound("no resource " + e.getKey() + " in object " + objId);
            }
            if (!r.get().operations().write()) {
                return ModelResult.notAllowed("resource " + p + " is not writable (" + r.get().operations() + ")");
            }
            Optional<String> problem = Values.check(r.get().type(), e.getValue());
            if (problem.isPresent()) {
                return ModelResult.badRequest(p + ": " + problem.get());
            }
            applied.add(new PathValue(objId, insId, e.getKey(), e.getValue()));
        }
        for (PathValue v : applied) {
            values.put(v.path(), v.value());
        }
        return ModelResult.ok(List.copyOf(applied));
    }

    private ModelResult<ObjectPath> exists(ObjectPath path) {
        ObjectDef o = objects.get(path.objId());
        if (o == null) {
            return ModelResult.notFound("no object " + path.objId());
        }
        if (path.insId() >= 0) {
            ModelResult<InstanceDef> ins = registeredInstance(o, path.insId());
            if (ins instanceof ModelResult.Refused<InstanceDef> r) {
                return new ModelResult.Refused<>(r.code(), r.reason());
            }
        }
        if (path.resId() >= 0 && o.resource(path.resId()).isEmpty()) {
            return ModelResult.notFound("no resource " + path.resId() + " in object " + o.id());
        }
        return ModelResult.ok(path);
    }

    /** Instances the bitmap leaves out are unknown to the platform, hence not found. */
    private static ModelResult<InstanceDef> registeredInstance(ObjectDef o, int insId) {
        Optional<InstanceDef> i = o.instance(insId);
        if (i.isEmpty()) {
            return ModelResult.notFound("no instance /" + o.id() + "/" + insId);
        }
        if (!i.get().registered()) {
            return ModelResult.notFound("instance /" + o.id() + "/" + insId + " is not registered (insBitmap)");
        }
        return ModelResult.ok(i.get());
    }
}
