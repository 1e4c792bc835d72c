package org.miplhil.platform.leshan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLink;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttribute;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.request.exception.InvalidResponseException;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.core.request.exception.RequestRejectedException;
import org.eclipse.leshan.core.request.exception.SendFailedException;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.request.LowerLayerConfig;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.Operation;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of the {@link org.miplhil.platform.Platform} interface on Leshan: each builds a Leshan request in the
 * content format the client advertised, sends it with the caller's deadline, logs it on the wire, and turns the
 * answer (or the exception) into a {@link PlatformResult}; it never throws for anything the device does.
 */
final class LeshanRequests {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanRequests.class);

    private final Supplier<LeshanServer> server;
    private final DeviceMemory memory;
    private final Consumer<RequestLogEntry> log;
    private final int payloadLimit;

    /**
     * {@code server} is null until the platform started; {@code payloadLimit} is the largest payload (bytes) a write
     * or an execute may carry (OneNET: 2 KB, {@code FAQ/api_questions.md} 4; 0 = no limit).
     */
    LeshanRequests(Supplier<LeshanServer> server, DeviceMemory memory, Consumer<RequestLogEntry> log,
                   int payloadLimit) {
        this.server = server;
        this.memory = memory;
        this.log = log;
        this.payloadLimit = payloadLimit;
    }

    Optional<Registration> registration(String endpoint) {
        LeshanServer s = server.get();
        if (s == null || endpoint == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.getRegistrationService().getByEndpoint(endpoint));
    }

    /** The content formats the client advertised at its registration ({@link ClientFormats}). */
    ClientFormats formats(String endpoint) {
        Optional<Registration> r = registration(endpoint);
        return r.map(reg -> ClientFormats.of(reg.getObjectLinks(), reg.getLwM2mVersion(),
                reg.getSupportedContentFormats())).orElse(ClientFormats.of(null, null, Set.of()));
    }

    PlatformResult discover(String endpoint, NodePath path, Duration deadline) {
        return send(Operation.DISCOVER, endpoint, path, deadline, () -> new DiscoverRequest(path.toString()), null,
                (DiscoverResponse r, Answer a) -> {
                    List<DiscoveredLink> links = new ArrayList<>();
                    if (r.getObjectLinks() != null) {
                        for (LwM2mLink link : r.getObjectLinks()) {
                            NodePath p = LeshanValues.fromLeshan(link.getPath());
                            if (p != null) {
                                links.add(new DiscoveredLink(p, attributes(link)));
                            }
                        }
                    }
                    if (r.isSuccess() && path.isObject()) {
                        memory.discovered(endpoint, path.objId(), links);
                    }
                    return a.answered(List.of(), links, Optional.empty());
                });
    }

    private static Map<String, String> attributes(LwM2mLink link) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Attribute attr : link.getAttributes()) {
            out.put(attr.getName(), attr.hasValue() ? attr.getCoreLinkValue() : "");
        }
        return out;
    }

    PlatformResult read(String endpoint, NodePath path, Duration deadline) {
        return send(Operation.READ, endpoint, path, deadline,
                () -> new ReadRequest(formats(endpoint).forRead(path).orElse(null), path.toString()), null,
                (ReadResponse r, Answer a) -> a.answered(LeshanValues.flatten(path, r.getContent()), List.of(),
                        Optional.empty()));
    }

    PlatformResult write(String endpoint, NodePath path, WriteMode mode, List<ResourceWrite> values,
                                Duration deadline) {
        if (values.isEmpty()) {
            return new PlatformResult.InvalidRequest(Operation.WRITE, endpoint, path, "nothing to write");
        }
        WriteRequest.Mode leshanMode = mode == WriteMode.REPLACE ? WriteRequest.Mode.REPLACE : WriteRequest.Mode.UPDATE;
        return send(Operation.WRITE, endpoint, path, deadline, () -> {
            ClientFormats advertised = formats(endpoint);
            ContentFormat format = advertised.forWrite(path, values).orElseThrow(() -> new InvalidRequestException(
                    "the client advertised no content format a write of %s can use: %s", path,
                    advertised.advertised()));
            if (path.isInstance()) {
                List<LwM2mResource> resources = new ArrayList<>();
                for (ResourceWrite w : values) {
                    resources.add(LeshanValues.toResource(w.resId(), w.value()));
                }
                return new WriteRequest(leshanMode, format, path.objId(), path.insId(), resources);
            }
            if (path.isResource()) {
                if (values.size() != 1 || values.get(0).resId() != path.resId()) {
                    throw new InvalidRequestException("a write on resource %s takes exactly one value for it", path);
                }
                if (mode != WriteMode.REPLACE) {
                    throw new InvalidRequestException("a single resource is written with replace only: %s", path);
                }
                return new WriteRequest(WriteRequest.Mode.REPLACE, format, LeshanValues.toLeshan(path),
                        LeshanValues.toResource(path.resId(), values.get(0).value()));
            }
            throw new InvalidRequestException("write needs an instance or resource path: %s", path);
        }, null, (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
    }

    PlatformResult execute(String endpoint, NodePath path, String arguments, Duration deadline) {
        if (!path.isResource()) {
            return new PlatformResult.InvalidRequest(Operation.EXECUTE, endpoint, path,
                    "execute needs a resource path");
        }
        // OneNET's args are free text (7.5: "reset"), not LwM2M 1.1 argument syntax: send them raw
        Consumer<Request> rawArgs = arguments == null || arguments.isEmpty() ? null : coap -> {
            coap.setPayload(arguments);
            coap.getOptions().setContentFormat(ContentFormat.TEXT.getCode());
        };
        return send(Operation.EXECUTE, endpoint, path, deadline,
                () -> new ExecuteRequest(path.objId(), path.insId(), path.resId()), rawArgs,
                (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
    }

    PlatformResult writeAttributes(String endpoint, NodePath path, NotificationAttributes attributes,
                                          Duration deadline) {
        if (attributes.isEmpty()) {
            return new PlatformResult.InvalidRequest(Operation.WRITE_ATTRIBUTES, endpoint, path, "no attribute");
        }
        return send(Operation.WRITE_ATTRIBUTES, endpoint, path, deadline, () -> {
            List<LwM2mAttribute<?>> attrs = new ArrayList<>();
            attributes.pmin().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, v)));
            attributes.pmax().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, v)));
            attributes.gt().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.GREATER_THAN, v)));
            attributes.lt().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.LESSER_THAN, v)));
            attributes.st().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.STEP, v)));
            return new WriteAttributesRequest(LeshanValues.toLeshan(path), new LwM2mAttributeSet(attrs));
        }, null, (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
    }

    PlatformResult observe(String endpoint, NodePath path, Duration deadline) {
        return send(Operation.OBSERVE, endpoint, path, deadline, () -> new ObserveRequest(path.toString()), null,
                (ObserveResponse r, Answer a) -> {
                    Optional<String> id = Optional.empty();
                    if (r.isSuccess() && r.getObservation() != null) {
                        id = Optional.of(r.getObservation().getId().getAsHexString());
                        memory.observed(id.get(), Instant.now());
                    }
                    return a.answered(LeshanValues.flatten(path, r.getContent()), List.of(), id);
                });
    }

    PlatformResult cancelObservation(String endpoint, NodePath path, Duration deadline) {
        Optional<Registration> reg = registration(endpoint);
        if (reg.isEmpty()) {
            return new PlatformResult.DeviceOffline(Operation.CANCEL_OBSERVATION, endpoint, path);
        }
        Optional<SingleObservation> obs = singleObservations(reg.get()).stream()
                .filter(o -> path.equals(LeshanValues.fromLeshan(o.getPath()))).findFirst();
        if (obs.isEmpty()) {
            return new PlatformResult.InvalidRequest(Operation.CANCEL_OBSERVATION, endpoint, path,
                    "no observation of " + path);
        }
        PlatformResult result = send(Operation.CANCEL_OBSERVATION, endpoint, path, deadline,
                () -> new CancelObservationRequest(obs.get()), null,
                (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
        // forgotten whatever the device said: a later notification gets a reset
        server.get().getObservationService().cancelObservation(obs.get());
        memory.unobserved(obs.get().getId().getAsHexString());
        return result;
    }

    /**
     * Forgets, without a word to the device, the observations of {@code endpoint} under {@code path}: a later
     * notification of one of them gets a reset.
     */
    void forgetObservationsUnder(String endpoint, NodePath path) {
        Optional<Registration> reg = registration(endpoint);
        if (reg.isEmpty()) {
            return;
        }
        for (SingleObservation o : singleObservations(reg.get())) {
            NodePath observed = LeshanValues.fromLeshan(o.getPath());
            if (observed != null && path.contains(observed)) {
                server.get().getObservationService().cancelObservation(o);
                memory.unobserved(o.getId().getAsHexString());
                LOG.debug("observation {} of {} {} dropped", o.getId(), endpoint, observed);
            }
        }
    }

    /** OneNET's limit on what it sends: a write's or an execute's payload of more than 2 KB is refused. */
    private void checkPayloadLimit(Operation op, Request r) {
        if (payloadLimit > 0 && (op == Operation.WRITE || op == Operation.EXECUTE)
                && r.getPayloadSize() > payloadLimit) {
            throw new InvalidRequestException("payload of %d bytes exceeds the platform's limit of %d bytes",
                    r.getPayloadSize(), payloadLimit);
        }
    }

    List<SingleObservation> singleObservations(Registration reg) {
        List<SingleObservation> out = new ArrayList<>();
        for (Observation o : server.get().getObservationService().getObservations(reg)) {
            if (o instanceof SingleObservation s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Builds the request result for an answer. */
    private interface AnswerMapper<T> {
        PlatformResult map(T response, Answer answer);
    }

    /** The parts of an answer common to every operation. */
    private record Answer(Operation op, String endpoint, NodePath path, CoapCode code, String diagnostic,
                          Instant sentAt, Duration elapsed) {
        PlatformResult.Answered answered(List<ResourceData> values, List<DiscoveredLink> links,
                                         Optional<String> observationId) {
            return new PlatformResult.Answered(op, endpoint, path, code, values, links, observationId, diagnostic,
                    sentAt, elapsed);
        }
    }

    /** Something that builds a Leshan request and may throw Leshan's invalid-request exceptions. */
    private interface RequestFactory<T extends LwM2mResponse> {
        DownlinkRequest<T> create();
    }

    private <T extends LwM2mResponse> PlatformResult send(Operation op, String endpoint, NodePath path,
                                                          Duration deadline, RequestFactory<T> factory,
                                                          Consumer<Request> tweak, AnswerMapper<? super T> mapper) {
        Optional<Registration> reg = registration(endpoint);
        if (reg.isEmpty()) {
            return new PlatformResult.DeviceOffline(op, endpoint, path);
        }
        DownlinkRequest<T> request;
        try {
            request = factory.create();
        } catch (RuntimeException e) { // InvalidRequestException, IllegalArgumentException
            return new PlatformResult.InvalidRequest(op, endpoint, path, String.valueOf(e.getMessage()));
        }
        long deadlineMs = Math.max(1, deadline.toMillis());
        LowerLayerConfig lower = coap -> {
            Request r = (Request) coap;
            if (tweak != null) {
                tweak.accept(r);
            }
            checkPayloadLimit(op, r); // before anything is logged or sent
            RequestLogger.attach(r, "lwm2m", endpoint, Duration.ofMillis(deadlineMs), log);
        };
        Instant sentAt = Instant.now();
        long t0 = System.nanoTime();
        try {
            T response = server.get().send(reg.get(), request, lower, deadlineMs);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (response == null) {
                return new PlatformResult.TimedOut(op, endpoint, path, Duration.ofMillis(deadlineMs), sentAt, elapsed);
            }
            CoapCode code = CoapCode.ofDecimal(response.getCode().getCode());
            return mapper.map(response, new Answer(op, endpoint, path, code, response.getErrorMessage(), sentAt,
                    elapsed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(op, endpoint, path, PlatformResult.Failure.INTERRUPTED, e, sentAt, t0);
        } catch (RequestRejectedException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.RESET, e, sentAt, t0);
        } catch (RequestCanceledException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.CANCELLED, e, sentAt, t0);
        } catch (SendFailedException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.SEND_FAILED, e, sentAt, t0);
        } catch (InvalidResponseException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.INVALID_RESPONSE, e, sentAt, t0);
        } catch (CodecException | InvalidRequestException e) {
            // the payload could not be encoded with the object model: nothing usable was sent
            return new PlatformResult.InvalidRequest(op, endpoint, path, String.valueOf(e.getMessage()));
        } catch (ClientSleepingException e) {
            return new PlatformResult.DeviceOffline(op, endpoint, path);
        } catch (RuntimeException e) {
            LOG.warn("{} {} {} failed", op, endpoint, path, e);
            return failed(op, endpoint, path, PlatformResult.Failure.UNEXPECTED, e, sentAt, t0);
        }
    }

    private static PlatformResult failed(Operation op, String endpoint, NodePath path, PlatformResult.Failure f,
                                         Exception e, Instant sentAt, long t0) {
        return new PlatformResult.Failed(op, endpoint, path, f, String.valueOf(e.getMessage()), sentAt,
                Duration.ofNanos(System.nanoTime() - t0));
    }
}
