package org.miplhil.platform.http;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceType;
import org.miplhil.platform.ResourceValue;

/** JSON values of the OneNET-like API to and from typed resource values. Pure; never throws. */
public final class ApiValues {

    private ApiValues() {
    }

    /** A converted value or why not. */
    public sealed interface Converted {
        record Ok(ResourceValue value) implements Converted {
        }

        record Error(String message) implements Converted {
        }
    }

    /**
     * The value to write for a data item: OneNET's {@code type} 1 (opaque, hex string) and 2 (time, seconds)
     * first; else the type the object model gives the resource; else the JSON type (string, integer, float,
     * boolean).
     */
    public static Converted toValue(int resId, Object val, int oneNetType, Optional<ResourceType> modelType) {
        if (oneNetType == 1) {
            return opaque(resId, val);
        }
        if (oneNetType == 2) {
            return time(resId, val);
        }
        if (modelType.isEmpty()) {
            if (val instanceof String s) return ok(new ResourceValue.StringValue(s));
            if (val instanceof Long l) return ok(new ResourceValue.IntegerValue(l));
            if (val instanceof Double d) return ok(new ResourceValue.FloatValue(d));
            if (val instanceof Boolean b) return ok(new ResourceValue.BooleanValue(b));
            return error(resId, "val must be a string, an integer within 64 bits, a number or a boolean");
        }
        ResourceType t = modelType.get();
        switch (t) {
            case STRING:
            case CORELINK:
                return val instanceof String s ? ok(t == ResourceType.STRING ? new ResourceValue.StringValue(s)
                        : new ResourceValue.CoreLinkValue(s)) : mismatch(resId, t, "a string");
            case INTEGER:
                if (val instanceof Long l) return ok(new ResourceValue.IntegerValue(l));
                if (val instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                    return ok(new ResourceValue.IntegerValue(d.longValue()));
                }
                return mismatch(resId, t, "an integer");
            case UNSIGNED_INTEGER:
                if (val instanceof Long l && l >= 0) return ok(new ResourceValue.UnsignedValue(BigInteger.valueOf(l)));
                if (val instanceof BigInteger b && b.signum() >= 0 && b.bitLength() <= 64) {
                    return ok(new ResourceValue.UnsignedValue(b));
                }
                return mismatch(resId, t, "an integer 0..2^64-1");
            case FLOAT:
                if (val instanceof Long l) return ok(new ResourceValue.FloatValue(l));
                if (val instanceof Double d) return ok(new ResourceValue.FloatValue(d));
                return mismatch(resId, t, "a number");
            case BOOLEAN:
                return val instanceof Boolean b ? ok(new ResourceValue.BooleanValue(b))
                        : mismatch(resId, t, "true or false");
            case OPAQUE:
                return opaque(resId, val);
            case TIME:
                return time(resId, val);
            case OBJLNK:
                if (val instanceof String s) {
                    String[] parts = s.split(":", -1);
                    if (parts.length == 2 && isId(parts[0]) && isId(parts[1])) {
                        return ok(new ResourceValue.ObjLinkValue(Integer.parseInt(parts[0]),
                                Integer.parseInt(parts[1])));
                    }
                }
                return mismatch(resId, t, "\"objId:insId\"");
            default:
                return error(resId, "resource is not writable (executable)");
        }
    }

    private static boolean isId(String s) {
        return !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.parseInt(s) <= 65535;
    }

    private static Converted opaque(int resId, Object val) {
        if (val instanceof String s && s.length() % 2 == 0) {
            try {
                return ok(new ResourceValue.OpaqueValue(HexFormat.of().parseHex(s)));
            } catch (IllegalArgumentException e) {
                // falls through to the error
            }
        }
        return error(resId, "an opaque val must be a hex string of whole bytes");
    }

    private static Converted time(int resId, Object val) {
        if (val instanceof Long l) {
            return ok(new ResourceValue.TimeValue(Instant.ofEpochSecond(l)));
        }
        return error(resId, "a time val must be an integer (seconds since 1970)");
    }

    private static Converted ok(ResourceValue v) {
        return new Converted.Ok(v);
    }

