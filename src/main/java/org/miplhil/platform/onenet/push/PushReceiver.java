package org.miplhil.platform.onenet.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness's end of OneNET's HTTP push (nb-iot/book/manual/httppush/develop-manual.md): an HTTP server at the
 * push URL. {@code GET ?msg&nonce&signature} is the URL check, answered with {@code msg} when the signature
 * verifies (or when no token is configured, as the documentation allows); {@code POST} carries messages, whose
 * {@code msg_signature} must verify with the token (else refused with 403 and reported, never delivered),
 * decrypted when {@code enc_msg}. A request is answered 200 before its messages reach the listener (OneNET gives
 * 5 s); OneNET resends what it thinks failed, so a request seen before (same nonce and signature) is answered 200
 * again and not delivered twice. Messages reach the listener on one thread, in order of arrival.
 */
public final class PushReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushReceiver.class);
    /** Largest body read; OneNET's batches are small, so more is refused. */
    static final int MAX_BODY = 1024 * 1024;
    /** How many recent requests are remembered to recognise OneNET's resends. */
    static final int REMEMBERED = 4096;

    private final HttpServer server;
    private final ExecutorService handler;
    private final ExecutorService dispatcher;
    private final String path;
    private final Optional<String> token;
    private final Optional<PushCipher> cipher;
    private final PushListener listener;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong urlChecks = new AtomicLong();

    private PushReceiver(HttpServer server, ExecutorService handler, ExecutorService dispatcher, String path,
                         Optional<String> token, Optional<PushCipher> cipher, PushListener listener) {
        this.server = server;
        this.handler = handler;
        this.dispatcher = dispatcher;
        this.path = path;
        this.token = token;
        this.cipher = cipher;
        this.listener = listener;
    }

    /**
     * Serves the push at {@code path} on {@code bind} (port 0 = chosen by the system). {@code aesKey} is OneNET's
     * EncodingAESKey; an invalid one is an {@link IllegalArgumentException} (its message names no secret).
     */
    public static PushReceiver start(InetSocketAddress bind, String path, Optional<String> token,
                                     Optional<String> aesKey, PushListener listener) throws IOException {
        Optional<PushCipher> cipher = Optional.empty();
        if (aesKey.isPresent()) {
            PushCipher.Result<PushCipher> c = PushCipher.fromEncodingKey(aesKey.get());
            if (c instanceof PushCipher.Result.Error<PushCipher> e) {
                throw new IllegalArgumentException("push AES key: " + e.reason());
            }
            cipher = Optional.of(((PushCipher.Result.Ok<PushCipher>) c).value());
        }
        String p = path == null || path.isBlank() ? "/" : path.startsWith("/") ? path : "/" + path;
        HttpServer server = HttpServer.create(bind, 64);
        // one handler thread: requests are taken in order of arrival, and each is answered at once
        ExecutorService handler = Executors.newSingleThreadExecutor(r -> daemon(r, "onenet-push-http"));
        ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> daemon(r, "onenet-push-deliver"));
        PushReceiver receiver = new PushReceiver(server, handler, dispatcher, p, token.filter(t -> !t.isEmpty()),
                cipher, listener);
        server.createContext(p, receiver::handle);
        server.setExecutor(handler);
        server.start();
        return receiver;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The push URL as this server sees it ({@code http://host:port/path}). */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Messages delivered to the listener. */
    public long received() {
        return received.get();
    }

    /** Requests refused (URL checks and POSTs). */
    public long refused() {
        return refused.get();
    }

    /** Resent requests recognised and not delivered again. */
    public long duplicates() {
        return duplicates.get();
    }

    /** URL checks answered with {@code msg}. */
    public long urlChecks() {
        return urlChecks.get();
    }

    @Override
    public void close() {
        server.stop(0);
        handler.shutdownNow();
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = switch (exchange.getRequestMethod()) {
                    case "GET" -> urlCheck(exchange.getRequestURI().getRawQuery());
                    case "POST" -> post(exchange.getRequestBody());
                    default -> new Answer(405, "method not allowed");
                };
            } catch (RuntimeException e) {
                LOG.warn("push request failed: {}", e.getClass().getSimpleName(), e);
                answer = new Answer(500, "internal error");
            }
            byte[] body = answer.text().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Answer(int status, String text) {
    }

    private Answer urlCheck(String rawQuery) {
        Map<String, String> q = query(rawQuery);
        String msg = q.get("msg");
        if (msg == null) {
            return refuse(400, "URL check without msg");
        }
        if (token.isPresent() && !PushSignature.verifyUrl(token.get(), q.get("nonce"), msg, q.get("signature"))) {
            return refuse(403, "URL check: the signature does not verify with the push token");
        }
        urlChecks.incrementAndGet();
        // develop-manual.md / FAQ 6: the answer is msg itself, nothing added
        return new Answer(200, msg);
    }

    /** The query's parameters, URL-decoded (a '+' becomes a space, as OneNET's unencoded base64 arrives). */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the parameter is left out
            }
        }
        return out;
    }

    private Answer post(InputStream in) {
        Optional<String> body = read(in);
        if (body.isEmpty()) {
            return refuse(413, "push body larger than " + MAX_BODY + " bytes");
        }
        PushCodec.Parsed parsed = PushCodec.parseEnvelope(body.get());
        if (parsed instanceof PushCodec.Parsed.Error e) {
            return refuse(400, "push body: " + e.reason());
        }
        PushEnvelope envelope = ((PushCodec.Parsed.Ok) parsed).envelope();
        if (token.isPresent() && !envelope.verifies(token.get())) {
            return refuse(403, envelope.msgSignature().isEmpty() || envelope.nonce().isEmpty()
                    ? "push message without nonce or msg_signature"
                    : "push message: msg_signature does not verify with the push token");
        }
        PushCodec.Decoded decoded;
        if (envelope.body() instanceof PushEnvelope.Encrypted enc) {
            if (cipher.isEmpty()) {
                return refuse(400, "encrypted push message but no AES key is configured");
            }
            PushCipher.Result<String> plain = cipher.get().decrypt(enc.encMsg());
            if (plain instanceof PushCipher.Result.Error<String> e) {
                return refuse(400, "push message: " + e.reason());
            }
            decoded = PushCodec.decodeText(((PushCipher.Result.Ok<String>) plain).value());
        } else {
            decoded = PushCodec.decode(((PushEnvelope.Plain) envelope.body()).msg());
        }
        if (firstTime(envelope, body.get())) {
            dispatcher.execute(() -> deliver(decoded));
        } else {
            duplicates.incrementAndGet();
            LOG.debug("push message resent (nonce and signature seen before): not delivered again");
        }
        return new Answer(200, "ok");
    }

    /** OneNET resends a push it thinks failed: the same nonce and signature (or, unsigned, the same body). */
    private boolean firstTime(PushEnvelope envelope, String body) {
        String key = envelope.nonce().isPresent() && envelope.msgSignature().isPresent()
                ? envelope.nonce().get() + "\n" + envelope.msgSignature().get()
                : "body\n" + sha256(body);
        synchronized (seen) {
            return seen.put(key, Boolean.TRUE) == null;
        }
    }

    private void deliver(PushCodec.Decoded decoded) {
        for (PushMessage m : decoded.messages()) {
            received.incrementAndGet();
            try {
                listener.onMessage(m);
            } catch (RuntimeException e) {
                LOG.warn("push listener failed on a message: {}", e.toString());
            }
        }
        for (String problem : decoded.problems()) {
            refused.incrementAndGet();
            report("push message left out: " + problem);
        }
    }

    private Answer refuse(int status, String reason) {
        refused.incrementAndGet();
        dispatcher.execute(() -> report(reason));
        return new Answer(status, reason);
    }

    private void report(String reason) {
        LOG.warn("{}", reason);
        try {
            listener.onRefused(reason);
        } catch (RuntimeException e) {
            LOG.warn("push listener failed on a refusal: {}", e.toString());
        }
    }

    private static Optional<String> read(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_BODY) {
                    return Optional.empty();
                }
                out.write(buf, 0, n);
            }
            return Optional.of(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.of("");
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PushReceiver[" + uri() + ", token " + (token.isPresent() ? "set" : "unset") + ", AES key "
                + (cipher.isPresent() ? "set" : "unset") + "]";
    }
}
