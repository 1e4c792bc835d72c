package org.miplhil.platform.onenet.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.platform.NodePath;

/**
 * One call to OneNET's application API, independent of the generation: what it does, its parameters (in the
 * legacy API's names), an optional JSON body, and how long the HTTP exchange may take. A {@link OneNetClient}
 * turns it into its generation's method, path, query and authentication.
 */
public record ApiCall(Kind kind, Map<String, String> params, Optional<JsonNode> body, Duration httpWait) {

    /** What the call does. */
    public enum Kind {
        READ, WRITE, EXECUTE, OBSERVE, DISCOVER, RESOURCES,
        /** Find a device by IMEI. */
        DEVICE_BY_IMEI,
        /** Create a device with its IMEI and IMSI ({@code params}: imei, imsi). */
        CREATE_DEVICE,
        /** Online state of devices by platform id ({@code params}: devIds). */
        DEVICES_STATUS,
        /** Latest data point of every data stream of devices by platform id ({@code params}: devIds). */
        LATEST_DATAPOINTS,
        /**
         * Every data point of one device in a span ({@code params}: devId (legacy) or imei (current), and the
         * history query's own: start, end, limit, cursor, sort, datastream_id).
         */
        HISTORY_DATAPOINTS,
        /**
         * The double's own FOTA call (OneNET has none): start a campaign ({@code params}: imei, file, version,
         * trigger, step_timeout, phase_timeout).
         */
        DOUBLE_FOTA_START,
        /** The double's own FOTA call: the latest campaign of a device, its steps and outcome ({@code params}: imei). */
        DOUBLE_FOTA_STATUS
    }

    public ApiCall {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The query parameters naming a device and a path: imei, obj_id[, obj_inst_id[, res_id]]. */
    static Map<String, String> target(String imei, NodePath path) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("imei", imei);
        q.put("obj_id", Integer.toString(path.objId()));
        if (path.insId() != NodePath.NONE) {
            q.put("obj_inst_id", Integer.toString(path.insId()));
        }
        if (path.resId() != NodePath.NONE) {
            q.put("res_id", Integer.toString(path.resId()));
        }
        return q;
    }
}