    private static Converted mismatch(int resId, ResourceType t, String expected) {
        return error(resId, "resource is " + t + ", val must be " + expected);
    }

    private static Converted error(int resId, String message) {
        return new Converted.Error("res_id " + resId + ": " + message);
    }

    /** The JSON form of a value: opaque as upper-case hex (OneNET's bin2hex), time as epoch seconds. */
    public static Object toJson(ResourceValue v) {
        if (v instanceof ResourceValue.StringValue s) return s.value();
        if (v instanceof ResourceValue.IntegerValue i) return i.value();
        if (v instanceof ResourceValue.UnsignedValue u) return u.value();
        if (v instanceof ResourceValue.FloatValue f) return f.value();
        if (v instanceof ResourceValue.BooleanValue b) return b.value();
        if (v instanceof ResourceValue.TimeValue t) return t.value().getEpochSecond();
        return v.text();
    }

    /**
     * A read's data: {@code [{"obj_inst_id":0,"res":[{"res_id":5850,"val":true}, …]}, …]}. The instances of a
     * multiple resource become one {@code val} object keyed by resource instance id.
     */
    public static List<Object> readData(List<ResourceData> values) {
        Map<Integer, Map<Integer, Object>> byInstance = new TreeMap<>();
        for (ResourceData d : values) {
            Map<Integer, Object> res = byInstance.computeIfAbsent(d.path().insId(), k -> new LinkedHashMap<>());
            if (d.path().isResourceInstance()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> multi = (Map<String, Object>) res.computeIfAbsent(d.path().resId(),
                        k -> new LinkedHashMap<String, Object>());
                multi.put(Integer.toString(d.path().resInstId()), toJson(d.value()));
            } else {
                res.put(d.path().resId(), toJson(d.value()));
            }
        }
        List<Object> data = new ArrayList<>();
        byInstance.forEach((insId, res) -> {
            List<Object> items = new ArrayList<>();
            res.forEach((resId, val) -> items.add(Json.object("res_id", resId, "val", val)));
            data.add(Json.object("obj_inst_id", insId, "res", items));
        });
        return data;
    }

    /** A discover's data: {@code [{"obj_inst_id":0,"res_id":[5850,5851]}, …]}, instances in order. */
    public static List<Object> discoverData(List<DiscoveredLink> links) {
        Map<Integer, List<Integer>> byInstance = new TreeMap<>();
        for (DiscoveredLink l : links) {
            NodePath p = l.path();
            if (p.depth() < 2) {
                continue;
            }
            List<Integer> res = byInstance.computeIfAbsent(p.insId(), k -> new ArrayList<>());
            if (p.isResource() && !res.contains(p.resId())) {
                res.add(p.resId());
            }
        }
        List<Object> data = new ArrayList<>();
        byInstance.forEach((insId, res) -> data.add(Json.object("obj_inst_id", insId, "res_id", res)));
        return data;
    }

    /**
     * The resources API's data: {@code {"total_count":n,"item":[{"obj_id":3311,"instances":[{"inst_id":0,
     * "resources":[5850]}]}]}}, from the instance and resource paths the platform knows.
     */
    public static Map<String, Object> resourcesData(List<NodePath> known, Optional<Integer> objId) {
        Map<Integer, Map<Integer, List<Integer>>> tree = new TreeMap<>();
        for (NodePath p : known) {
            if (p.depth() < 2 || objId.isPresent() && p.objId() != objId.get()) {
                continue;
            }
            List<Integer> res = tree.computeIfAbsent(p.objId(), k -> new TreeMap<>())
                    .computeIfAbsent(p.insId(), k -> new ArrayList<>());
            if (p.isResource() && !res.contains(p.resId())) {
                res.add(p.resId());
            }
        }
        List<Object> items = new ArrayList<>();
        tree.forEach((obj, instances) -> {
            List<Object> insts = new ArrayList<>();
            instances.forEach((ins, res) -> insts.add(Json.object("inst_id", ins, "resources", res)));
            items.add(Json.object("obj_id", obj, "instances", insts));
        });
        return Json.object("total_count", items.size(), "item", items);
    }
}
