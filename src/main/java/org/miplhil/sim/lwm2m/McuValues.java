package org.miplhil.sim.lwm2m;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.miplhil.sim.registrar.ResourceValue;

/**
 * The MCU's values as LwM2M nodes, and result codes as CoAP codes. Pure functions.
 * <p>
 * Types come from the MCU's {@code <valueType>} (3.3.11, 3.3.15): 1 string, 2 opaque (hex digits on the command
 * line), 3 integer, 4 float, 5 boolean. The module's object models list no resources, so Leshan encodes each value
 * with its own type: in TLV an integer takes 1, 2, 4 or 8 bytes as its value needs, a float 8 bytes, a boolean 1.
 */
final class McuValues {

    private McuValues() {
    }

    /** One value as a resource of its type; empty when the text does not fit the type (the AT layer checks it). */
    static Optional<LwM2mSingleResource> resource(ResourceValue v) {
        String text = v.value();
        try {
            return Optional.of(switch (v.valueType()) {
                case STRING -> LwM2mSingleResource.newStringResource(v.resId(), text);
                case HEX -> LwM2mSingleResource.newBinaryResource(v.resId(), HexFormat.of().parseHex(text));
                case INTEGER -> LwM2mSingleResource.newIntegerResource(v.resId(), Long.parseLong(text));
                case FLOAT -> LwM2mSingleResource.newFloatResource(v.resId(), Double.parseDouble(text));
                case BOOLEAN -> LwM2mSingleResource.newBooleanResource(v.resId(), parseBoolean(text));
            });
        } catch (IllegalArgumentException e) { // NumberFormatException, bad hex, bad boolean
            return Optional.empty();
        }
    }

    private static boolean parseBoolean(String text) {
        return switch (text) {
            case "1", "true", "TRUE", "True" -> true;
            case "0", "false", "FALSE", "False" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    /**
     * The node at {@code path} made of the values that lie under it: a resource (its last value), an instance, or
     * an object with its instances. Empty when a value does not fit its type, or a resource path has no value.
     */
    static Optional<LwM2mNode> node(LwM2mPath path, List<ResourceValue> values) {
        Map<Integer, Map<Integer, LwM2mResource>> byInstance = new LinkedHashMap<>();
        for (ResourceValue v : values) {
            if (!under(path, v)) {
                continue;
            }
            Optional<LwM2mSingleResource> r = resource(v);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            byInstance.computeIfAbsent(v.insId(), k -> new LinkedHashMap<>()).put(v.resId(), r.get());
        }
        if (path.isResource()) {
            Map<Integer, LwM2mResource> inst = byInstance.get(path.getObjectInstanceId());
            return inst == null ? Optional.empty() : Optional.ofNullable(inst.get(path.getResourceId()));
        }
        if (path.isObjectInstance()) {
            Map<Integer, LwM2mResource> inst = byInstance.getOrDefault(path.getObjectInstanceId(), Map.of());
            return Optional.of(new LwM2mObjectInstance(path.getObjectInstanceId(), inst.values()));
        }
        List<LwM2mObjectInstance> instances = new ArrayList<>();
        byInstance.forEach((insId, resources) -> instances.add(new LwM2mObjectInstance(insId, resources.values())));
        return Optional.of(new LwM2mObject(path.getObjectId(), instances));
    }

    /** Whether a value belongs to the node at {@code path} (an object, instance or resource path). */
    static boolean under(LwM2mPath path, ResourceValue v) {
        if (v.objId() != path.getObjectId()) {
            return false;
        }
        if (path.isObjectInstance() || path.isResource()) {
            if (v.insId() != path.getObjectInstanceId()) {
                return false;
            }
        }
        return !path.isResource() || v.resId() == path.getResourceId();
    }

    /** 3.3.9 - 3.3.14: 1 → 2.05, 2 → 2.04, 11 → 4.00, 12 → 4.01, 13 → 4.04, 14 → 4.05, 15 → 4.06. */
    static Optional<ResponseCode> coapCode(int result) {
        return Optional.ofNullable(switch (result) {
            case 1 -> ResponseCode.CONTENT;
            case 2 -> ResponseCode.CHANGED;
            case 11 -> ResponseCode.BAD_REQUEST;
            case 12 -> ResponseCode.UNAUTHORIZED;
            case 13 -> ResponseCode.NOT_FOUND;
            case 14 -> ResponseCode.METHOD_NOT_ALLOWED;
            case 15 -> ResponseCode.NOT_ACCEPTABLE;
            default -> null;
        });
    }

    /** Raw bytes of a text, for +MIPLWRITE. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
