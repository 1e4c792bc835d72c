package org.miplhil.platform.http;

import java.util.Optional;

import org.miplhil.platform.onenet.OneNetApi;

/**
 * Which generation a path belongs to, whether its caller may call, and who answers. The current API's
 * {@code /nb-iot…} paths are the legacy {@code /nbiot…} ones under another name (as its clients call them), so they
 * are rewritten and answered alike, in {@link AnswerShape} {@code nbIotShape}; its {@code /device/…} answer in
 * {@link AnswerShape#CODE}; the legacy paths in {@link AnswerShape#ERRNO}.
 */
final class ApiRouter {

    /** An answer and the form to write it in. */
    record Routed(Reply reply, AnswerShape shape) {
    }

    private final ApiAuth auth;
    private final InstantCalls instant;
    private final FotaCalls fota;
    private final DeviceCalls devices;
    private final CachedCommandCalls cached;
    private final HistoryCalls history;
    private final AnswerShape nbIotShape;

    ApiRouter(ApiAuth auth, InstantCalls instant, FotaCalls fota, DeviceCalls devices, CachedCommandCalls cached,
              HistoryCalls history, AnswerShape nbIotShape) {
        this.auth = auth;
        this.instant = instant;
        this.fota = fota;
        this.devices = devices;
        this.cached = cached;
        this.history = history;
        this.nbIotShape = nbIotShape;
    }

    static OneNetApi generation(String path) {
        return isNbIot(path) || path.equals("/device") || path.startsWith("/device/")
                || path.startsWith("/datapoint/") ? OneNetApi.CURRENT
                : OneNetApi.LEGACY;
    }

    private static boolean isNbIot(String path) {
        return path.equals("/nb-iot") || path.startsWith("/nb-iot/");
    }

    Routed route(String method, String path, String rawQuery, String body, String apiKey, String authorization) {
        OneNetApi generation = generation(path);
        AnswerShape shape = generation == OneNetApi.LEGACY ? AnswerShape.ERRNO
                : isNbIot(path) ? nbIotShape : AnswerShape.CODE;
        Optional<String> refused = auth.refusal(generation, apiKey, authorization);
        if (refused.isPresent()) {
            return new Routed(Reply.error(ErrNo.AUTH_FAILED, refused.get()), shape);
        }
        String p = isNbIot(path) ? "/nbiot" + path.substring("/nb-iot".length()) : path;
        if (CachedCommandCalls.handles(p)) {
            return new Routed(cached.call(method, p, rawQuery, body), shape);
        }
        if (HistoryCalls.handles(p)) {
            return new Routed(history.call(method, p, rawQuery), shape);
        }
        if (DeviceCalls.handles(p)) {
            return new Routed(devices.call(method, p, rawQuery, body), shape);
        }
        ApiRequest.Parsed parsed = ApiRequest.parse(method, p, rawQuery, body);
        if (parsed instanceof ApiRequest.Parsed.Rejected r) {
            return new Routed(Reply.error(r.errno(), r.httpStatus(), r.message()), shape);
        }
        ApiRequest request = ((ApiRequest.Parsed.Ok) parsed).request();
        if (request instanceof ApiRequest.FotaStart f) {
            return new Routed(fota.start(f), shape);
        }
        if (request instanceof ApiRequest.FotaStatus f) {
            return new Routed(fota.status(f), shape);
        }
        return new Routed(instant.call(request), shape);
    }
}
