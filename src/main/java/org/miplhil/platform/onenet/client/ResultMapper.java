package org.miplhil.platform.onenet.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Operation;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;

/**
 * An API outcome as a {@link PlatformResult} (nb-iot/book/application-develop/Error_codes.md): errno 0 → the device
 * answered 2.xx; 5106 by its sub-reason (a device's error code → that code, TIME_OUT → timed out, OFFLINE → offline,
 * RESP_ERROR and the rest → failed); 2001 → offline; 3, 5006, 5108 → invalid request (not sent); 1 (auth), 7, 5117,
 * HTTP errors, an unreachable API → failed with a message that names no credential. Pure.
 */
final class ResultMapper {

    /** 5106's sub-reasons, and the CoAP code each stands for when the device answered with one. */
    enum SubReason {
        METHOD_NOT_ALLOWED(CoapCode.METHOD_NOT_ALLOWED), FORBIDDEN(CoapCode.FORBIDDEN), NOT_FOUND(CoapCode.NOT_FOUND),
        INTERNAL_SERVER_ERROR(CoapCode.INTERNAL_SERVER_ERROR), TIME_OUT(null), REQ_PARAM_ERROR(null),
        RESP_ERROR(null), UNAUTHORIZED(CoapCode.UNAUTHORIZED), BAD_REQUEST(CoapCode.BAD_REQUEST),
        NOT_ACCEPTABLE(CoapCode.NOT_ACCEPTABLE), UNSUPPORTED_CONTENT_FORMAT(new CoapCode(4, 15)), OFFLINE(null),
        ADDR_OCCUPIED(null);

        final CoapCode code;

        SubReason(CoapCode code) {
            this.code = code;
        }
    }

    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z_]+[A-Z]");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])(\\d{1,2})(?![\\d.])");

    /** Where the answer's data go in an {@link PlatformResult.Answered}. */
    record Data(List<ResourceData> values, List<DiscoveredLink> links, List<String> problems) {
        static final Data NONE = new Data(List.of(), List.of(), List.of());
    }

    interface DataDecoder {
        Data decode(JsonNode data);
    }

    private ResultMapper() {
    }

    /**
     * The sub-reason an error text names: a reason word (the double writes {@code UNSUCESS: NOT_FOUND: …}), else the
     * documentation's number of it (1..13 in its list). Empty when it names none.
     */
    static Optional<SubReason> subReason(String error) {
        if (error == null) {
            return Optional.empty();
        }
        Matcher m = WORD.matcher(error);
        while (m.find()) {
            for (SubReason r : SubReason.values()) {
                if (r.name().equals(m.group())) {
                    return Optional.of(r);
                }
            }
        }
        Matcher n = NUMBER.matcher(error);
        if (n.find()) {
            int i = Integer.parseInt(n.group(1));
            if (i >= 1 && i <= SubReason.values().length) {
                return Optional.of(SubReason.values()[i - 1]);
            }
        }
        return Optional.empty();
    }

    static PlatformResult map(Operation op, String endpoint, NodePath path, Duration deadline, ApiOutcome outcome,
                              DataDecoder decoder, Optional<String> observationId) {
        if (outcome instanceof ApiOutcome.Misconfigured m) {
            return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.SEND_FAILED,
                    "not configured: " + m.message(), m.sentAt(), Duration.ZERO);
        }
        if (outcome instanceof ApiOutcome.Unreachable u) {
            return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.SEND_FAILED, u.message(),
                    u.sentAt(), u.elapsed());
        }
        if (outcome instanceof ApiOutcome.Unreadable u) {
            return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.INVALID_RESPONSE, u.message(),
                    u.sentAt(), u.elapsed());
        }
        ApiOutcome.Reply r = (ApiOutcome.Reply) outcome;
        String said = "errno " + r.errno() + " '" + r.error() + "'";
        if (r.errno() == 0) {
            if (r.httpStatus() / 100 != 2) {
                return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.INVALID_RESPONSE,
                        "HTTP " + r.httpStatus() + " with " + said, r.sentAt(), r.elapsed());
            }
            Data d = decoder == null ? Data.NONE : decoder.decode(r.data());
            CoapCode code = switch (op) {
                case READ, OBSERVE, DISCOVER -> CoapCode.CONTENT;
                case WRITE, EXECUTE, WRITE_ATTRIBUTES -> CoapCode.CHANGED;
                case CANCEL_OBSERVATION -> CoapCode.CONTENT;
            };
            String diagnostic = d.problems().isEmpty() ? "" : "undecoded: " + String.join("; ", d.problems());
            return new PlatformResult.Answered(op, endpoint, path, code, d.values(), d.links(), observationId,
                    diagnostic, r.sentAt(), r.elapsed());
        }
        if (r.errno() == 2001) {
            return new PlatformResult.DeviceOffline(op, endpoint, path);
        }
        if (r.errno() == 3 || r.errno() == 5108 || r.errno() == 5006) {
            return new PlatformResult.InvalidRequest(op, endpoint, path, "OneNET refused the request: " + said);
        }
        if (r.errno() == 5106) {
            Optional<SubReason> reason = subReason(r.error());
            if (reason.isPresent() && reason.get().code != null) {
                return new PlatformResult.Answered(op, endpoint, path, reason.get().code, List.of(), List.of(),
                        Optional.empty(), r.error(), r.sentAt(), r.elapsed());
            }
            if (reason.isPresent() && reason.get() == SubReason.TIME_OUT) {
                return new PlatformResult.TimedOut(op, endpoint, path, deadline, r.sentAt(), r.elapsed());
            }
            if (reason.isPresent() && reason.get() == SubReason.OFFLINE) {
                return new PlatformResult.DeviceOffline(op, endpoint, path);
            }
            return new PlatformResult.Failed(op, endpoint, path, reason.isPresent()
                    && reason.get() == SubReason.RESP_ERROR ? PlatformResult.Failure.INVALID_RESPONSE
                    : PlatformResult.Failure.UNEXPECTED, "OneNET: " + said, r.sentAt(), r.elapsed());
        }
        if (r.errno() == 1) {
            return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.UNEXPECTED,
                    "OneNET refused the credentials (" + said + "): check the key and that the device belongs to "
                            + "its product", r.sentAt(), r.elapsed());
        }
        return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.UNEXPECTED,
                "OneNET failed (" + said + ", HTTP " + r.httpStatus() + ")", r.sentAt(), r.elapsed());
    }
}
