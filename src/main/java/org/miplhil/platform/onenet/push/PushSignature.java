package org.miplhil.platform.onenet.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The signatures of OneNET's HTTP push (nb-iot/book/manual/httppush/develop-manual.md; cm-heclouds/data-push):
 * base64(md5(token + nonce + text)) over UTF-8. The URL check signs the {@code msg} query parameter; a data message
 * signs the JSON text of its {@code msg} member (or, encrypted, the {@code enc_msg} string). Verification compares
 * in constant time and never throws: a missing or malformed argument simply does not verify.
 */
public final class PushSignature {

    private PushSignature() {
    }

    /** base64(md5(token + nonce + text)), standard alphabet with padding, as OneNET computes it. */
    public static String sign(String token, String nonce, String text) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5
            throw new IllegalStateException("no MD5", e);
        }
        md5.update(token.getBytes(StandardCharsets.UTF_8));
        md5.update(nonce.getBytes(StandardCharsets.UTF_8));
        md5.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    /**
     * The URL check ({@code GET ?msg&nonce&signature}), with the parameters already URL-decoded. OneNET puts the
     * base64 signature into the query as is, so a {@code +} of it arrives decoded as a space: the documentation
     * compares after URL-decoding, data-push's Java demo maps ' ' back to '+' and its PHP demo ignores trailing
     * '='. All three forms verify here.
     */
    public static boolean verifyUrl(String token, String nonce, String msg, String signature) {
        if (token == null || nonce == null || msg == null || signature == null) {
            return false;
        }
        return same(normalise(sign(token, nonce, msg)), normalise(signature));
    }

    /** A data message: {@code text} is the {@code msg} member's JSON text (or the {@code enc_msg} string). */
    public static boolean verifyMessage(String token, String nonce, String text, String msgSignature) {
        if (token == null || nonce == null || text == null || msgSignature == null) {
            return false;
        }
        return same(normalise(sign(token, nonce, text)), normalise(msgSignature));
    }

    private static String normalise(String signature) {
        // a leading '+' arrives as a leading space: map spaces back before stripping line ends
        String s = signature.replace(' ', '+').strip();
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Constant time in the content (the length of a signature is no secret). */
    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
