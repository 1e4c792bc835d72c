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

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
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
    public static Converted toValue(int resId, JsonNode val, int oneNetType, Optional<ResourceType> modelType) {
        if (oneNetType == 1) {
            return opaque(resId, val);
        }
        if (oneNetType == 2) {
            return time(resId, val);
        }
        boolean isLong = val.isIntegralNumber() && val.canConvertToLong();
        boolean isDouble = val.isFloatingPointNumber();
        if (modelType.isEmpty()) {
            if (val.isTextual()) return ok(new ResourceValue.StringValue(val.textValue()));
            if (isLong) return ok(new ResourceValue.IntegerValue(val.longValue()));
            if (isDouble) return ok(new ResourceValue.FloatValue(val.doubleValue()));
            if (val.isBoolean()) return ok(new ResourceValue.BooleanValue(val.booleanValue()));
            return error(resId, "val must be a string, an integer within 64 bits, a number or a boolean");
        }
        ResourceType t = modelType.get();
        switch (t) {
            case STRING:
            case CORELINK:
                return val.isTextual() ? ok(t == ResourceType.STRING ? new ResourceValue.StringValue(val.textValue())
                        : new ResourceValue.CoreLinkValue(val.textValue())) : mismatch(resId, t, "a string");
            case INTEGER:
                if (isLong) return ok(new ResourceValue.IntegerValue(val.longValue()));
                if (isDouble && val.doubleValue() == Math.rint(val.doubleValue())
                        && Math.abs(val.doubleValue()) < 9.0e15) {
                    return ok(new ResourceValue.IntegerValue((long) val.doubleValue()));
                }
                return mismatch(resId, t, "an integer");
            case UNSIGNED_INTEGER:
                if (val.isIntegralNumber()) {
                    BigInteger b = val.bigIntegerValue();
                    if (b.signum() >= 0 && b.bitLength() <= 64) {
                        return ok(new ResourceValue.UnsignedValue(b));
                    }
                }
                return mismatch(resId, t, "an integer 0..2^64-1");
            case FLOAT:
                if (isLong) return ok(new ResourceValue.FloatValue(val.longValue()));
                if (isDouble) return ok(new ResourceValue.FloatValue(val.doubleValue()));
                return mismatch(resId, t, "a number");
            case BOOLEAN:
                return val.isBoolean() ? ok(new ResourceValue.BooleanValue(val.booleanValue()))
                        : mismatch(resId, t, "true or false");
            case OPAQUE:
                return opaque(resId, val);
            case TIME:
                return time(resId, val);
            case OBJLNK:
                if (val.isTextual()) {
                    String[] parts = val.textValue().split(":", -1);
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

    private static Converted opaque(int resId, JsonNode val) {
        if (val.isTextual() && val.textValue().length() % 2 == 0) {
            try {
                return ok(new ResourceValue.OpaqueValue(HexFormat.of().parseHex(val.textValue())));
            } catch (IllegalArgumentException e) {
                // falls through to the error
            }
        }
        return error(resId, "an opaque val must be a hex string of whole bytes");
    }

    private static Converted time(int resId, JsonNode val) {
        if (val.isIntegralNumber() && val.canConvertToLong()) {
            return ok(new ResourceValue.TimeValue(Instant.ofEpochSecond(val.longValue())));
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

    /**
     * The JSON form of a value: opaque as upper-case hex (OneNET's bin2hex), time as epoch seconds; a float that
     * is not finite is written null (JSON has no NaN).
     */
    public static Object toJson(ResourceValue v) {
        if (v instanceof ResourceValue.StringValue s) return s.value();
        if (v instanceof ResourceValue.IntegerValue i) return i.value();
        if (v instanceof ResourceValue.UnsignedValue u) return u.value();
        if (v instanceof ResourceValue.FloatValue f) return f.value();
        if (v instanceof ResourceValue.BooleanValue b) return b.value();
        if (v instanceof ResourceValue.TimeValue t) return t.value().getEpochSecond();
        return v.text();
    }

    /** One instance of a read's data. */
    public record InstanceValues(@JsonProperty("obj_inst_id") int insId, List<ResourceItem> res) {
    }

    /** One resource of a read's data: a value, or for a multiple resource an object keyed by instance id. */
    public record ResourceItem(@JsonProperty("res_id") int resId, Object val) {
    }

    /** One instance of a discover's data. */
    public record InstanceResources(@JsonProperty("obj_inst_id") int insId, @JsonProperty("res_id") List<Integer> resIds) {
    }

    /** The resources API's data. */
    public record ResourceTree(@JsonProperty("total_count") int totalCount, List<ObjectItem> item) {
    }

    public record ObjectItem(@JsonProperty("obj_id") int objId, List<InstanceItem> instances) {
    }

    public record InstanceItem(@JsonProperty("inst_id") int instId, List<Integer> resources) {
    }

    /**
     * A read's data: {@code [{"obj_inst_id":0,"res":[{"res_id":5850,"val":true}, …]}, …]}. The instances of a
     * multiple resource become one {@code val} object keyed by resource instance id.
     */
    public static List<InstanceValues> readData(List<ResourceData> values) {
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
        List<InstanceValues> data = new ArrayList<>();
        byInstance.forEach((insId, res) -> {
            List<ResourceItem> items = new ArrayList<>();
            res.forEach((resId, val) -> items.add(new ResourceItem(resId, val)));
            data.add(new InstanceValues(insId, items));
        });
        return data;
    }

    /** A discover's data: {@code [{"obj_inst_id":0,"res_id":[5850,5851]}, …]}, instances in order. */
    public static List<InstanceResources> discoverData(List<DiscoveredLink> links) {
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
        List<InstanceResources> data = new ArrayList<>();
        byInstance.forEach((insId, res) -> data.add(new InstanceResources(insId, res)));
        return data;
    }

    /**
     * The resources API's data: {@code {"total_count":n,"item":[{"obj_id":3311,"instances":[{"inst_id":0,
     * "resources":[5850]}]}]}}, from the instance and resource paths the platform knows.
     */
    public static ResourceTree resourcesData(List<NodePath> known, Optional<Integer> objId) {
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
        List<ObjectItem> items = new ArrayList<>();
        tree.forEach((obj, instances) -> {
            List<InstanceItem> insts = new ArrayList<>();
            instances.forEach((ins, res) -> insts.add(new InstanceItem(ins, res)));
            items.add(new ObjectItem(obj, insts));
        });
        return new ResourceTree(items.size(), items);
    }
}
