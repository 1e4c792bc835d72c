package org.miplhil.sim.lwm2m;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.core.server.resources.ResourceObserverAdapter;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.miplhil.sim.registrar.Notification;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.ResourceValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object the MCU added, served over CoAP the OneNET way (chapter 2): every request of the platform becomes a
 * URC for the MCU ({@code +MIPLDISCOVER}, {@code +MIPLOBSERVE}, {@code +MIPLREAD}, {@code +MIPLWRITE},
 * {@code +MIPLEXECUTE}, {@code +MIPLPARAMETER}), and the CoAP answer is built only from the MCU's
 * {@code ...RSP} command. Nothing here blocks: the exchange is answered piggy-backed when the MCU answers, however
 * late (the server's retransmissions meanwhile are duplicates), and never when it does not: the request is purged
 * without a CoAP answer, as the SDK's {@code packet_step} does ({@code cis_packet.c}).
 * <p>
 * Observations are the MCU's: an observe is answered with the MCU's result and no payload
 * ({@code observe_asynAckNodata}, {@code cis_observe.c}), and each later
 * {@code AT+MIPLNOTIFY} (all its parts) goes out as one notification on that observation, confirmable when the
 * MCU gave an ackId (3.3.15). A notification is never turned into a read to the MCU.
 * <p>
 * Answers the module gives without the MCU (the SDK's own checks): a request from anyone but the registered
 * server 4.01, an ill-formed path 4.00, an instance not registered or a resource instance 4.04, create and delete
 * 4.05, an unusable payload 4.00 / 4.15, an Accept it cannot encode 4.06.
 */
final class McuObjectResource extends CoapResource {

    private static final Logger LOG = LoggerFactory.getLogger(McuObjectResource.class);

    /** The module around the resource. */
    interface Channel {
        /** Whether the exchange's request comes from the LwM2M server the module registered with. */
        boolean fromServer(Exchange exchange);

        /**
         * Shows the exchange's request to the MCU with the SDK's msgId for it; the answer (or its absence) comes back
         * through answer.
         */
        void ask(Exchange exchange, LongFunction<PlatformRequest> request, PendingRequests.Answer answer);
    }

    /** An observation the MCU accepted: its msgId (from +MIPLOBSERVE), the CoAP relation, what it covers. */
    private static final class Observation {
        final long msgId;
        final ObserveRelation relation;
        final LwM2mPath path;
        final ContentFormat format;
        final Queue<Response> notifications = new ConcurrentLinkedQueue<>();
        /** When the observe was answered: the first notification keeps {@link #FIRST_NOTIFICATION_GAP} from it. */
        final long answeredNanos = System.nanoTime();
        volatile boolean notified;

        Observation(long msgId, ObserveRelation relation, LwM2mPath path, ContentFormat format) {
            this.msgId = msgId;
            this.relation = relation;
            this.path = path;
            this.format = format;
        }
    }

    /**
     * The least time between the observe's answer and the first notification. An MCU may notify microseconds after
     * its AT+MIPLOBSERVERSP; sent that soon, the notification raced the answer at the platform (Californium/Leshan
     * on loopback) and was lost now and then. Over NB-IoT the next uplink is hundreds of milliseconds away anyway.
     */
    static final long FIRST_NOTIFICATION_GAP = TimeUnit.MILLISECONDS.toNanos(50);

    private final int objId;
    private final List<Integer> instanceIds;
    private final Channel channel;
    private final ScheduledExecutorService timer;
    private final LwM2mEncoder encoder = new DefaultLwM2mEncoder();
    private final StaticModel model;
    private final Map<Long, Observation> observations = new ConcurrentHashMap<>();
    /**
     * Observations Californium ended lately, by the token of their observe: a cancel (Observe=1 with that token)
     * ends its relation before this resource sees it, and must still find it. The last few only.
     */
    private final Map<Token, LwM2mPath> endedLately = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Token, LwM2mPath> eldest) {
            return size() > 16;
        }
    };

    McuObjectResource(int objId, List<Integer> instanceIds, Channel channel, ScheduledExecutorService timer) {
        super(Integer.toString(objId));
        this.objId = objId;
        this.instanceIds = List.copyOf(instanceIds);
        this.channel = channel;
        this.timer = timer;
        this.model = new StaticModel(McuObjectEnabler.model(objId));
        setObservable(true);
        addObserver(new ResourceObserverAdapter() {
            @Override
            public void removedObserveRelation(ObserveRelation relation) {
                observations.values().removeIf(o -> {
                    if (o.relation != relation) {
                        return false;
                    }
                    for (Response r; (r = o.notifications.poll()) != null; ) {
                        r.cancel(); // an outcome observer reports 25 for a confirmable one
                    }
                    endedJustNow(relation.getExchange().getRequest().getToken(), o.path);
                    return true;
                });
            }
        });
    }

    int objId() {
        return objId;
    }

    /** Paths below the object name this resource too ({@code /3311/0/5700}). */
    @Override
    public Resource getChild(String name) {
        return this;
    }

    // ---------------------------------------------------------------- CoAP methods

    @Override
    public void handleGET(CoapExchange ex) {
        ObserveRelation relation = ex.advanced().getRelation();
        if (relation != null && relation.isEstablished()) {
            sendNextNotification(ex, relation);
            return;
        }
        Optional<LwM2mPath> path = target(ex);
        if (path.isEmpty()) {
            return;
        }
        if (ex.getRequestOptions().getAccept() == MediaTypeRegistry.APPLICATION_LINK_FORMAT) {
            discover(ex, path.get());
            return;
        }
        ContentFormat format = ex.getRequestOptions().hasAccept()
                ? ContentFormat.fromCode(ex.getRequestOptions().getAccept()) : ContentFormat.TLV;
        if (!encodable(format, path.get())) {
            ex.respond(ResponseCode.NOT_ACCEPTABLE);
            return;
        }
        Request request = ex.advanced().getRequest();
        if (request.isObserve()) {
            observe(ex, path.get(), format, relation);
        } else if (request.isObserveCancel()) {
            cancelObservation(ex, path.get(), format);
        } else {
            read(ex, path.get(), format);
        }
    }

    @Override
    public void handlePUT(CoapExchange ex) {
        Optional<LwM2mPath> path = target(ex);
        if (path.isEmpty()) {
            return;
        }
        List<String> queries = ex.getRequestOptions().getUriQuery();
        if (!queries.isEmpty()) {
            writeAttributes(ex, path.get(), String.join(";", queries));
        } else {
            write(ex, path.get());
        }
    }

    @Override
    public void handlePOST(CoapExchange ex) {
        Optional<LwM2mPath> path = target(ex);
        if (path.isEmpty()) {
            return;
        }
        LwM2mPath p = path.get();
        boolean text = !ex.getRequestOptions().hasContentFormat()
                || ex.getRequestOptions().getContentFormat() == ContentFormat.TEXT_CODE;
        if (p.isResource() && text) {
            execute(ex, p);
        } else if (p.isObjectInstance() || p.isResource()) {
            write(ex, p); // partial update (LwM2M 1.0 5.4.3)
        } else {
            ex.respond(ResponseCode.METHOD_NOT_ALLOWED, "the module cannot create instances");
        }
    }

    @Override
    public void handleDELETE(CoapExchange ex) {
        if (target(ex).isPresent()) {
            ex.respond(ResponseCode.METHOD_NOT_ALLOWED, "the module cannot delete instances");
        }
    }

    /** The request's path, after the module's own checks; empty when it has answered already. */
    private Optional<LwM2mPath> target(CoapExchange ex) {
        if (!channel.fromServer(ex.advanced())) {
            ex.respond(ResponseCode.UNAUTHORIZED, "not the registered server");
            return Optional.empty();
        }
        List<String> segments = ex.getRequestOptions().getUriPath();
        int[] ids = new int[segments.size()];
        for (int i = 0; i < ids.length; i++) {
            String s = segments.get(i);
            if (!s.matches("\\d{1,5}") || Integer.parseInt(s) > 65535) {
                ex.respond(ResponseCode.BAD_REQUEST, "invalid path " + segments);
                return Optional.empty();
            }
            ids[i] = Integer.parseInt(s);
        }
        if (ids.length > 3) {
            ex.respond(ResponseCode.NOT_FOUND, "the module has no resource instances"); // the AT interface has none
            return Optional.empty();
        }
        if (ids.length >= 2 && !instanceIds.contains(ids[1])) {
            ex.respond(ResponseCode.NOT_FOUND, "instance " + ids[1] + " not registered");
            return Optional.empty();
        }
        return Optional.of(switch (ids.length) {
            case 1 -> new LwM2mPath(objId);
            case 2 -> new LwM2mPath(objId, ids[1]);
            default -> new LwM2mPath(objId, ids[1], ids[2]);
        });
    }

    private static int insId(LwM2mPath p) {
        return p.getObjectInstanceId() == null ? -1 : p.getObjectInstanceId();
    }

    private static int resId(LwM2mPath p) {
        return p.getResourceId() == null ? -1 : p.getResourceId();
    }

    // ---------------------------------------------------------------- requests

    private void discover(CoapExchange ex, LwM2mPath path) {
        channel.ask(ex.advanced(), msgId -> new PlatformRequest.Discover(msgId, objId), answer(ex, r -> {
            PlatformResponse.Discover d = (PlatformResponse.Discover) r;
            ex.respond(ResponseCode.CONTENT, links(path, d.resIds()), MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        }));
    }

    /** Discover's answer (LwM2M 1.0 5.4.2): the object, each registered instance, and the MCU's resources in each. */
    String links(LwM2mPath path, List<Integer> resIds) {
        List<String> out = new ArrayList<>();
        if (path.isObject()) {
            out.add("</" + objId + ">");
        }
        for (int insId : instanceIds) {
            if (path.getObjectInstanceId() != null && path.getObjectInstanceId() != insId) {
                continue;
            }
            if (!path.isResource()) {
                out.add("</" + objId + "/" + insId + ">");
            }
            for (int resId : resIds) {
                if (path.getResourceId() == null || path.getResourceId() == resId) {
                    out.add("</" + objId + "/" + insId + "/" + resId + ">");
                }
            }
        }
        return String.join(",", out);
    }

    private void read(CoapExchange ex, LwM2mPath path, ContentFormat format) {
        channel.ask(ex.advanced(), msgId -> new PlatformRequest.Read(msgId, objId, insId(path), resId(path)), answer(ex, r -> {
            List<ResourceValue> values = ((PlatformResponse.Read) r).values();
            respondWithContent(ex, path, format, values);
        }));
    }

    private void observe(CoapExchange ex, LwM2mPath path, ContentFormat format, ObserveRelation relation) {
        channel.ask(ex.advanced(), msgId -> new PlatformRequest.Observe(msgId, true, objId, insId(path), resId(path)),
                new PendingRequests.Answer() {
                    @Override
                    public void answered(PlatformResponse r) {
                        ResponseCode code = code(r.result());
                        if (code != ResponseCode.CONTENT) {
                            ex.respond(code); // an error ends the relation
                            return;
                        }
                        if (relation != null) {
                            observations.put(r.msgId(), new Observation(r.msgId(), relation, path, format));
                        }
                        // observe_asynAckNodata: the code, the token and the Observe option; no payload, no format
                        ex.respond(ResponseCode.CONTENT);
                    }

                    @Override
                    public void purged() {
                        // nothing goes out; Californium ends the relation, which has never been established
                    }
                });
    }

    private void cancelObservation(CoapExchange ex, LwM2mPath path, ContentFormat format) {
        // the SDK asks the MCU only when it holds an observation of exactly that path; else 4.04 at once
        // (observe_handleRequest: prv_findObserved, cis_observe.c)
        LwM2mPath ended = ended(ex.advanced().getRequest().getToken());
        if (!path.equals(ended) && observations.values().stream().noneMatch(o -> o.path.equals(path))) {
            ex.respond(ResponseCode.NOT_FOUND);
            return;
        }
        // Californium has ended the relation already; the MCU is told with flag 0 (5.2) and decides the answer
        channel.ask(ex.advanced(), msgId -> new PlatformRequest.Observe(msgId, false, objId, insId(path), resId(path)),
                answer(ex, r -> ex.respond(ResponseCode.CONTENT))); // observe_asynAckNodata: no payload
    }

    private void write(CoapExchange ex, LwM2mPath path) {
        ContentFormat format = ex.getRequestOptions().hasContentFormat()
                ? ContentFormat.fromCode(ex.getRequestOptions().getContentFormat()) : null;
        WriteItems.Decoded decoded = WriteItems.decode(ex.getRequestPayload(), format, path);
        if (decoded instanceof WriteItems.Decoded.Refused refused) {
            ex.respond(refused.unsupportedFormat() ? ResponseCode.UNSUPPORTED_CONTENT_FORMAT : ResponseCode.BAD_REQUEST,
                    refused.reason());
            return;
        }
        List<PlatformRequest.WriteItem> items = ((WriteItems.Decoded.Items) decoded).items();
        channel.ask(ex.advanced(), msgId -> new PlatformRequest.Write(msgId, objId, insId(path), items),
                answer(ex, r -> ex.respond(ResponseCode.CHANGED)));
    }

    private void execute(CoapExchange ex, LwM2mPath path) {
        byte[] payload = ex.getRequestPayload();
        Optional<String> arguments = payload == null || payload.length == 0 ? Optional.empty()
                : Optional.of(new String(payload, StandardCharsets.UTF_8));
        channel.ask(ex.advanced(), msgId -> new PlatformRequest.Execute(msgId, objId, insId(path), resId(path), arguments),
                answer(ex, r -> ex.respond(ResponseCode.CHANGED)));
    }

    private void writeAttributes(CoapExchange ex, LwM2mPath path, String parameter) {
        // 7.6: the attributes as the platform wrote them, joined by ';' ("pmin=2;pmax=190;gt=100.0")
        channel.ask(ex.advanced(), msgId -> new PlatformRequest.Parameter(msgId, objId, insId(path), resId(path), parameter),
                answer(ex, r -> ex.respond(ResponseCode.CHANGED)));
    }

    /** Success goes to {@code onSuccess}; an error result becomes its CoAP code; no answer sends nothing. */
    private PendingRequests.Answer answer(CoapExchange ex, Consumer<PlatformResponse> onSuccess) {
        return new PendingRequests.Answer() {
            @Override
            public void answered(PlatformResponse r) {
                ResponseCode code = code(r.result());
                if (code == ResponseCode.CONTENT || code == ResponseCode.CHANGED) {
                    onSuccess.accept(r);
                } else {
                    ex.respond(code);
                }
            }

            @Override
            public void purged() {
                LOG.debug("{}: request purged without an answer", ex.advanced().getRequest());
            }
        };
    }

    private static ResponseCode code(int result) {
        return McuValues.coapCode(result).orElse(ResponseCode.INTERNAL_SERVER_ERROR);
    }

    // ---------------------------------------------------------------- content

    private boolean encodable(ContentFormat format, LwM2mPath path) {
        if (!encoder.isSupported(format)) {
            return false;
        }
        int code = format.getCode();
        return path.isResource() || (code != ContentFormat.TEXT_CODE && code != ContentFormat.OPAQUE_CODE
                && code != ContentFormat.CBOR_CODE);
    }

    /** 2.05 with the MCU's values under {@code path}. */
    private void respondWithContent(CoapExchange ex, LwM2mPath path, ContentFormat format, List<ResourceValue> values) {
        Optional<LwM2mNode> node = McuValues.node(path, values);
        if (node.isEmpty()) {
            ex.respond(ResponseCode.INTERNAL_SERVER_ERROR, "no value for " + path);
            return;
        }
        try {
            byte[] payload = encoder.encode(node.get(), format, path, model);
            ex.respond(ResponseCode.CONTENT, payload, format.getCode());
        } catch (RuntimeException e) {
            ex.respond(ResponseCode.NOT_ACCEPTABLE, "cannot encode as " + format.getName() + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- notifications

    /**
     * AT+MIPLNOTIFY: the values (all parts) as one notification on the observation with that msgId, confirmable
     * when {@code ackId > 0} with its outcome reported to {@code outcome}. False when this object holds no such
     * observation or the values do not make a notification of it.
     */
    boolean notify(Notification n, Consumer<NotifyOutcome.Result> outcome) {
        Observation o = observations.get(n.msgId());
        if (o == null) {
            return false;
        }
        Optional<LwM2mNode> node = McuValues.node(o.path, n.values());
        if (node.isEmpty()) {
            return false;
        }
        byte[] payload;
        try {
            payload = encoder.encode(node.get(), o.format, o.path, model);
        } catch (RuntimeException e) {
            LOG.warn("notification {} cannot be encoded as {}: {}", n.msgId(), o.format, e.getMessage());
            return false;
        }
        Response r = new Response(ResponseCode.CONTENT);
        r.setPayload(payload);
        r.getOptions().setContentFormat(o.format.getCode());
        r.setType(n.ackId() > 0 ? Type.CON : Type.NON); // 3.3.15: ackId 0 non-confirmable, else confirmable
        if (n.ackId() > 0) {
            NotifyOutcome.follow(r, outcome);
        }
        o.notifications.add(r);
        trigger(o, 0);
        return true;
    }

    /** Sends the next queued notification; the relation may still be completing the observe answer. */
    private void trigger(Observation o, int attempt) {
        if (o.relation.isCanceled()) {
            return; // removedObserveRelation drops the queue
        }
        boolean early = !o.notified && System.nanoTime() - o.answeredNanos < FIRST_NOTIFICATION_GAP;
        if (o.relation.isEstablished() && !early) {
            o.notified = true;
            changed(rel -> rel == o.relation);
        } else if (attempt < 100) {
            try {
                timer.schedule(() -> trigger(o, attempt + 1), 10, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // the registrar is shut down: nothing more goes out
            }
        } else {
            for (Response r; (r = o.notifications.poll()) != null; ) {
                r.cancel();
            }
        }
    }

    private void sendNextNotification(CoapExchange ex, ObserveRelation relation) {
        for (Observation o : observations.values()) {
            if (o.relation == relation) {
                Response next = o.notifications.poll();
                if (next != null) {
                    ex.respond(next);
                }
                return;
            }
        }
    }

    private void endedJustNow(Token token, LwM2mPath path) {
        synchronized (endedLately) {
            endedLately.put(token, path);
        }
    }

    private LwM2mPath ended(Token token) {
        synchronized (endedLately) {
            return endedLately.remove(token);
        }
    }

    /** Ends every observation without telling anybody (the client is going away). */
    void forgetObservations() {
        observations.clear();
    }
}
