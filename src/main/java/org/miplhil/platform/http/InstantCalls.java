package org.miplhil.platform.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceWrite;

/**
 * The immediate commands ("即时命令": read, write, execute, observe, discover, resources) carried out against the
 * platform; also what a cached command does when its trigger arrives.
 */
final class InstantCalls {

    private final Platform platform;

    InstantCalls(Platform platform) {
        this.platform = platform;
    }

    /** Carries out a valid request against the platform; the device is named by IMEI. */
    Reply call(ApiRequest request) {
        Optional<Device> device = platform.deviceByImei(request.imei());
        if (device.isEmpty()) {
            return new Reply(ErrNo.DEVICE_NOT_ONLINE.httpStatus(), ErrNo.DEVICE_NOT_ONLINE,
                    "no registered device with imei " + request.imei(), null, "OFFLINE");
        }
        String endpoint = device.get().endpoint();
        if (request instanceof ApiRequest.Read r) {
            return reply(platform.read(endpoint, r.path(), r.timeout()), a -> ApiValues.readData(a.values()));
        }
        if (request instanceof ApiRequest.Write w) {
            List<ResourceWrite> writes = new ArrayList<>();
            for (ApiRequest.WriteItem item : w.items()) {
                ApiValues.Converted c = ApiValues.toValue(item.resId(), item.val(), item.type(),
                        platform.resourceType(endpoint, w.instance().objId(), item.resId()));
                if (c instanceof ApiValues.Converted.Error e) {
                    return Reply.error(ErrNo.INVALID_PARAMETER, e.message());
                }
                writes.add(new ResourceWrite(item.resId(), ((ApiValues.Converted.Ok) c).value()));
            }
            return reply(platform.write(endpoint, w.instance(), w.mode(), writes, w.timeout()), null);
        }
        if (request instanceof ApiRequest.Execute x) {
            return reply(platform.execute(endpoint, x.resource(), x.args(), x.timeout()), null);
        }
        if (request instanceof ApiRequest.Observe o) {
            if (o.cancel()) {
                boolean observed = platform.observations(endpoint).stream().anyMatch(i -> i.path().equals(o.path()));
                if (!observed) {
                    return Reply.unsuccessful("NOT_FOUND", "no observation of " + o.path());
                }
                return reply(platform.cancelObservation(endpoint, o.path(), o.timeout()), null);
            }
            return reply(platform.observe(endpoint, o.path(), o.attributes(), o.timeout()), null);
        }
        if (request instanceof ApiRequest.Discover d) {
            return reply(platform.discover(endpoint, d.path(), d.timeout()), a -> ApiValues.discoverData(a.links()));
        }
        if (request instanceof ApiRequest.Resources res) {
            List<NodePath> known = platform.knownResources(endpoint);
            return Reply.ok(ApiValues.resourcesData(known,
                    res.objId().isPresent() ? Optional.of(res.objId().getAsInt()) : Optional.empty()));
        }
        return Reply.error(ErrNo.INVALID_PARAMETER, "not an immediate command: " + request);
    }

    private interface DataOf {
        Object data(PlatformResult.Answered answered);
    }

    private static Reply reply(PlatformResult result, DataOf data) {
        if (result instanceof PlatformResult.Answered a) {
            if (a.code().isSuccess()) {
                return Reply.ok(data == null ? null : data.data(a));
            }
            return Reply.unsuccessful(reason(a.code()), "device answered " + a.code()
                    + (a.diagnostic().isEmpty() ? "" : " (" + a.diagnostic() + ")"));
        }
        if (result instanceof PlatformResult.TimedOut t) {
            return Reply.unsuccessful("TIME_OUT", "no answer from the device within " + formatSeconds(t.deadline()));
        }
        if (result instanceof PlatformResult.DeviceOffline) {
            return new Reply(ErrNo.DEVICE_NOT_ONLINE.httpStatus(), ErrNo.DEVICE_NOT_ONLINE, "device deregistered",
                    null, "OFFLINE");
        }
        if (result instanceof PlatformResult.InvalidRequest i) {
            return Reply.error(ErrNo.INVALID_PARAMETER, i.reason());
        }
        PlatformResult.Failed f = (PlatformResult.Failed) result;
        return switch (f.failure()) {
            case RESET, INVALID_RESPONSE, SEND_FAILED, CANCELLED ->
                    Reply.unsuccessful("RESP_ERROR", f.failure() + ": " + f.message());
            default -> Reply.error(ErrNo.SERVICE_INTERNAL_ERROR, f.failure() + ": " + f.message());
        };
    }

    private static String formatSeconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** OneNET's names for a device's error answer (its 5106 list). */
    static String reason(CoapCode code) {
        return switch (code.decimal()) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 415 -> "UNSUPPORTED_CONTENT_FORMAT";
            case 500 -> "INTERNAL_SERVER_ERROR";
            default -> "RESP_ERROR";
        };
    }
}
