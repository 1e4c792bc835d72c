package org.miplhil.platform.onenet.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.platform.onenet.OneNetApi;

/**
 * Finds a device by IMEI and creates it when absent (legacy: {@code GET /devices/getbyimei},
 * {@code POST /devices} with {@code auth_info {IMEI: IMSI}}, protocol LwM2M, {@code obsv} true; current:
 * {@code /device/detail}, {@code /device/create}). OneNET documents no errno for "no such device": any answer
 * other than success, refused credentials (1) or an internal error (7, 5117) is taken as absent, and the creation's
 * answer is what is reported.
 */
final class DeviceProvisioning {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The current API's {@code /device/detail} {@code status} of a device online. */
    static final int CURRENT_ONLINE = 1;

    private DeviceProvisioning() {
    }

    static DeviceLookup ensure(OneNetClient client, DeviceDirectory directory, String imei, Optional<String> imsi) {
        ApiOutcome found = client.send(new ApiCall(ApiCall.Kind.DEVICE_BY_IMEI, Map.of("imei", imei),
                Optional.empty(), WAIT));
        Optional<DeviceLookup> failed = failure(imei, found, "looking the device up");
        if (failed.isPresent()) {
            return failed.get();
        }
        ApiOutcome.Reply r = (ApiOutcome.Reply) found;
        if (r.ok()) {
            Optional<String> devId = id(r.data());
            directory.learn(imei, imsi, devId);
            boolean online = online(client.api(), r.data());
            return new DeviceLookup(DeviceLookup.Status.PRESENT, imei, devId, false, Optional.of(online),
                    "device " + imei + " present" + devId.map(i -> " (id " + i + ")").orElse("")
                            + (online ? ", online" : ", offline"));
        }
        if (imsi.isEmpty() || imsi.get().isBlank()) {
            return new DeviceLookup(DeviceLookup.Status.CONFIGURATION, imei, Optional.empty(), false, Optional.empty(),
                    "device " + imei + " not found (errno " + r.errno() + " '" + r.error()
                            + "'); its IMSI is needed to create it");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("imei", imei);
        p.put("imsi", imsi.get());
        ApiOutcome made = client.send(new ApiCall(ApiCall.Kind.CREATE_DEVICE, p, Optional.empty(), WAIT));
        failed = failure(imei, made, "creating the device");
        if (failed.isPresent()) {
            return failed.get();
        }
        ApiOutcome.Reply c = (ApiOutcome.Reply) made;
        if (!c.ok()) {
            return new DeviceLookup(DeviceLookup.Status.PLATFORM, imei, Optional.empty(), false, Optional.empty(),
                    "device " + imei + " not found and not created: errno " + c.errno() + " '" + c.error() + "'");
        }
        Optional<String> devId = id(c.data());
        directory.learn(imei, imsi, devId);
        return new DeviceLookup(DeviceLookup.Status.PRESENT, imei, devId, true, Optional.of(false),
                "device " + imei + " created" + devId.map(i -> " (id " + i + ")").orElse("") + ", offline");
    }

    /** A lookup that ends here: not configured, unreachable, unreadable, refused credentials, internal error. */
    private static Optional<DeviceLookup> failure(String imei, ApiOutcome o, String doing) {
        if (o instanceof ApiOutcome.Misconfigured m) {
            return Optional.of(new DeviceLookup(DeviceLookup.Status.CONFIGURATION, imei, Optional.empty(), false,
                    Optional.empty(), m.message()));
        }
        if (o instanceof ApiOutcome.Unreachable u) {
            return Optional.of(fail(DeviceLookup.Status.UNREACHABLE, imei, doing + ": " + u.message()));
        }
        if (o instanceof ApiOutcome.Unreadable u) {
            return Optional.of(fail(DeviceLookup.Status.UNREACHABLE, imei, doing + ": " + u.message()));
        }
        ApiOutcome.Reply r = (ApiOutcome.Reply) o;
        if (r.errno() == 1) {
            return Optional.of(fail(DeviceLookup.Status.CREDENTIALS_REFUSED, imei, doing + ": OneNET refused the credentials (errno 1 '" + r.error()
                    + "')"));
        }
        if (r.errno() == 7 || r.errno() == 5117) {
            return Optional.of(fail(DeviceLookup.Status.UNREACHABLE, imei, doing + ": OneNET failed (errno " + r.errno() + " '" + r.error()
                    + "'); retry later"));
        }
        return Optional.empty();
    }

    private static DeviceLookup fail(DeviceLookup.Status status, String imei, String message) {
        return new DeviceLookup(status, imei, Optional.empty(), false, Optional.empty(),
                message);
    }

    /** The device id: legacy {@code id} (lookup) or {@code device_id} (creation); current {@code did} if any. */
    private static Optional<String> id(JsonNode data) {
        for (String name : new String[] {"id", "device_id", "did"}) {
            JsonNode v = data.get(name);
            if (v != null && v.isValueNode() && !v.asText().isBlank()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    /**
     * Legacy: {@code online} true; current: {@code status} 1 (iot-api.heclouds.com's clients read 1 as online, 0 as
     * offline; the older openapi.heclouds.com page's 1 inactive / 2 online / 3 offline is another generation).
     */
    static boolean online(OneNetApi api, JsonNode data) {
        JsonNode st = data.get("status");
        if (api == OneNetApi.CURRENT && st != null && st.isIntegralNumber()) {
            return st.intValue() == CURRENT_ONLINE;
        }
        return data.path("online").asBoolean(false);
    }
}
