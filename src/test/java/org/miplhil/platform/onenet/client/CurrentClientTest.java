package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.TokenAuth;

/**
 * The current API's client over real HTTP on loopback: each request carries a token that verifies with the access
 * key for {@code userid/<id>}, goes to {@code /nb-iot…} or {@code /device/…}, and its answer is read with the
 * configured member names.
 */
class CurrentClientTest {

    static final String ACCESS_KEY = "dGhpcyBpcyBhIHRlc3QgYWNjZXNzIGtleSE="; // base64 of "this is a test access key!"
    static final String USER = "38055";
    static final String IMEI = "866971030000031";
    static final Duration WAIT = Duration.ofSeconds(10);

    private StubApi stub;
    private OneNetPlatform onenet;

    @AfterEach
    void stop() {
        if (onenet != null) {
            onenet.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    /** Answers a request whose token verifies with {@code ok}, any other with 1 (as code on the device calls). */
    private static StubApi.Answer verified(StubApi.Seen s, String ok) {
        TokenAuth.Check c = TokenAuth.verify(s.header("authorization"), ACCESS_KEY, Optional.of("userid/" + USER),
                Instant.now().getEpochSecond());
        String member = s.path().startsWith("/device/") ? "\"code\":1,\"msg\"" : "\"errno\":1,\"error\"";
        return c instanceof TokenAuth.Check.Valid ? new StubApi.Answer(200, ok)
                : new StubApi.Answer(401, "{" + member + ":\"auth failed: " + c + "\"}");
    }

    private OneNetPlatform start(AnswerMembers members, String accessKey) throws Exception {
        OneNetCredentials creds = new OneNetCredentials(Optional.empty(), Optional.of(accessKey), Optional.of(USER),
                Optional.empty(), Optional.empty());
        onenet = OneNetPlatform.start(OneNetSettings.defaults(creds).withApi(OneNetApi.CURRENT)
                .withBaseUrl(stub.base()).withProductId(Optional.of("PRODUCT1")).withAnswerMembers(members)
                .withPushUrl(Optional.of(URI.create("http://127.0.0.1:9/push"))));
        return onenet;
    }

    @Test
    void signsEveryCallAndUsesTheCurrentPaths() throws Exception {
        stub = new StubApi(s -> verified(s, s.path().equals("/nb-iot") && s.method().equals("GET")
                ? "{\"errno\":0,\"error\":\"succ\",\"data\":[{\"obj_inst_id\":0,\"res\":[{\"res_id\":5700,\"val\":21.5}]}]}"
                : s.path().equals("/device/detail")
                ? "{\"code\":0,\"msg\":\"succ\",\"data\":{\"device_name\":\"" + IMEI + "\",\"status\":1}}"
                : "{\"errno\":0,\"error\":\"succ\"}"));
        start(AnswerMembers.LEGACY, ACCESS_KEY);

        PlatformResult r = onenet.read(IMEI, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.singleValue()).contains(ResourceValue.of(21.5)));
        assertThat(onenet.write(IMEI, NodePath.instance(3311, 0), WriteMode.REPLACE,
                List.of(new ResourceWrite(5850, ResourceValue.of(true))), WAIT).isSuccess()).isTrue();
        assertThat(onenet.execute(IMEI, NodePath.resource(3303, 0, 5605), "x", WAIT).isSuccess()).isTrue();
        assertThat(onenet.observe(IMEI, NodePath.instance(3303, 0), WAIT).isSuccess()).isTrue();
        DeviceLookup d = onenet.ensureDevice(IMEI, "460041234567831");
        assertThat(d.present()).as(d.message()).isTrue();
        assertThat(d.online()).contains(true);

        assertThat(stub.seen).extracting(s -> s.method() + " " + s.path()).containsExactly("GET /nb-iot",
                "POST /nb-iot", "POST /nb-iot/execute", "POST /nb-iot/observe", "GET /device/detail");
        assertThat(stub.seen.get(0).query()).isEqualTo("imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5700"
                + "&timeout=10");
        assertThat(stub.seen.get(4).query()).isEqualTo("product_id=PRODUCT1&device_name=" + IMEI);
        for (StubApi.Seen s : stub.seen) {
            TokenAuth.Check c = TokenAuth.verify(s.header("authorization"), ACCESS_KEY, Optional.of("userid/" + USER),
                    Instant.now().getEpochSecond());
            assertThat(c).as("%s %s", s.method(), s.path()).isInstanceOfSatisfying(TokenAuth.Check.Valid.class, v -> {
                assertThat(v.token().version()).isEqualTo(TokenAuth.VERSION);
                assertThat(v.token().method()).isEqualTo("sha1");
                assertThat(v.token().et()).isGreaterThan(Instant.now().getEpochSecond() + 3000);
            });
            assertThat(s.header("api-key")).isNull();
        }
    }

    @Test
    void createsAnAbsentDeviceInTheProduct() throws Exception {
        stub = new StubApi(s -> verified(s, s.path().equals("/device/detail")
                ? "{\"code\":10404,\"msg\":\"device not exist\"}"
                : "{\"code\":0,\"msg\":\"succ\",\"data\":{\"did\":\"5241665\"}}"));
        start(AnswerMembers.LEGACY, ACCESS_KEY);
        DeviceLookup d = onenet.ensureDevice(IMEI, "460041234567831");
        assertThat(d.created()).as(d.message()).isTrue();
        assertThat(d.devId()).contains("5241665");
        StubApi.Seen create = stub.seen.get(1);
        assertThat(create.method() + " " + create.path()).isEqualTo("POST /device/create");
        assertThat(create.body()).contains("\"product_id\":\"PRODUCT1\"", "\"device_name\":\"" + IMEI + "\"",
                "\"imei\":\"" + IMEI + "\"", "\"imsi\":\"460041234567831\"");
    }

    @Test
    void readsAnswersWithConfiguredMemberNames() throws Exception {
        stub = new StubApi(s -> verified(s, s.query().contains("obj_inst_id=9")
                ? "{\"code\":5106,\"msg\":\"UNSUCESS: NOT_FOUND\",\"request_id\":\"r1\"}"
                : "{\"code\":0,\"msg\":\"succ\",\"data\":[{\"obj_inst_id\":0,\"res\":[{\"res_id\":5850,\"val\":true}]}],"
                + "\"request_id\":\"r2\"}"));
        start(new AnswerMembers("code", "msg", "data"), ACCESS_KEY);
        assertThat(onenet.read(IMEI, NodePath.resource(3311, 0, 5850), WAIT))
                .isInstanceOfSatisfying(PlatformResult.Answered.class,
                        a -> assertThat(a.singleValue()).contains(ResourceValue.of(true)));
        assertThat(onenet.read(IMEI, NodePath.instance(3311, 9), WAIT))
                .isInstanceOfSatisfying(PlatformResult.Answered.class,
                        a -> assertThat(a.code()).isEqualTo(CoapCode.NOT_FOUND));
    }

    @Test
    void aWrongAccessKeyIsRefusedAndNeverShown() throws Exception {
        stub = new StubApi(s -> verified(s, "{\"errno\":0,\"error\":\"succ\"}"));
        String wrong = "b3RoZXIga2V5IG9mIHRoZSBzYW1lIGxlbmd0aCEh";
        start(AnswerMembers.LEGACY, wrong);
        PlatformResult r = onenet.execute(IMEI, NodePath.resource(3303, 0, 5605), "", WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Failed.class, f ->
                assertThat(f.message()).contains("refused the credentials").doesNotContain(wrong));
        CheckReport check = onenet.check(IMEI, "460041234567831");
        assertThat(check.items()).extracting(CheckReport.Item::name, CheckReport.Item::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("credentials", CheckReport.Status.PLATFORM),
                org.assertj.core.groups.Tuple.tuple("product", CheckReport.Status.NOT_CHECKED),
                org.assertj.core.groups.Tuple.tuple("device", CheckReport.Status.NOT_CHECKED),
                org.assertj.core.groups.Tuple.tuple("online", CheckReport.Status.NOT_CHECKED));
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.describe()).doesNotContain(wrong);
    }

