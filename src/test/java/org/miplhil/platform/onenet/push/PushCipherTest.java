package org.miplhil.platform.onenet.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The known vector was computed independently with python3 (cryptography 48): key = base64decode(EncodingAESKey +
 * "="), iv = key[:16], AES-256-CBC, plaintext b"0123456789abcdef" + struct.pack(">I", len(msg)) + msg, PKCS#7 to 16
 * bytes (ENC16) and to 32 bytes (ENC32, as data-push's C# demo pads). The EncodingAESKey is the one of data-push's
 * Node demo, which decodes to "MTIzNDU2NzgxMjM0NTY3ODEyMzQ1Njc4".
 */
class PushCipherTest {

    static final String KEY = "TVRJek5EVTJOemd4TWpNME5UWTNPREV5TXpRMU5qYzQ";
    static final String MSG = PushSignatureTest.MSG;
    static final String ENC16 = "tq7krjJtijxAZFPIVV7MzYOiIUew0XAVcDTaQymue75J+9WQ/8TBjTyCGfBcGyv4s1UHPGGtFAkATn1f3qwvmTL"
            + "t3ps1eNYuR2qLVuCAAp/FBxc/sASmzRSVPKq89FOiLz6p4K1JWABpE0nO0sV8Ow==";
    static final String ENC32 = "tq7krjJtijxAZFPIVV7MzYOiIUew0XAVcDTaQymue75J+9WQ/8TBjTyCGfBcGyv4s1UHPGGtFAkATn1f3qwvmTL"
            + "t3ps1eNYuR2qLVuCAAp/FBxc/sASmzRSVPKq89FOivXcL8EkO1XlGPc+h3EXfWGVYf8AyH+nf1T9yEYhaiGY=";
    /** python3: signature of ENC16 with PushSignatureTest's token and nonce. */
    static final String ENC16_SIGNATURE = "biagct2yoR7OhZ6rxg3K5g==";

    static PushCipher cipher() {
        return ((PushCipher.Result.Ok<PushCipher>) PushCipher.fromEncodingKey(KEY)).value();
    }

    @Test
    void encryptsTheKnownVector() {
        assertThat(cipher().encrypt(MSG, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ENC16);
        assertThat(PushSignature.sign(PushSignatureTest.TOKEN, PushSignatureTest.NONCE, ENC16))
                .isEqualTo(ENC16_SIGNATURE);
    }

    @Test
    void decryptsPaddingTo16And32() {
        assertThat(cipher().decrypt(ENC16)).isEqualTo(new PushCipher.Result.Ok<>(MSG));
        assertThat(cipher().decrypt(ENC32)).isEqualTo(new PushCipher.Result.Ok<>(MSG));
    }

    @Test
    void roundTripsWithARandomPrefixAndNewKeys() {
        String key = PushCipher.newEncodingKey();
        assertThat(key).hasSize(43);
        PushCipher c = ((PushCipher.Result.Ok<PushCipher>) PushCipher.fromEncodingKey(key)).value();
        String text = "[{\"type\":1,\"value\":\"温度 \\u0000\"}]";
        String a = c.encrypt(text);
        assertThat(a).isNotEqualTo(c.encrypt(text));
        assertThat(c.decrypt(a)).isEqualTo(new PushCipher.Result.Ok<>(text));
        assertThat(c.decrypt(c.encrypt(""))).isEqualTo(new PushCipher.Result.Ok<>(""));
    }

    @Test
    void badKeysAndCiphertextsAreResultsNotExceptions() {
        assertThat(PushCipher.fromEncodingKey(null)).isInstanceOf(PushCipher.Result.Error.class);
        assertThat(PushCipher.fromEncodingKey("short")).isInstanceOf(PushCipher.Result.Error.class);
        assertThat(PushCipher.fromEncodingKey("!!!!")).isInstanceOf(PushCipher.Result.Error.class);
        PushCipher c = cipher();
        for (String bad : new String[] {null, "", "not base64 !", "AAAA", ENC16.substring(0, 40),
                "AAAAAAAAAAAAAAAAAAAAAA=="}) {
            assertThat(c.decrypt(bad)).as(String.valueOf(bad)).isInstanceOf(PushCipher.Result.Error.class);
        }
        // a fixed other key (deterministic): CBC has no integrity of its own, the signature over enc_msg gives it
        String other = "Q" + KEY.substring(1);
        PushCipher wrong = ((PushCipher.Result.Ok<PushCipher>) PushCipher.fromEncodingKey(other)).value();
        assertThat(wrong.decrypt(ENC16)).isInstanceOf(PushCipher.Result.Error.class);
        assertThat(c.toString()).doesNotContain(KEY);
    }
}
