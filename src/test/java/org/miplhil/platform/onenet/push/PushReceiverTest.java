package org.miplhil.platform.onenet.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.IntNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver over real HTTP on 127.0.0.1, fed by hand-made requests and by the double's sender. */
class PushReceiverTest {

    static final String TOKEN = PushSignatureTest.TOKEN;
    static final Duration DEADLINE = Duration.ofSeconds(10);

    final List<PushMessage> messages = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    final PushListener listener = new PushListener() {
        @Override
        public void onMessage(PushMessage message) {
            messages.add(message);
        }

        @Override
        public void onRefused(String reason) {
            refusals.add(reason);
        }
    };
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    PushReceiver receiver;
    PushSender sender;
    HttpServer flaky;

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (flaky != null) {
            flaky.stop(0);
        }
    }

    PushReceiver start(Optional<String> token, Optional<String> aesKey) throws IOException {
        receiver = PushReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/onenet/push",
                token, aesKey, listener);
        return receiver;
    }

    HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(receiver.uri() + "?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(receiver.uri()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void urlCheckAnswersMsgOnlyWhenTheSignatureVerifies() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        // python3 vector (PushSignatureTest): the '+' unencoded, as OneNET sends it, arrives as a space
        HttpResponse<String> ok = get("msg=check4&nonce=abcdefgh&signature=zHkF24HjXtB+sh6KesCZSA==");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("check4");
        assertThat(get("msg=check4&nonce=abcdefgh&signature=zHkF24HjXtB%2Bsh6KesCZSA%3D%3D").body()).isEqualTo("check4");
        HttpResponse<String> bad = get("msg=check5&nonce=abcdefgh&signature=zHkF24HjXtB+sh6KesCZSA==");
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.body()).isNotEqualTo("check5");
        assertThat(get("nonce=abcdefgh").statusCode()).isEqualTo(400);
        // a malformed escape (no HTTP client sends one) leaves the parameter out
        assertThat(PushReceiver.query("msg=%zz&nonce=abcdefgh")).containsOnlyKeys("nonce");
        assertThat(receiver.urlChecks()).isEqualTo(2);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(refusals).hasSize(2));
        assertThat(refusals.get(0)).contains("does not verify").doesNotContain(TOKEN);
    }

    @Test
    void withoutATokenTheUrlCheckAnswersMsg() throws Exception {
        start(Optional.empty(), Optional.empty());
        assertThat(get("msg=hello&nonce=abcdefgh&signature=whatever").body()).isEqualTo("hello");
    }

    @Test
    void signedMessagesAreDeliveredAndBadSignaturesRefusedAndReported() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        String good = "{\"msg\":" + PushSignatureTest.MSG + ",\"msg_signature\":\"" + PushSignatureTest.MSG_SIGNATURE
                + "\",\"nonce\":\"abcdefgh\"}";
        assertThat(post(good).statusCode()).isEqualTo(200);
        String forged = good.replace("\"value\":42", "\"value\":43");
        assertThat(post(forged).statusCode()).isEqualTo(403);
        assertThat(post("{\"msg\":" + PushSignatureTest.MSG + "}").statusCode()).isEqualTo(403);
        assertThat(post("not json").statusCode()).isEqualTo(400);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(refusals).hasSize(3));
        assertThat(messages).containsExactly(new PushMessage.DataPoint(2016617, Optional.empty(), "3303_0_5700",
                1466133706841L, IntNode.valueOf(42)));
        assertThat(refusals.get(0)).contains("msg_signature does not verify");
        assertThat(refusals.get(1)).contains("without nonce or msg_signature");
        assertThat(receiver.received()).isEqualTo(1);
        assertThat(receiver.refused()).isEqualTo(3);
        // OneNET resends what it thinks failed: the same request again is answered 200 and not delivered twice
        assertThat(post(good).statusCode()).isEqualTo(200);
        await().atMost(DEADLINE).until(() -> receiver.duplicates() == 1);
        assertThat(messages).hasSize(1);
    }

    @Test
    void theEncryptedFormIsVerifiedOverEncMsgAndDecrypted() throws Exception {
        start(Optional.of(TOKEN), Optional.of(PushCipherTest.KEY));
        // the python3 vector of PushCipherTest, signed with python3 too
        String body = "{\"enc_msg\":\"" + PushCipherTest.ENC16 + "\",\"msg_signature\":\""
                + PushCipherTest.ENC16_SIGNATURE + "\",\"nonce\":\"abcdefgh\"}";
        assertThat(post(body).statusCode()).isEqualTo(200);
        await().atMost(DEADLINE).until(() -> messages.size() == 1);
        assertThat(((PushMessage.DataPoint) messages.get(0)).dsId()).isEqualTo("3303_0_5700");
        String otherKey = "{\"enc_msg\":\"" + PushCipher.newEncodingKey() + "AAAA\",\"msg_signature\":\"x\",\"nonce\":\"abcdefgh\"}";
        assertThat(post(otherKey).statusCode()).isEqualTo(403);
    }

    @Test
    void anEncryptedMessageWithoutAKeyIsRefused() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        String body = "{\"enc_msg\":\"" + PushCipherTest.ENC16 + "\",\"msg_signature\":\""
                + PushCipherTest.ENC16_SIGNATURE + "\",\"nonce\":\"abcdefgh\"}";
        assertThat(post(body).statusCode()).isEqualTo(400);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(refusals).singleElement().asString()
                .contains("no AES key"));
        assertThat(messages).isEmpty();
    }

    @Test
    void senderToReceiverInOrderEncryptedAfterTheUrlCheck() throws Exception {
        String key = PushCipher.newEncodingKey();
        start(Optional.of("lab-token"), Optional.of(key));
        sender = PushSender.start(PushSender.Settings.of(receiver.uri(), Optional.of("lab-token"), Optional.of(key))
                .withRetry(Duration.ofMillis(20), Duration.ofMillis(100)).withBatchSize(3));
        for (int i = 0; i < 10; i++) {
            assertThat(sender.offer(point(i))).isTrue();
        }
        // the receiver delivers once it answered, the sender counts once it read the answer: await both
        await().atMost(DEADLINE).until(() -> messages.size() == 10 && sender.sent() == 10);
        assertThat(messages).extracting(PushMessage::at).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(receiver.urlChecks()).isEqualTo(1);
        assertThat(refusals).isEmpty();
        assertThat(sender.sent()).isEqualTo(10);
        assertThat(sender.state()).isEqualTo(PushSender.State.PUSHING);
    }

    @Test
    void theSenderRetriesUntilTheReceiverAnswers200AndTheReceiverDeduplicates() throws Exception {
        start(Optional.of(TOKEN), Optional.empty());
        // a front that answers 500 to the first two POSTs (after handing the second to the receiver: a lost 200),
        // then forwards everything
        AtomicInteger posts = new AtomicInteger();
        flaky = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        flaky.setExecutor(Executors.newSingleThreadExecutor());
        flaky.createContext("/", exchange -> {
            try (exchange) {
                byte[] in = exchange.getRequestBody().readAllBytes();
                int n = exchange.getRequestMethod().equals("POST") ? posts.incrementAndGet() : 0;
                HttpResponse<String> r = null;
                if (n != 1) {
                    URI to = URI.create(receiver.uri() + (exchange.getRequestURI().getRawQuery() == null ? ""
                            : "?" + exchange.getRequestURI().getRawQuery()));
                    HttpRequest.Builder b = HttpRequest.newBuilder(to);
                    b = n == 0 ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofByteArray(in));
                    r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                }
                int status = n == 1 || n == 2 ? 500 : r.statusCode();
                byte[] out = (r == null ? "" : r.body()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        flaky.start();
        URI front = URI.create("http://127.0.0.1:" + flaky.getAddress().getPort() + "/onenet/push");
        sender = PushSender.start(PushSender.Settings.of(front, Optional.of(TOKEN), Optional.empty())
                .withRetry(Duration.ofMillis(20), Duration.ofMillis(100)));
        sender.offer(point(1));
        sender.offer(point(2));
        await().atMost(DEADLINE).until(() -> messages.size() == 2 && sender.sent() == 2);
        assertThat(messages).extracting(PushMessage::at).containsExactly(1L, 2L);
        // the two 500s at least; a pooled connection the server closed meanwhile adds a failed attempt (the JDK
        // client's IOException), which the sender retries like any other failure
        assertThat(sender.failures()).isGreaterThanOrEqualTo(2);
        assertThat(posts.get()).isGreaterThanOrEqualTo(4);
        // point 1 reached the receiver on POST 2 (its 200 lost) and again on POST 3: counted once, delivered once
        assertThat(receiver.duplicates()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSenderStopsAfterTheDocumentedNumberOfFailures() throws Exception {
        start(Optional.of("the receiver's token"), Optional.empty());
        // a wrong token: the URL check fails, so the sender never pushes; without the check, every POST is refused
        sender = PushSender.start(PushSender.Settings.of(receiver.uri(), Optional.of("wrong"), Optional.empty())
                .withRetry(Duration.ofMillis(10), Duration.ofMillis(20)).withUrlCheck(false).withMaxFailures(3));
        sender.offer(point(1));
        sender.offer(point(2));
        await().atMost(DEADLINE).until(() -> sender.state() == PushSender.State.STOPPED_AFTER_FAILURES);
        assertThat(sender.failures()).isEqualTo(3);
        assertThat(sender.dropped()).isEqualTo(2);
        assertThat(sender.offer(point(3))).isFalse();
        assertThat(messages).isEmpty();
        await().atMost(DEADLINE).until(() -> refusals.size() == 3);
    }

    @Test
    void aFailingUrlCheckHoldsThePush() throws Exception {
        start(Optional.of("the receiver's token"), Optional.empty());
        sender = PushSender.start(PushSender.Settings.of(receiver.uri(), Optional.of("wrong"), Optional.empty())
                .withRetry(Duration.ofMillis(10), Duration.ofMillis(20)));
        sender.offer(point(1));
        await().atMost(DEADLINE).until(() -> sender.failures() >= 3);
        assertThat(sender.state()).isEqualTo(PushSender.State.CHECKING_URL);
        assertThat(sender.checkUrl().passed()).isFalse();
        assertThat(messages).isEmpty();
        assertThat(sender.pending()).isEqualTo(1);
    }

    static PushMessage point(long at) {
        return new PushMessage.DataPoint(123456789, Optional.of("861234567890123"), "3303_0_5700", at,
                IntNode.valueOf((int) at));
    }
}
