package org.miplhil.platform.onenet.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * The legacy API ({@code api.heclouds.com}): the {@code api-key} header, {@code /nbiot…} and {@code /devices…},
 * answers {@code {errno, error, data}} (nb-iot/book/application-develop/, and the official SDK
 * cm-heclouds/nbiot_api_sdk). Facts: docs/evidence.md "OneNET adapter".
 */
final class LegacyClient extends HttpTransport {

    LegacyClient(OneNetSettings settings, HttpClient http) {
        super(settings, http);
    }

    @Override
    Route route(ApiCall call) {
        Map<String, String> p = call.params();
        return switch (call.kind()) {
            case READ -> new Route("GET", "/nbiot", p, Optional.empty());
            case WRITE -> new Route("POST", "/nbiot", p, call.body());
            case EXECUTE -> new Route("POST", "/nbiot/execute", p, call.body());
            case OBSERVE -> new Route("POST", "/nbiot/observe", p, Optional.empty());
            case DISCOVER -> new Route("GET", "/nbiot/discover", p, Optional.empty());
            case RESOURCES -> new Route("GET", "/nbiot/resources", p, Optional.empty());
            case DEVICE_BY_IMEI -> new Route("GET", "/devices/getbyimei", Map.of("imei", p.get("imei")),
                    Optional.empty());
            case CREATE_DEVICE -> {
                // 1create-device.md: title, protocol, auth_info {IMEI: IMSI}, obsv (auto-observe, default true)
                ObjectNode body = Json.object();
                body.put("title", p.get("imei"));
                body.put("protocol", "LWM2M");
                body.putObject("auth_info").put(p.get("imei"), p.get("imsi"));
                body.put("obsv", true);
                yield new Route("POST", "/devices", Map.of(), Optional.of(body));
            }
            case DEVICES_STATUS -> new Route("GET", "/devices/status", Map.of("devIds", p.get("devIds")),
                    Optional.empty());
            case LATEST_DATAPOINTS -> new Route("GET", "/devices/datapoints", Map.of("devIds", p.get("devIds")),
                    Optional.empty());
            case DOUBLE_FOTA_START -> new Route("POST", "/nbiot/fota", p, Optional.empty());
            case DOUBLE_FOTA_STATUS -> new Route("GET", "/nbiot/fota", p, Optional.empty());
            // 21check-datapoint.md: GET /devices/{device_id}/datapoints
            case HISTORY_DATAPOINTS -> new Route("GET", "/devices/" + p.get("devId") + "/datapoints",
                    historyQuery(p), Optional.empty());
        };
    }

    /** The history query's own parameters, without the device's names. */
    static Map<String, String> historyQuery(Map<String, String> p) {
        Map<String, String> q = new java.util.LinkedHashMap<>(p);
        q.remove("devId");
        q.remove("imei");
        return q;
    }

    @Override
    void authorize(HttpRequest.Builder request) throws NotConfigured {
        String key = settings.credentials().apiKey().orElseThrow(() -> new NotConfigured(
                "the legacy API needs an API key: set "
                        + settings.credentialVariable(OneNetCredentials.API_KEY))); // a rack may rename it
        request.header("api-key", key);
    }

    @Override
    AnswerMembers members(ApiCall.Kind kind) {
        return AnswerMembers.LEGACY;
    }
}
