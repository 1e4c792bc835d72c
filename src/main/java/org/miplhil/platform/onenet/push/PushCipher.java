package org.miplhil.platform.onenet.push;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted form of OneNET's push ({@code enc_msg}), as cm-heclouds/data-push decrypts it (Java, PHP, Node and
 * C# demos agree): the configured EncodingAESKey (43 base64 characters) plus "=" decodes to the 32-byte AES-256
 * key; the IV is the key's first 16 bytes; AES-CBC with PKCS#7 padding; the plaintext is 16 random bytes, the
 * message's length as 4 bytes big-endian, then the message (the {@code msg} JSON text, UTF-8); {@code enc_msg} is
 * the base64 of the ciphertext. Decryption accepts PKCS#7 padding to 16 or to 32 bytes (the C# demo pads to 32)
 * and ignores bytes after the message (the C# demo reads them as an app id); encryption pads to 16 bytes, which
 * every demo decrypts. Nothing here throws on bad input: it is a {@link Result}.
 */
public final class PushCipher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_PREFIX = 16;

    private final byte[] key;

    private PushCipher(byte[] key) {
        this.key = key;
    }

    /** The outcome of reading a key or decrypting: the value, or why not (never the key or the plaintext). */
    public sealed interface Result<T> {
        record Ok<T>(T value) implements Result<T> {
        }

        record Error<T>(String reason) implements Result<T> {
        }
    }

    /** A cipher from OneNET's EncodingAESKey: 43 base64 characters (a trailing "=" is accepted too). */
    public static Result<PushCipher> fromEncodingKey(String encodingAesKey) {
        if (encodingAesKey == null) {
            return new Result.Error<>("no AES key");
        }
        String k = encodingAesKey.strip();
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(k.endsWith("=") ? k : k + "=");
        } catch (IllegalArgumentException e) {
            return new Result.Error<>("the AES key is not base64");
        }
        if (raw.length != 32) {
            return new Result.Error<>("the AES key decodes to " + raw.length + " bytes, not 32 (43 base64 characters)");
        }
        return new Result.Ok<>(new PushCipher(raw));
    }

    /** A new EncodingAESKey as OneNET's console makes one: 43 base64 characters of 32 random bytes. */
    public static String newEncodingKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String b64 = Base64.getEncoder().encodeToString(raw);
        return b64.substring(0, 43);
    }

    /** {@code enc_msg} of {@code message} with a fresh random prefix. */
    public String encrypt(String message) {
        byte[] prefix = new byte[RANDOM_PREFIX];
        RANDOM.nextBytes(prefix);
        return encrypt(message, prefix);
    }

    /** {@code enc_msg} of {@code message} with the given 16-byte prefix (known vectors in tests). */
    String encrypt(String message, byte[] prefix) {
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(RANDOM_PREFIX + 4 + msg.length);
        plain.put(prefix, 0, RANDOM_PREFIX).putInt(msg.length).put(msg);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            // AES-256-CBC is on every Java platform since 8u161
            throw new IllegalStateException("AES-256-CBC unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The {@code msg} JSON text inside {@code enc_msg}, or why it cannot be had. */
    public Result<String> decrypt(String encMsg) {
        if (encMsg == null || encMsg.isBlank()) {
            return new Result.Error<>("enc_msg is empty");
        }
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(encMsg.strip());
        } catch (IllegalArgumentException e) {
            return new Result.Error<>("enc_msg is not base64");
        }
        if (data.length == 0 || data.length % 16 != 0) {
            return new Result.Error<>("enc_msg is " + data.length + " bytes, not a whole number of AES blocks");
        }
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            plain = cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            return new Result.Error<>("enc_msg does not decrypt: " + e.getClass().getSimpleName());
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > 32 || pad > plain.length) {
            return new Result.Error<>("enc_msg has no PKCS#7 padding (wrong AES key?)");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                return new Result.Error<>("enc_msg has no PKCS#7 padding (wrong AES key?)");
            }
        }
        int end = plain.length - pad;
        if (end < RANDOM_PREFIX + 4) {
            return new Result.Error<>("enc_msg is too short for its random prefix and length");
        }
        int length = ByteBuffer.wrap(plain, RANDOM_PREFIX, 4).getInt();
        if (length < 0 || length > end - RANDOM_PREFIX - 4) {
            return new Result.Error<>("enc_msg says its message has " + Integer.toUnsignedString(length)
                    + " bytes, but " + (end - RANDOM_PREFIX - 4) + " follow");
        }
        byte[] msg = Arrays.copyOfRange(plain, RANDOM_PREFIX + 4, RANDOM_PREFIX + 4 + length);
        try {
            return new Result.Ok<>(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(msg)).toString());
        } catch (CharacterCodingException e) {
            return new Result.Error<>("enc_msg's message is not UTF-8");
        }
    }

    @Override
    public String toString() {
        return "PushCipher[key redacted]";
    }
}
