package org.miplhil.platform.onenet.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.TokenAuth;

/**
 * The current API ({@code iot-api.heclouds.com}): the {@code authorization} token header (iot_platform/book/api/
 * auth.md; {@code res=userid/<id>}, valid one hour, HMAC-SHA1), the NB-IoT calls under {@code /nb-iot…} with the
 * legacy API's parameters, devices under {@code /device/…} named by product id and device name (the IMEI). The
 * device calls answer {@code {code, msg, data}}; the NB-IoT calls' member names are configurable
 * ({@link AnswerMembers}); docs/onenet.md says what is established.
 */
final class CurrentClient extends HttpTransport {

    /** How long a token is valid. */
    static final long TOKEN_SECONDS = 3600;

    private final Clock clock;

    CurrentClient(OneNetSettings settings, HttpClient http, Clock clock) {
        super(settings, http);
        this.clock = clock;
    }

    @Override
    Route route(ApiCall call) throws NotConfigured {
        Map<String, String> p = call.params();
        return switch (call.kind()) {
            case READ -> new Route("GET", "/nb-iot", p, Optional.empty());
            case WRITE -> new Route("POST", "/nb-iot", p, call.body());
            case EXECUTE -> new Route("POST", "/nb-iot/execute", p, call.body());
            case OBSERVE -> new Route("POST", "/nb-iot/observe", p, Optional.empty());
            case DISCOVER -> new Route("GET", "/nb-iot/discover", p, Optional.empty());
            case RESOURCES -> new Route("GET", "/nb-iot/resources", p, Optional.empty());
            case DEVICE_BY_IMEI -> {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("product_id", product());
                q.put("device_name", p.get("imei"));
                yield new Route("GET", "/device/detail", q, Optional.empty());
            }
            case CREATE_DEVICE -> {
                // common/createDevice.md: product_id, device_name, imei and imsi (both required for LwM2M)
                ObjectNode body = Json.object();
                body.put("product_id", product());
                body.put("device_name", p.get("imei"));
                body.put("imei", p.get("imei"));
                body.put("imsi", p.get("imsi"));
                yield new Route("POST", "/device/create", Map.of(), Optional.of(body));
            }
            case DOUBLE_FOTA_START -> new Route("POST", "/nb-iot/fota", p, Optional.empty());
            case DOUBLE_FOTA_STATUS -> new Route("GET", "/nb-iot/fota", p, Optional.empty());
            case HISTORY_DATAPOINTS -> {
                // /datapoint/history-datapoints?product_id&device_name&… as its public clients call it
                Map<String, String> q = new LinkedHashMap<>();
                q.put("product_id", product());
                q.put("device_name", p.get("imei"));
                q.putAll(LegacyClient.historyQuery(p));
                yield new Route("GET", "/datapoint/history-datapoints", q, Optional.empty());
            }
            case DEVICES_STATUS, LATEST_DATAPOINTS -> throw new NotConfigured("the current API has no documented "
                    + "call for " + call.kind() + " (the legacy API's /devices/status and /devices/datapoints)");
        };
    }

    private String product() throws NotConfigured {
        return settings.productId().orElseThrow(() -> new NotConfigured(
                "the current API names devices by product: set the product id"));
    }

    @Override
    void authorize(HttpRequest.Builder request) throws NotConfigured {
        // the variables the user sets: a rack may rename them
        String user = settings.credentials().userId().orElseThrow(() -> new NotConfigured(
                "the current API needs a user id: set " + settings.credentialVariable(OneNetCredentials.USER_ID)));
        String key = settings.credentials().accessKey().orElseThrow(() -> new NotConfigured(
                "the current API needs an access key: set "
                        + settings.credentialVariable(OneNetCredentials.ACCESS_KEY)));
        long et = clock.instant().getEpochSecond() + TOKEN_SECONDS;
        try {
            request.header("authorization", TokenAuth.header(TokenAuth.VERSION, "userid/" + user, et, "sha1", key));
        } catch (IllegalArgumentException e) {
            // the signer's message names the method, never the key
            throw new NotConfigured(settings.credentialVariable(OneNetCredentials.ACCESS_KEY)
                    + " is not a base64 access key");
        }
    }

    /**
     * The device calls answer {@code {code, msg, data}} ({@link AnswerMembers#CURRENT_DEVICE}: the public clients of
     * {@code iot-api.heclouds.com/device/…} test {@code code == 0}); the {@code /nb-iot} calls' shape is not
     * established, so it is the configured one.
     */
    @Override
    AnswerMembers members(ApiCall.Kind kind) {
        return kind == ApiCall.Kind.DEVICE_BY_IMEI || kind == ApiCall.Kind.CREATE_DEVICE
                || kind == ApiCall.Kind.HISTORY_DATAPOINTS ? AnswerMembers.CURRENT_DEVICE : settings.answerMembers();
    }
}
