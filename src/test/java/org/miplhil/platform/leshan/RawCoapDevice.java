package org.miplhil.platform.leshan;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * A device made of one {@link DatagramSocket} on loopback and no CoAP stack: it registers and updates with hand-built
 * CoAP messages, sees every datagram the platform sends (retransmissions included, nothing deduplicates them), and
 * answers each request as {@link #answers} says (null: ignores it). Californium's parser and serializer only turn
 * messages into bytes.
 */
final class RawCoapDevice implements AutoCloseable {

    /** A request as it arrived: the parsed message and when. */
    record Arrival(Request request, long nanoTime) {
        String method() {
            return request.getCode() + (request.getOptions().hasObserve() ? "+observe" : "");
        }

        String uri() {
            return "/" + request.getOptions().getUriPathString();
        }

        /** {@code GET+observe /3303/0}, {@code GET /3303} (Accept 40: a discover), … */
        String describe() {
            return method() + " " + uri();
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final UdpDataParser parser = new UdpDataParser();
    private final UdpDataSerializer serializer = new UdpDataSerializer();
    private final AtomicInteger nextMid = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));
    private final Map<Integer, CompletableFuture<Message>> waiting = new ConcurrentHashMap<>();
    private final Thread reader;

    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    /** How each request is answered; null (or a null answer) leaves it unanswered. Default: {@link #sdkLike}. */
    volatile Function<Request, Response> answers = RawCoapDevice::sdkLike;

    RawCoapDevice(InetSocketAddress server) throws SocketException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.reader = new Thread(this::read, "raw-coap-device");
        reader.setDaemon(true);
        reader.start();
    }

    /** Answers as the OneNET SDK with an MCU that says yes: an observe 2.05 with Observe and no payload, a discover
     * the object's first instance, a read an empty 2.05, a write or execute 2.04. */
    static Response sdkLike(Request r) {
        if (r.getCode() == CoAP.Code.GET) {
            Response resp = new Response(CoAP.ResponseCode.CONTENT);
            if (r.getOptions().hasObserve() && r.getOptions().getObserve() == 0) {
                resp.getOptions().setObserve(0);
            } else if (r.getOptions().getAccept() == MediaTypeRegistry.APPLICATION_LINK_FORMAT) {
                resp.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
                resp.setPayload("</" + r.getOptions().getUriPathString() + "/0>");
            }
            return resp;
        }
        return new Response(CoAP.ResponseCode.CHANGED);
    }

    /** Registers (CON POST /rd) and returns the location the platform gave, e.g. {@code rd/abc}. */
    String register(String endpoint, String links) {
        Request r = Request.newPost();
        r.getOptions().setUriPath("rd").setUriQuery("ep=" + endpoint + "&lt=300&lwm2m=1.0&b=U");
        r.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        r.setPayload(links);
        Message answer = exchange(r);
        if (!(answer instanceof Response resp) || resp.getCode() != CoAP.ResponseCode.CREATED) {
            throw new AssertionError("registration of " + endpoint + " answered " + answer);
        }
        return resp.getOptions().getLocationPathString();
    }

    /** Updates the registration at {@code location}, with new object links when {@code links} is not null. */
    void update(String location, String links) {
        Request r = Request.newPost();
        r.getOptions().setUriPath(location);
        if (links != null) {
            r.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            r.setPayload(links);
        }
        Message answer = exchange(r);
        if (!(answer instanceof Response resp) || resp.getCode() != CoAP.ResponseCode.CHANGED) {
            throw new AssertionError("update of " + location + " answered " + answer);
        }
    }

    /** Sends a confirmable notification with {@code token}; returns what came back: an ACK, or a reset. */
    Message notify(Token token, int sequence, String text) {
        Response n = new Response(CoAP.ResponseCode.CONTENT);
        n.setType(CoAP.Type.CON);
        n.setToken(token);
        n.getOptions().setObserve(sequence);
        n.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        n.setPayload(text);
        return exchange(n);
    }

    private Message exchange(Message m) {
        int mid = nextMid.getAndIncrement() & 0xFFFF;
        m.setMID(mid);
        if (m.getType() == null) {
            m.setType(CoAP.Type.CON);
        }
        if (m instanceof Request && m.getToken() == null) {
            byte[] t = new byte[4];
            ThreadLocalRandom.current().nextBytes(t);
            m.setToken(Token.fromProvider(t));
        }
        CompletableFuture<Message> answer = new CompletableFuture<>();
        waiting.put(mid, answer);
        try {
            send(m);
            return answer.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the answer to " + m);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no answer within 10 s to " + m);
        } finally {
            waiting.remove(mid);
        }
    }

    private void send(Message m) {
        byte[] bytes = serializer.getByteArray(m);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, server));
        } catch (IOException e) {
            throw new AssertionError("cannot send to " + server + ": " + e);
        }
    }

    private void read() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
            Message m;
            try {
                m = parser.parseMessage(data);
            } catch (RuntimeException e) {
                continue;
            }
            if (m instanceof Request r) {
                arrivals.add(new Arrival(r, System.nanoTime()));
                Function<Request, Response> a = answers;
                Response resp = a == null ? null : a.apply(r);
                if (resp != null) {
                    resp.setType(CoAP.Type.ACK); // piggy-backed, as the SDK answers
                    resp.setMID(r.getMID());
                    resp.setToken(r.getToken());
                    send(resp);
                }
            } else if (m.getType() == CoAP.Type.ACK || m.getType() == CoAP.Type.RST) {
                CompletableFuture<Message> f = waiting.get(m.getMID());
                if (f != null) {
                    f.complete(m);
                }
            } else if (m instanceof Response resp && resp.getType() == CoAP.Type.CON) {
                EmptyMessage ack = EmptyMessage.newACK(resp);
                send(ack);
            }
        }
    }

    /** What arrived, described, in order. */
    List<String> described() {
        List<String> out = new ArrayList<>();
        for (Arrival a : arrivals) {
            out.add(a.describe());
        }
        return out;
    }

    static String text(Message m) {
        return m == null ? "nothing" : m.getType() + " " + (m instanceof Response r ? r.getCode() : "")
                + " " + new String(m.getPayload(), StandardCharsets.UTF_8);
    }

    static Duration since(long nanoTime, long later) {
        return Duration.ofNanos(later - nanoTime);
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
