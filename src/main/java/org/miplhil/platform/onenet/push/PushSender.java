package org.miplhil.platform.onenet.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The double's side of OneNET's HTTP push: queues {@link PushMessage}s and POSTs them to the configured URL as
 * OneNET does (nb-iot/book/manual/httppush/develop-manual.md and FAQ.md): signed with the token and a fresh 8-character
 * nonce, encrypted when an AES key is set; an attempt fails when no HTTP 200 arrives within 5 s, and the same
 * request is sent again until it succeeds, in order (the next waits); a success clears the count; 2000 failures,
 * or 24 hours of failing, stop the push. Before its first push it checks the URL as OneNET does when the push is
 * configured ({@code GET ?msg&nonce&signature}, the answer must be {@code msg}), again until it passes.
 * {@link #offer} never blocks; a full queue drops the message (counted and logged). Logs name the URL without
 * its query and never a token, key or body.
 */
public final class PushSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);
    private static final String CHECK_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * How the double pushes. {@code timeout}: OneNET's 5 s per attempt; {@code firstRetry} doubling up to
     * {@code maxRetry}: the pause between attempts (not documented: assumed); {@code batchSize}: messages per POST
     * (1 = a single {@code msg} object; OneNET batches when the push is configured to accumulate);
     * {@code maxFailures}/{@code failureWindow}: FAQ.md's 2000 failures or 24 hours.
     */
    public record Settings(URI url, Optional<String> token, Optional<String> aesKey, Duration timeout,
                           Duration firstRetry, Duration maxRetry, int queueCapacity, int batchSize,
                           int maxFailures, Duration failureWindow, boolean checkUrlFirst) {
        public Settings {
            if (url == null || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("the push URL must be http:// or https:// with a host");
            }
            if (queueCapacity < 1 || batchSize < 1 || maxFailures < 1) {
                throw new IllegalArgumentException("queueCapacity, batchSize and maxFailures must be at least 1");
            }
            token = token.filter(t -> !t.isEmpty());
            aesKey = aesKey.filter(k -> !k.isEmpty());
        }

        /** OneNET's documented behaviour: 5 s per attempt, 2000 failures or 24 h; retries 1 s doubling to 60 s. */
        public static Settings of(URI url, Optional<String> token, Optional<String> aesKey) {
            return new Settings(url, token, aesKey, Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(60), 10_000, 1, 2000, Duration.ofHours(24), true);
        }

        public Settings withRetry(Duration first, Duration max) {
            return new Settings(url, token, aesKey, timeout, first, max, queueCapacity, batchSize, maxFailures,
                    failureWindow, checkUrlFirst);
        }

        public Settings withBatchSize(int n) {
            return new Settings(url, token, aesKey, timeout, firstRetry, maxRetry, queueCapacity, n, maxFailures,
                    failureWindow, checkUrlFirst);
        }

        public Settings withMaxFailures(int n) {
            return new Settings(url, token, aesKey, timeout, firstRetry, maxRetry, queueCapacity, batchSize, n,
                    failureWindow, checkUrlFirst);
        }

        public Settings withQueueCapacity(int n) {
            return new Settings(url, token, aesKey, timeout, firstRetry, maxRetry, n, batchSize, maxFailures,
                    failureWindow, checkUrlFirst);
        }

        public Settings withUrlCheck(boolean check) {
            return new Settings(url, token, aesKey, timeout, firstRetry, maxRetry, queueCapacity, batchSize,
                    maxFailures, failureWindow, check);
        }

        @Override
        public String toString() {
            return "Settings[" + PushSender.shown(url) + ", token " + (token.isPresent() ? "set" : "unset")
                    + ", AES key " + (aesKey.isPresent() ? "set" : "unset") + ", timeout " + timeout + ", batch "
                    + batchSize + "]";
        }
    }

    /** Where the sender is: checking the URL, pushing, stopped after too many failures, or closed. */
    public enum State { CHECKING_URL, PUSHING, STOPPED_AFTER_FAILURES, CLOSED }

    /** The outcome of one URL check. */
    public record UrlCheck(boolean passed, String detail) {
    }

    private final Settings settings;
    private final Optional<PushCipher> cipher;
    private final String token;
    private final HttpClient client;
    private final BlockingQueue<PushMessage> queue;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread worker;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile State state;

    private PushSender(Settings settings, Optional<PushCipher> cipher) {
        this.settings = settings;
        this.cipher = cipher;
        this.token = settings.token().orElse("");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.state = settings.checkUrlFirst() ? State.CHECKING_URL : State.PUSHING;
        this.worker = new Thread(this::run, "onenet-push-sender");
        worker.setDaemon(true);
    }

    /** Starts pushing; an invalid AES key is an {@link IllegalArgumentException} naming no secret. */
    public static PushSender start(Settings settings) {
        Optional<PushCipher> cipher = Optional.empty();
        if (settings.aesKey().isPresent()) {
            PushCipher.Result<PushCipher> c = PushCipher.fromEncodingKey(settings.aesKey().get());
            if (c instanceof PushCipher.Result.Error<PushCipher> e) {
                throw new IllegalArgumentException("push AES key: " + e.reason());
            }
            cipher = Optional.of(((PushCipher.Result.Ok<PushCipher>) c).value());
        }
        PushSender sender = new PushSender(settings, cipher);
        sender.worker.start();
        return sender;
    }

    /** Queues a message; false (and counted as dropped) when the queue is full or the push has stopped. */
    public boolean offer(PushMessage message) {
        if (state == State.STOPPED_AFTER_FAILURES || state == State.CLOSED || !queue.offer(message)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                LOG.warn("push to {}: message dropped ({} so far; state {}, queue {} of {})", shown(settings.url()),
                        n, state, queue.size(), settings.queueCapacity());
            }
            return false;
        }
        return true;
    }

    public State state() {
        return state;
    }

    /** Messages the receiver accepted (HTTP 200). */
    public long sent() {
        return sent.get();
    }

    /** POSTs and URL checks made. */
    public long attempts() {
        return attempts.get();
    }

    /** Attempts that failed (no 200 within the timeout, or a URL check not answered with msg). */
    public long failures() {
        return failures.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Messages waiting. */
    public int pending() {
        return queue.size();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        state = State.CLOSED;
        closing.countDown();
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(settings.timeout().toSeconds() + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            LOG.info("push to {} closed with {} message(s) not delivered", shown(settings.url()), left);
        }
    }

    /** One URL check now, as OneNET makes it when the push is configured. */
    public UrlCheck checkUrl() {
        StringBuilder msg = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            msg.append(CHECK_CHARS.charAt(RANDOM.nextInt(CHECK_CHARS.length())));
        }
        String nonce = PushCodec.newNonce();
        String signature = PushSignature.sign(token, nonce, msg.toString());
        String base = settings.url().toString();
        // develop-manual.md: the receiver compares after URL-decoding, i.e. the base64 goes into the query as is
        URI uri = URI.create(base + (settings.url().getRawQuery() == null ? "?" : "&") + "msg=" + msg + "&nonce="
                + nonce + "&signature=" + signature);
        attempts.incrementAndGet();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 200 && msg.toString().equals(r.body())) {
                return new UrlCheck(true, "answered msg");
            }
            failures.incrementAndGet();
            return new UrlCheck(false, "HTTP " + r.statusCode() + (r.statusCode() == 200 ? ", but not msg" : ""));
        } catch (IOException | IllegalArgumentException e) {
            failures.incrementAndGet();
            return new UrlCheck(false, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UrlCheck(false, "interrupted");
        }
    }

    private void run() {
        try {
            if (settings.checkUrlFirst()) {
                checkUntilPassed();
            }
            while (state == State.PUSHING) {
                PushMessage first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<PushMessage> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, settings.batchSize() - 1);
                deliver(batch);
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private void checkUntilPassed() throws InterruptedException {
        Duration pause = settings.firstRetry();
        int failed = 0;
        while (state == State.CHECKING_URL) {
            UrlCheck check = checkUrl();
            if (check.passed()) {
                LOG.info("push URL {} verified", shown(settings.url()));
                state = State.PUSHING;
                return;
            }
            failed++;
            if (failed == 1 || failed % 10 == 0) {
                LOG.warn("push URL check of {} failed ({}), attempt {}; retrying", shown(settings.url()),
                        check.detail(), failed);
            }
            pause = pauseThen(pause);
        }
    }

    /** Sends one request until it is accepted (OneNET resends the same push; the receiver deduplicates). */
    private void deliver(List<PushMessage> batch) throws InterruptedException {
        String body = PushCodec.envelope(batch, token, cipher, PushCodec.newNonce());
        Duration pause = settings.firstRetry();
        int failedInRow = 0;
        Instant firstFailure = null;
        while (state == State.PUSHING) {
            attempts.incrementAndGet();
            String outcome = post(body);
            if (outcome == null) {
                sent.addAndGet(batch.size());
                return;
            }
            failures.incrementAndGet();
            failedInRow++;
            if (firstFailure == null) {
                firstFailure = Instant.now();
            }
            if (failedInRow == 1 || failedInRow % 10 == 0) {
                LOG.warn("push to {} failed ({}), attempt {}; retrying", shown(settings.url()), outcome, failedInRow);
            }
            // FAQ.md: 2000 failures, or 24 hours of failing, and OneNET stops the push
            if (failedInRow >= settings.maxFailures()
                    || Duration.between(firstFailure, Instant.now()).compareTo(settings.failureWindow()) >= 0) {
                List<PushMessage> left = new ArrayList<>();
                queue.drainTo(left);
                dropped.addAndGet(batch.size() + left.size());
                state = State.STOPPED_AFTER_FAILURES;
                LOG.error("push to {} stopped after {} failed attempts in a row", shown(settings.url()), failedInRow);
                return;
            }
            pause = pauseThen(pause);
        }
    }

    /** Null when the receiver answered 200, else what went wrong (no body, no secret). */
    private String post(String body) throws InterruptedException {
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? null : "HTTP " + r.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    private Duration pauseThen(Duration pause) throws InterruptedException {
        if (closing.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("closing");
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : next;
    }

    /** The URL without user info, query or fragment, for logs. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
