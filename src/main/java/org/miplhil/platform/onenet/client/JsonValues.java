package org.miplhil.platform.onenet.client;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;

/**
 * Values between the API's JSON and the platform's types. Pure; decoding never throws (what does not fit is
 * skipped and reported through the returned problems).
 */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * A value as JSON gives it: boolean, integer ({@code long}, or unsigned beyond), float, string. OneNET writes
     * opaque as a hex string and time as seconds (4rt-read-device-resources.md: "bool, string, long, double"), so
     * those arrive as a string and an integer. Empty for null, arrays and objects.
     */
    static Optional<ResourceValue> value(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        if (v.isBoolean()) {
            return Optional.of(ResourceValue.of(v.booleanValue()));
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) {
                return Optional.of(ResourceValue.of(v.longValue()));
            }
            BigInteger b = v.bigIntegerValue();
            return b.signum() >= 0 && b.bitLength() <= 64 ? Optional.of(new ResourceValue.UnsignedValue(b))
                    : Optional.of(ResourceValue.of(v.asText()));
        }
        if (v.isNumber()) {
            return Optional.of(ResourceValue.of(v.doubleValue()));
        }
        return Optional.of(ResourceValue.of(v.asText()));
    }

    /** Decoded data and what could not be decoded. */
    record Decoded<T>(List<T> items, List<String> problems) {
    }

    /**
     * A read answer's data {@code [{"obj_inst_id":0,"res":[{"res_id":5700,"val":20.0}]}]} for object {@code objId};
     * a multiple resource's {@code val} is an object keyed by resource instance id.
     */
    static Decoded<ResourceData> readData(int objId, JsonNode data) {
        List<ResourceData> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (data == null || !data.isArray()) {
            problems.add("data is not an array: " + data);
            return new Decoded<>(out, problems);
        }
        for (JsonNode inst : data) {
            JsonNode insId = inst.get("obj_inst_id");
            JsonNode res = inst.get("res");
            if (!validId(insId) || res == null || !res.isArray()) {
                problems.add("not {obj_inst_id, res}: " + inst);
                continue;
            }
            for (JsonNode r : res) {
                JsonNode resId = r.get("res_id");
                JsonNode val = r.get("val");
                if (!validId(resId)) {
                    problems.add("no res_id: " + r);
                    continue;
                }
                NodePath path = NodePath.resource(objId, insId.intValue(), resId.intValue());
                if (val != null && val.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> it = val.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        Optional<NodePath> ri = NodePath.parse(path + "/" + e.getKey());
                        Optional<ResourceValue> v = value(e.getValue());
                        if (ri.isPresent() && v.isPresent()) {
                            out.add(new ResourceData(ri.get(), v.get()));
                        } else {
                            problems.add(path + "/" + e.getKey() + ": " + e.getValue());
                        }
                    }
                    continue;
                }
                Optional<ResourceValue> v = value(val);
                if (v.isPresent()) {
                    out.add(new ResourceData(path, v.get()));
                } else {
                    problems.add(path + ": value " + val);
                }
            }
        }
        return new Decoded<>(out, problems);
    }

    /** A discover answer's data {@code [{"obj_inst_id":0,"res_id":[5850,5851]}]}: each instance, then its resources. */
    static Decoded<DiscoveredLink> discoverData(int objId, JsonNode data) {
        List<DiscoveredLink> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (data == null || !data.isArray()) {
            problems.add("data is not an array: " + data);
            return new Decoded<>(out, problems);
        }
        for (JsonNode inst : data) {
            JsonNode insId = inst.get("obj_inst_id");
            if (!validId(insId)) {
                problems.add("no obj_inst_id: " + inst);
                continue;
            }
            out.add(new DiscoveredLink(NodePath.instance(objId, insId.intValue()), Map.of()));
            JsonNode res = inst.get("res_id");
            if (res != null && res.isArray()) {
                for (JsonNode r : res) {
                    if (validId(r)) {
                        out.add(new DiscoveredLink(NodePath.resource(objId, insId.intValue(), r.intValue()), Map.of()));
                    } else {
                        problems.add("res_id " + r);
                    }
                }
            }
        }
        return new Decoded<>(out, problems);
    }

    /**
     * A resources answer's data {@code {"total_count":1,"item":[{"obj_id":3311,"instances":[{"inst_id":0,
     * "resources":[5850]}]}]}}: every instance path and resource path.
     */
    static Decoded<NodePath> resourcesData(JsonNode data) {
        List<NodePath> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode items = data == null ? null : data.get("item");
        if (items == null || !items.isArray()) {
            problems.add("no item array: " + data);
            return new Decoded<>(out, problems);
        }
        for (JsonNode item : items) {
            JsonNode objId = item.get("obj_id");
            JsonNode instances = item.get("instances");
            if (!validId(objId) || instances == null || !instances.isArray()) {
                problems.add("not {obj_id, instances}: " + item);
                continue;
            }
            for (JsonNode inst : instances) {
                JsonNode insId = inst.get("inst_id");
                if (!validId(insId)) {
                    problems.add("no inst_id: " + inst);
                    continue;
                }
                out.add(NodePath.instance(objId.intValue(), insId.intValue()));
                JsonNode res = inst.get("resources");
                if (res != null && res.isArray()) {
                    for (JsonNode r : res) {
                        if (validId(r)) {
                            out.add(NodePath.resource(objId.intValue(), insId.intValue(), r.intValue()));
                        }
                    }
                }
            }
        }
        return new Decoded<>(out, problems);
    }

    /**
     * A write body {@code {"data":[{"res_id":..,"val":..[,"type":1|2]}]}} (5rt-write-device-resources.md): opaque as
     * a hex string with type 1, time as seconds with type 2, object links as {@code "objId:insId"}.
     */
    static ObjectNode writeBody(List<ResourceWrite> values) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (ResourceWrite w : values) {
            ObjectNode item = data.addObject();
            item.put("res_id", w.resId());
            ResourceValue v = w.value();
            if (v instanceof ResourceValue.OpaqueValue o) {
                item.put("type", 1);
                item.put("val", o.text());
            } else if (v instanceof ResourceValue.TimeValue t) {
                item.put("type", 2);
                item.put("val", t.value().getEpochSecond());
            } else if (v instanceof ResourceValue.IntegerValue i) {
                item.put("val", i.value());
            } else if (v instanceof ResourceValue.UnsignedValue u) {
                item.put("val", u.value());
            } else if (v instanceof ResourceValue.FloatValue f) {
                item.put("val", f.value());
            } else if (v instanceof ResourceValue.BooleanValue b) {
                item.put("val", b.value());
            } else {
                item.put("val", v.text());
            }
        }
        return body;
    }

    /** {@code objId_insId_resId}, the ds_id of an LwM2M data point; empty when it is not one. */
    static Optional<NodePath> dsIdPath(String dsId) {
        if (dsId == null) {
            return Optional.empty();
        }
        String[] parts = dsId.split("_", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        return NodePath.parse(String.join("/", parts)).filter(NodePath::isResource);
    }

    private static boolean validId(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToInt() && n.intValue() >= 0 && n.intValue() <= 65535;
    }
}
