package org.miplhil.platform.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.TokenAuth;

/**
 * Who may call: the legacy API takes the {@code api-key} header (nb-iot/book/application-develop/api-usage.md,
 * "普通鉴权") or the {@code authorization} token ("安全鉴权"); the current API takes the token
 * (iot_platform/book/api/auth.md). A kind none of whose credentials is set accepts anything. A refusal names
 * what was wrong, never a secret.
 */
final class ApiAuth {

    private final OneNetCredentials credentials;
    private final LongSupplier nowSeconds;

    ApiAuth(OneNetCredentials credentials, LongSupplier nowSeconds) {
        this.credentials = credentials;
        this.nowSeconds = nowSeconds;
    }

    /** Empty when the request may proceed; else why not (errno 1, "auth failed"). */
    Optional<String> refusal(OneNetApi generation, String apiKeyHeader, String authorizationHeader) {
        if (generation == OneNetApi.LEGACY) {
            if (credentials.apiKey().isEmpty()) {
                return Optional.empty();
            }
            if (apiKeyHeader != null && equal(apiKeyHeader.trim(), credentials.apiKey().get())) {
                return Optional.empty();
            }
            if (authorizationHeader != null && credentials.accessKey().isPresent()) {
                return token(authorizationHeader);
            }
            return Optional.of(apiKeyHeader == null ? "api-key header required" : "api-key does not match");
        }
        if (credentials.accessKey().isEmpty()) {
            return Optional.empty();
        }
        if (authorizationHeader == null) {
            return Optional.of("authorization header required");
        }
        return token(authorizationHeader);
    }

    private Optional<String> token(String header) {
        Optional<String> res = credentials.userId().map(id -> "userid/" + id);
        TokenAuth.Check check = TokenAuth.verify(header, credentials.accessKey().get(), res, nowSeconds.getAsLong());
        if (check instanceof TokenAuth.Check.Valid) {
            return Optional.empty();
        }
        if (check instanceof TokenAuth.Check.Malformed m) {
            return Optional.of("authorization malformed: " + m.reason());
        }
        if (check instanceof TokenAuth.Check.Expired e) {
            return Optional.of("authorization expired: et " + e.token().et() + " is not after " + e.now());
        }
        if (check instanceof TokenAuth.Check.WrongResource w) {
            return Optional.of("authorization res " + w.token().res() + " is not " + w.expected());
        }
        return Optional.of("authorization sign does not verify");
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
