package org.miplhil.platform.onenet;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The current API's {@code authorization} header (OneNET "API鉴权", iot_platform/book/api/auth.md):
 * {@code version=…&res=…&et=…&method=md5|sha1|sha256&sign=…}, where
 * sign = base64(HMAC-method(base64-decoded access key, et + "\n" + method + "\n" + res + "\n" + version)),
 * the values of {@code res} and {@code sign} URL-encoded. Pure: no clock, no I/O; verifying never throws.
 */
public final class TokenAuth {

    /** The version the current API's NB-IoT calls name. */
    public static final String VERSION = "2022-05-01";

    /** A parsed header: its five parameters, decoded. */
    public record Token(String version, String res, long et, String method, String sign) {
    }

    /** The outcome of checking a header. */
    public sealed interface Check {
        record Valid(Token token) implements Check {}

        /** Not a token at all, or a parameter missing or malformed: {@code reason} says which. */
        record Malformed(String reason) implements Check {}

        /** Well formed, but its {@code et} is not after {@code now}. */
        record Expired(Token token, long now) implements Check {}

        /** Another resource than the one expected. */
        record WrongResource(Token token, String expected) implements Check {}

        /** The signature is not the access key's. */
        record BadSignature(Token token) implements Check {}
    }

    private TokenAuth() {
    }

    /** The header value for {@code res} ({@code userid/<id>}) valid until {@code et} (seconds since 1970). */
    public static String header(String version, String res, long et, String method, String accessKeyBase64) {
        String sign = sign(version, res, et, method, accessKeyBase64);
        return "version=" + version + "&res=" + encode(res) + "&et=" + et + "&method=" + method
                + "&sign=" + encode(sign);
    }

    /** The base64 signature; {@code method} is {@code md5}, {@code sha1} or {@code sha256}. */
    public static String sign(String version, String res, long et, String method, String accessKeyBase64) {
        try {
            String algorithm = "Hmac" + method.toUpperCase(Locale.ROOT);
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(accessKeyBase64), algorithm));
            String text = et + "\n" + method + "\n" + res + "\n" + version;
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot sign with method " + method + ": " + e.getMessage(), e);
        }
    }

    /** Parses a header value; empty with a reason when it is not a token. */
    public static Check parse(String header) {
        if (header == null || header.isBlank()) {
            return new Check.Malformed("no authorization header");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : header.trim().split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return new Check.Malformed("'" + part + "' is not key=value");
            }
            String value;
            try {
                value = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Check.Malformed("the value of " + part.substring(0, eq) + " is not URL-encoded");
            }
            if (params.put(part.substring(0, eq), value) != null) {
                return new Check.Malformed(part.substring(0, eq) + " given twice");
            }
        }
        for (String key : new String[] {"version", "res", "et", "method", "sign"}) {
            if (!params.containsKey(key) || params.get(key).isEmpty()) {
                return new Check.Malformed(key + " missing");
            }
        }
        String method = params.get("method");
        if (!method.equals("md5") && !method.equals("sha1") && !method.equals("sha256")) {
            return new Check.Malformed("method must be md5, sha1 or sha256: " + method);
        }
        long et;
        try {
            et = Long.parseLong(params.get("et"));
        } catch (NumberFormatException e) {
            return new Check.Malformed("et is not a number: " + params.get("et"));
        }
        return new Check.Valid(new Token(params.get("version"), params.get("res"), et, method, params.get("sign")));
    }

    /**
     * Checks a header against the access key: well formed, for {@code expectedRes} (when given), not expired at
     * {@code nowSeconds}, signed with the key.
     */
    public static Check verify(String header, String accessKeyBase64, Optional<String> expectedRes, long nowSeconds) {
        Check parsed = parse(header);
        if (!(parsed instanceof Check.Valid v)) {
            return parsed;
        }
        Token t = v.token();
        if (expectedRes.isPresent() && !expectedRes.get().equals(t.res())) {
            return new Check.WrongResource(t, expectedRes.get());
        }
        if (t.et() <= nowSeconds) {
            return new Check.Expired(t, nowSeconds);
        }
        String expected;
        try {
            expected = sign(t.version(), t.res(), t.et(), t.method(), accessKeyBase64);
        } catch (IllegalArgumentException e) {
            return new Check.Malformed("the access key is not base64");
        }
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                t.sign().getBytes(StandardCharsets.UTF_8)) ? parsed : new Check.BadSignature(t);
    }

    private static String encode(String s) {
        // URLEncoder writes a space as '+'; the documentation's table encodes it as %20
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
