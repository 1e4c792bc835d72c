package org.miplhil.platform.onenet.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Vectors computed independently with python3's hashlib (base64.b64encode(hashlib.md5((token + nonce + msg)
 * .encode()).digest())), token = data-push's demo token "abcdefghijkmlnopqrstuvwxyz", nonce = the manual's
 * "abcdefgh".
 */
class PushSignatureTest {

    static final String TOKEN = "abcdefghijkmlnopqrstuvwxyz";
    static final String NONCE = "abcdefgh";
    /** A type 1 message in compact JSON; python3: ohv1v6wk3Z4PLG2RE8YO4Q== */
    static final String MSG = "{\"type\":1,\"dev_id\":2016617,\"ds_id\":\"3303_0_5700\",\"at\":1466133706841,\"value\":42}";
    static final String MSG_SIGNATURE = "ohv1v6wk3Z4PLG2RE8YO4Q==";

    @Test
    void signsAsOneNetDoes() {
        // python3: msg "xyz123" -> Qp8u/1kdKHwbWz9tNMxHCg==
        assertThat(PushSignature.sign(TOKEN, NONCE, "xyz123")).isEqualTo("Qp8u/1kdKHwbWz9tNMxHCg==");
        assertThat(PushSignature.sign(TOKEN, NONCE, MSG)).isEqualTo(MSG_SIGNATURE);
    }

    @Test
    void urlCheckVerifiesAfterUrlDecodingWhereThePlusBecameASpace() {
        // python3: msg "check4" -> zHkF24HjXtB+sh6KesCZSA== (contains a '+')
        assertThat(PushSignature.verifyUrl(TOKEN, NONCE, "check4", "zHkF24HjXtB+sh6KesCZSA==")).isTrue();
        // the base64 was put into the query unencoded, so URL-decoding made '+' a space (data-push Java demo)
        assertThat(PushSignature.verifyUrl(TOKEN, NONCE, "check4", "zHkF24HjXtB sh6KesCZSA==")).isTrue();
        // data-push's PHP demo compares without the trailing '='
        assertThat(PushSignature.verifyUrl(TOKEN, NONCE, "check4", "zHkF24HjXtB+sh6KesCZSA")).isTrue();
    }

    @Test
    void aSignatureStartingWithPlusVerifiesAfterUrlDecoding() {
        // python3: token "push-token-of-the-lab", nonce "jp6AlPfj", msg "1x2qh2gfwj8oq" -> +sgWQhi6KhejtBs7XxbqYg==
        // (one signature in 64 starts with '+'; decoded, the query gives a leading space)
        String token = "push-token-of-the-lab";
        assertThat(PushSignature.sign(token, "jp6AlPfj", "1x2qh2gfwj8oq")).isEqualTo("+sgWQhi6KhejtBs7XxbqYg==");
        assertThat(PushSignature.verifyUrl(token, "jp6AlPfj", "1x2qh2gfwj8oq", " sgWQhi6KhejtBs7XxbqYg==")).isTrue();
    }

    @Test
    void everySignatureSurvivesTheQueryAsOneNetSendsIt() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 5_000; i++) {
            String msg = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            String nonce = PushCodec.newNonce();
            String signature = PushSignature.sign(TOKEN, nonce, msg);
            // the base64 goes into the query unencoded and the receiver URL-decodes it
            String received = PushReceiver.query("msg=" + msg + "&nonce=" + nonce + "&signature=" + signature)
                    .get("signature");
            assertThat(PushSignature.verifyUrl(TOKEN, nonce, msg, received)).as("signature %s", signature).isTrue();
        }
    }

    @Test
    void wrongTokenNonceMessageOrSignatureDoNotVerify() {
        assertThat(PushSignature.verifyMessage(TOKEN, NONCE, MSG, MSG_SIGNATURE)).isTrue();
        assertThat(PushSignature.verifyMessage("other", NONCE, MSG, MSG_SIGNATURE)).isFalse();
        assertThat(PushSignature.verifyMessage(TOKEN, "abcdefgi", MSG, MSG_SIGNATURE)).isFalse();
        assertThat(PushSignature.verifyMessage(TOKEN, NONCE, MSG.replace("42", "43"), MSG_SIGNATURE)).isFalse();
        assertThat(PushSignature.verifyMessage(TOKEN, NONCE, MSG, "ohv1v6wk3Z4PLG2RE8YO4R==")).isFalse();
        assertThat(PushSignature.verifyUrl(TOKEN, NONCE, "xyz123", "zHkF24HjXtB+sh6KesCZSA==")).isFalse();
    }

    @Test
    void badInputNeverThrows() {
        assertThat(PushSignature.verifyUrl(TOKEN, null, "m", "s")).isFalse();
        assertThat(PushSignature.verifyUrl(null, NONCE, "m", "s")).isFalse();
        assertThat(PushSignature.verifyMessage(TOKEN, NONCE, null, "s")).isFalse();
        assertThat(PushSignature.verifyMessage(TOKEN, NONCE, MSG, null)).isFalse();
        assertThat(PushSignature.verifyMessage(TOKEN, NONCE, MSG, "")).isFalse();
        assertThat(PushSignature.verifyMessage(TOKEN, NONCE, MSG, "\u0000\uffff===")).isFalse();
    }
}