    @Test
    void aMissingCredentialIsNamedByTheVariableTheUserSetsAndNothingIsSent() throws Exception {
        stub = new StubApi(s -> new StubApi.Answer(200, "{\"errno\":0,\"error\":\"succ\"}"));
        OneNetCredentials userOnly = new OneNetCredentials(Optional.empty(), Optional.empty(), Optional.of(USER),
                Optional.empty(), Optional.empty());
        // a rack renamed the variables (platform.credentials): the messages name the rack's, as the user sets those
        Map<String, String> renamed = Map.of(OneNetCredentials.API_KEY, "LAB1_KEY",
                OneNetCredentials.ACCESS_KEY, "LAB1_ACCESS");
        onenet = OneNetPlatform.start(OneNetSettings.defaults(userOnly).withApi(OneNetApi.CURRENT)
                .withBaseUrl(stub.base()).withProductId(Optional.of("PRODUCT1")).withCredentialVariables(renamed));
        PlatformResult r = onenet.read(IMEI, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Failed.class, f -> assertThat(
                f.message()).isEqualTo("not configured: the current API needs an access key: set LAB1_ACCESS"));
        onenet.close();

        onenet = OneNetPlatform.start(OneNetSettings.defaults(userOnly).withBaseUrl(stub.base())
                .withCredentialVariables(renamed));
        PlatformResult legacy = onenet.read(IMEI, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(legacy).as(legacy.describe()).isInstanceOfSatisfying(PlatformResult.Failed.class, f -> assertThat(
                f.message()).isEqualTo("not configured: the legacy API needs an API key: set LAB1_KEY"));
        assertThat(stub.seen).as("nothing was sent without the credential").isEmpty();
    }
}
