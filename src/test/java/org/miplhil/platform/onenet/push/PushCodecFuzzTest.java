package org.miplhil.platform.onenet.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated push bodies through the codec, the signature check and the cipher: every one is a result,
 * none throws; and every batch the double writes reads back as itself, in order.
 */
class PushCodecFuzzTest {

    private static final String[] PIECES = {"{", "}", "[", "]", ",", ":", "\"msg\"", "\"enc_msg\"", "\"nonce\"",
            "\"msg_signature\"", "\"type\"", "1", "2", "7", "-1", "1e999", "99999999999999999999", "\"dev_id\"",
            "\"ds_id\"", "\"at\"", "\"value\"", "\"status\"", "null", "true", "\"\\u0000\"", "\"\\ud800\"", " ",
            "\"cmd_id\"", "\"confirm_body\"", "\"x\"", "0.5", "\\", "\""};

    @Test
    void randomBodiesAreAnsweredNeverThrown() {
        Random random = new Random(20240611L);
        PushCipher cipher = PushCipherTest.cipher();
        String good = PushCodec.envelope(List.of(point(1, 1)), "tok", Optional.empty(), "abcdefgh");
        for (int i = 0; i < 8_000; i++) {
            String body = switch (i % 3) {
                case 0 -> pieces(random);
                case 1 -> mutate(good, random);
                default -> mutate("{\"enc_msg\":\"" + cipher.encrypt(good) + "\",\"nonce\":\"abcdefgh\"}", random);
            };
            PushCodec.Parsed p = PushCodec.parseEnvelope(body);
            if (p instanceof PushCodec.Parsed.Ok ok) {
                PushEnvelope e = ok.envelope();
                e.verifies("tok");
                if (e.body() instanceof PushEnvelope.Encrypted enc) {
                    PushCipher.Result<String> r = cipher.decrypt(enc.encMsg());
                    if (r instanceof PushCipher.Result.Ok<String> text) {
                        PushCodec.decodeText(text.value());
                    }
                } else {
                    PushCodec.Decoded d = PushCodec.decode(((PushEnvelope.Plain) e.body()).msg());
                    assertThat(d.messages().size() + d.problems().size()).isGreaterThanOrEqualTo(0);
                }
            } else {
                assertThat(((PushCodec.Parsed.Error) p).reason()).isNotBlank();
            }
        }
    }

    @Test
    void everyBatchTheDoubleWritesReadsBackInOrder() {
        Random random = new Random(7L);
        for (int i = 0; i < 500; i++) {
            List<PushMessage> batch = new ArrayList<>();
            int n = 1 + random.nextInt(6);
            for (int k = 0; k < n; k++) {
                batch.add(random.nextBoolean() ? point(random.nextInt(1000), k)
                        : new PushMessage.DeviceStatus(random.nextInt(1000), Optional.of("86" + k), random.nextBoolean(),
                                OptionalInt.of(10), k));
            }
            String token = Long.toString(random.nextLong(), 36);
            String body = PushCodec.envelope(batch, token, Optional.empty(), PushCodec.newNonce());
            PushEnvelope e = ((PushCodec.Parsed.Ok) PushCodec.parseEnvelope(body)).envelope();
            assertThat(e.verifies(token)).isTrue();
            assertThat(e.verifies(token + "x")).isFalse();
            assertThat(PushCodec.decode(((PushEnvelope.Plain) e.body()).msg()).messages()).isEqualTo(batch);
        }
    }

    private static PushMessage point(long devId, long at) {
        return new PushMessage.DataPoint(devId, Optional.of("861234567890123"), "3303_0_5700", at, IntNode.valueOf((int) at));
    }

    private static String pieces(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, (char) random.nextInt(128));
                default -> s.setCharAt(at, PIECES[random.nextInt(PIECES.length)].charAt(0));
            }
        }
        return s.toString();
    }
}
