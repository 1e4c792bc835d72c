package org.miplhil.platform.http;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.WriteMode;

/**
 * A call to the OneNET-like API, parsed and validated from the HTTP method, path, query and body. Pure:
 * {@link #parse} never throws and never does I/O.
 */
public sealed interface ApiRequest {

    /** Default and range of the {@code timeout} parameter, seconds (OneNET: 25, [5, 40]). */
    int DEFAULT_TIMEOUT_S = 25;
    int MIN_TIMEOUT_S = 5;
    int MAX_TIMEOUT_S = 40;
    /** OneNET limits the write data and the execute args to 2 k. */
    int MAX_BODY_BYTES = 2048;
    int MAX_IMEI_CHARS = 64;

    String imei();

    /** {@code GET /nbiot?imei&obj_id[&obj_inst_id[&res_id]]}. */
    record Read(String imei, NodePath path, Duration timeout) implements ApiRequest {
    }

    /** {@code POST /nbiot?imei&obj_id&obj_inst_id&mode} with {@code {"data":[{"res_id":..,"val":..}]}}. */
    record Write(String imei, NodePath instance, WriteMode mode, List<WriteItem> items, Duration timeout)
            implements ApiRequest {
        public Write {
            items = List.copyOf(items);
        }
    }

    /**
     * One member of a write's data array: {@code val} is the JSON value as parsed; {@code type} is OneNET's
     * optional type, 1 = opaque ({@code val} a hex string), 2 = time ({@code val} epoch seconds), 0 = absent.
     */
    record WriteItem(int resId, JsonNode val, int type) {
    }

    /** {@code POST /nbiot/execute?imei&obj_id&obj_inst_id&res_id} with optional {@code {"args":".."}}. */
    record Execute(String imei, NodePath resource, String args, Duration timeout) implements ApiRequest {
    }

    /** {@code POST /nbiot/observe?imei&obj_id[&obj_inst_id[&res_id]][&cancel][&pmin&pmax&gt&lt&st]}. */
    record Observe(String imei, NodePath path, boolean cancel, NotificationAttributes attributes, Duration timeout)
            implements ApiRequest {
    }

    /** {@code GET /nbiot/discover?imei&obj_id[&obj_inst_id]}. */
    record Discover(String imei, NodePath path, Duration timeout) implements ApiRequest {
    }

    /** {@code GET /nbiot/resources?imei[&obj_id]}. */
    record Resources(String imei, OptionalInt objId) implements ApiRequest {
    }

    /**
     * {@code POST /nbiot/fota?imei&file&version[&trigger][&step_timeout][&phase_timeout]}: a FOTA campaign (6.1) with
     * the package {@code file} of the package directory, bringing {@code version}; trigger {@code now} (default) or
     * {@code next_uplink}; timeouts in seconds (defaults 25 and 600).
     */
    record FotaStart(String imei, String file, String version, boolean nextUplink, Duration stepTimeout,
                     Duration phaseTimeout) implements ApiRequest {
    }

    /** {@code GET /nbiot/fota?imei}: the latest campaign for the device, its status and steps. */
    record FotaStatus(String imei) implements ApiRequest {
    }

    /** Outcome of {@link #parse}. */
    sealed interface Parsed {
        record Ok(ApiRequest request) implements Parsed {
        }

        /** Not a valid call: the errno, the HTTP status and a message naming the parameter. */
        record Rejected(ErrNo errno, int httpStatus, String message) implements Parsed {
        }
    }

    static Parsed parse(String method, String path, String rawQuery, String body) {
        return ApiRequestParser.parse(method, path, rawQuery, body);
    }
}
