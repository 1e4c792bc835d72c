package org.miplhil.platform.onenet;

import java.util.Map;
import java.util.Optional;

/**
 * The secrets of OneNET's API and push, read from the environment and never printed: {@link #toString()} names
 * only which are set. The double accepts any credential of a kind none of which is set.
 *
 * @param apiKey     legacy {@code api-key} header ({@value #API_KEY})
 * @param accessKey  base64 access key tokens are signed with ({@value #ACCESS_KEY})
 * @param userId     the user id of {@code res=userid/<id>} ({@value #USER_ID}); not secret
 * @param pushToken  the push token signatures are computed with ({@value #PUSH_TOKEN})
 * @param pushAesKey the push AES key of the encrypted form ({@value #PUSH_AES_KEY})
 */
public record OneNetCredentials(Optional<String> apiKey, Optional<String> accessKey, Optional<String> userId,
                                Optional<String> pushToken, Optional<String> pushAesKey) {

    public static final String API_KEY = "ONENET_API_KEY";
    public static final String ACCESS_KEY = "ONENET_ACCESS_KEY";
    public static final String USER_ID = "ONENET_USER_ID";
    public static final String PUSH_TOKEN = "ONENET_PUSH_TOKEN";
    public static final String PUSH_AES_KEY = "ONENET_PUSH_AES_KEY";

    public static OneNetCredentials none() {
        return new OneNetCredentials(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** From the environment's standard variables; a blank value counts as unset. */
    public static OneNetCredentials fromEnvironment(Map<String, String> env) {
        return new OneNetCredentials(get(env, API_KEY), get(env, ACCESS_KEY), get(env, USER_ID), get(env, PUSH_TOKEN),
                get(env, PUSH_AES_KEY));
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** Every secret value that is set, for redaction of logs, transcripts and reports. */
    public java.util.List<String> secrets() {
        java.util.List<String> out = new java.util.ArrayList<>();
        apiKey.ifPresent(out::add);
        accessKey.ifPresent(out::add);
        pushToken.ifPresent(out::add);
        pushAesKey.ifPresent(out::add);
        return out;
    }

    @Override
    public String toString() {
        return "OneNetCredentials[apiKey " + set(apiKey) + ", accessKey " + set(accessKey) + ", userId "
                + userId.orElse("unset") + ", pushToken " + set(pushToken) + ", pushAesKey " + set(pushAesKey) + "]";
    }

    private static String set(Optional<String> v) {
        return v.isPresent() ? "set" : "unset";
    }
}
