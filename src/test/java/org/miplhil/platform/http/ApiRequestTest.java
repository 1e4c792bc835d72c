package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.miplhil.json.Json;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.WriteMode;

class ApiRequestTest {

    static final String IMEI = "866971030000001";

    private static ApiRequest ok(String method, String path, String query, String body) {
        ApiRequest.Parsed p = ApiRequest.parse(method, path, query, body);
        assertThat(p).as("%s %s?%s %s", method, path, query, body).isInstanceOf(ApiRequest.Parsed.Ok.class);
        return ((ApiRequest.Parsed.Ok) p).request();
    }

    private static ApiRequest.Parsed.Rejected rejected(String method, String path, String query, String body) {
        ApiRequest.Parsed p = ApiRequest.parse(method, path, query, body);
        assertThat(p).as("%s %s?%s %s", method, path, query, body).isInstanceOf(ApiRequest.Parsed.Rejected.class);
        return (ApiRequest.Parsed.Rejected) p;
    }

    private static void rejectedWith(ErrNo errno, int status, String messagePart, String method, String path,
                                     String query, String body) {
        ApiRequest.Parsed.Rejected r = rejected(method, path, query, body);
        assertThat(r.errno()).as(r.message()).isEqualTo(errno);
        assertThat(r.httpStatus()).as(r.message()).isEqualTo(status);
        assertThat(r.message()).contains(messagePart);
    }

    @Test
    void readAtEachLevelWithTheDefaultOrGivenTimeout() {
        assertThat(ok("GET", "/nbiot", "imei=" + IMEI + "&obj_id=3311", "")).isEqualTo(
                new ApiRequest.Read(IMEI, NodePath.object(3311), Duration.ofSeconds(25)));
        assertThat(ok("GET", "/nbiot", "imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&timeout=5", "")).isEqualTo(
                new ApiRequest.Read(IMEI, NodePath.instance(3311, 0), Duration.ofSeconds(5)));
        assertThat(ok("GET", "/nbiot/", "imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&res_id=5850&timeout=40", ""))
                .isEqualTo(new ApiRequest.Read(IMEI, NodePath.resource(3311, 0, 5850), Duration.ofSeconds(40)));
    }

    @Test
    void missingParametersAreErrno3AndIllTypedOnes5108() {
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "imei", "GET", "/nbiot", "obj_id=3311", "");
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "imei", "GET", "/nbiot", "imei=&obj_id=3311", "");
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "obj_id", "GET", "/nbiot", "imei=" + IMEI, "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "obj_id", "GET", "/nbiot", "imei=" + IMEI + "&obj_id=abc", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "obj_id", "GET", "/nbiot", "imei=" + IMEI + "&obj_id=65536", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "obj_id", "GET", "/nbiot", "imei=" + IMEI + "&obj_id=-1", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "res_id given without obj_inst_id", "GET", "/nbiot",
                "imei=" + IMEI + "&obj_id=3311&res_id=5850", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "timeout", "GET", "/nbiot",
                "imei=" + IMEI + "&obj_id=3311&timeout=4", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "timeout", "GET", "/nbiot",
                "imei=" + IMEI + "&obj_id=3311&timeout=41", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "timeout", "GET", "/nbiot",
                "imei=" + IMEI + "&obj_id=3311&timeout=2.5", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "twice", "GET", "/nbiot",
                "imei=" + IMEI + "&obj_id=3311&obj_id=3303", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "undecodable", "GET", "/nbiot",
                "imei=%zz&obj_id=3311", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "imei", "GET", "/nbiot", "imei=a%20b&obj_id=3311", "");
    }

    @Test
    void unknownApisAndMethods() {
        rejectedWith(ErrNo.INVALID_PARAMETER, 404, "no such API", "GET", "/devices", "imei=" + IMEI, "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 405, "method", "GET", "/nbiot/execute", "imei=" + IMEI, "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 405, "method", "POST", "/nbiot/discover", "imei=" + IMEI, "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 405, "method", "DELETE", "/nbiot", "imei=" + IMEI, "");
    }

    @Test
    void writeNeedsInstanceModeAndData() {
        String q = "imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&mode=2";
        ApiRequest w = ok("POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":5850,\"val\":true},{\"res_id\":5706,\"val\":\"hello\"},"
                        + "{\"res_id\":5851,\"val\":3,\"type\":1}]}");
        assertThat(w).isEqualTo(new ApiRequest.Write(IMEI, NodePath.instance(3311, 0), WriteMode.PARTIAL_UPDATE,
                List.of(new ApiRequest.WriteItem(5850, Json.tree(true), 0),
                        new ApiRequest.WriteItem(5706, Json.tree("hello"), 0),
                        new ApiRequest.WriteItem(5851, Json.tree(3), 1)), Duration.ofSeconds(25)));
        assertThat(((ApiRequest.Write) ok("POST", "/nbiot", q.replace("mode=2", "mode=1"),
                "{\"data\":[{\"res_id\":5850,\"val\":false}]}")).mode()).isEqualTo(WriteMode.REPLACE);

        String data = "{\"data\":[{\"res_id\":5850,\"val\":true}]}";
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "mode", "POST", "/nbiot", q.replace("&mode=2", ""), data);
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "mode", "POST", "/nbiot", q.replace("mode=2", "mode=3"), data);
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "obj_inst_id", "POST", "/nbiot",
                q.replace("&obj_inst_id=0", ""), data);
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "body", "POST", "/nbiot", q, "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "not JSON", "POST", "/nbiot", q, "{data:1}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "JSON object", "POST", "/nbiot", q, "[1]");
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "\"data\"", "POST", "/nbiot", q, "{}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "non-empty array", "POST", "/nbiot", q, "{\"data\":[]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "non-empty array", "POST", "/nbiot", q, "{\"data\":{}}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "data[0] must be an object", "POST", "/nbiot", q,
                "{\"data\":[1]}");
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "res_id", "POST", "/nbiot", q, "{\"data\":[{\"val\":1}]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "res_id", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":\"5850\",\"val\":1}]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "twice", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":1,\"val\":1},{\"res_id\":1,\"val\":2}]}");
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "val", "POST", "/nbiot", q, "{\"data\":[{\"res_id\":1}]}");
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "val", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":1,\"val\":null}]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "type", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":1,\"val\":1,\"type\":3}]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "2048", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":1,\"val\":\"" + "x".repeat(2100) + "\"}]}");
    }

    @Test
    void executeTakesOptionalArgs() {
        String q = "imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5605";
        assertThat(ok("POST", "/nbiot/execute", q, "{\"args\":\"reset\"}")).isEqualTo(
                new ApiRequest.Execute(IMEI, NodePath.resource(3303, 0, 5605), "reset", Duration.ofSeconds(25)));
        assertThat(((ApiRequest.Execute) ok("POST", "/nbiot/execute", q, "")).args()).isEmpty();
        assertThat(((ApiRequest.Execute) ok("POST", "/nbiot/execute", q, "{}")).args()).isEmpty();
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "res_id", "POST", "/nbiot/execute",
                q.replace("&res_id=5605", ""), "");
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "obj_inst_id", "POST", "/nbiot/execute",
                "imei=" + IMEI + "&obj_id=3303", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "args", "POST", "/nbiot/execute", q, "{\"args\":5}");
    }

    @Test
    void observeFollowsOneNetsRules() {
        String q = "imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5700";
        ApiRequest.Observe o = (ApiRequest.Observe) ok("POST", "/nbiot/observe",
                q + "&pmin=2&pmax=190&gt=100.0&lt=1.0&st=0.2&timeout=10", "");
        assertThat(o.cancel()).isFalse();
        assertThat(o.attributes().toString()).isEqualTo("pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2");
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(((ApiRequest.Observe) ok("POST", "/nbiot/observe", q + "&cancel=true", "")).cancel()).isTrue();
        // OneNET: "If cancel is non true|false, it will be false by default."
        assertThat(((ApiRequest.Observe) ok("POST", "/nbiot/observe", q + "&cancel=yes", "")).cancel()).isFalse();
        assertThat(((ApiRequest.Observe) ok("POST", "/nbiot/observe", "imei=" + IMEI + "&obj_id=3303", ""))
                .path()).isEqualTo(NodePath.object(3303));

        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "pmax >= pmin", "POST", "/nbiot/observe",
                q + "&pmin=10&pmax=5", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "> 0", "POST", "/nbiot/observe", q + "&pmin=0&pmax=5", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "lt < gt", "POST", "/nbiot/observe", q + "&gt=1&lt=2", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "lt + 2*st < gt", "POST", "/nbiot/observe",
                q + "&gt=10&lt=1&st=5", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "need res_id", "POST", "/nbiot/observe",
                "imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&gt=5", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "gt", "POST", "/nbiot/observe", q + "&gt=abc", "");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "pmin", "POST", "/nbiot/observe", q + "&pmin=-1", "");
    }

    @Test
    void discoverAndResources() {
        assertThat(ok("GET", "/nbiot/discover", "imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&timeout=6", ""))
                .isEqualTo(new ApiRequest.Discover(IMEI, NodePath.instance(3311, 0), Duration.ofSeconds(6)));
        assertThat(ok("GET", "/nbiot/resources", "imei=" + IMEI, ""))
                .isEqualTo(new ApiRequest.Resources(IMEI, OptionalInt.empty()));
        assertThat(ok("GET", "/nbiot/resources", "imei=" + IMEI + "&obj_id=3311", ""))
                .isEqualTo(new ApiRequest.Resources(IMEI, OptionalInt.of(3311)));
        rejectedWith(ErrNo.PARAMETER_REQUIRED, 400, "obj_id", "GET", "/nbiot/discover", "imei=" + IMEI, "");
    }

    @Test
    void bodiesJacksonWouldTakeButJsonDoesNotAreRejected() {
        String q = "imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&mode=2";
        String[] notJson = {"{\"data\":[{\"res_id\":1,\"val\":1,\"val\":2}]}", "{\"data\":[{\"res_id\":1,\"val\":1e999}]}",
                "{\"data\":[{\"res_id\":1,\"val\":NaN}]}", "{'data':[]}", "{\"data\":[{\"res_id\":1,\"val\":01}]}",
                "{\"data\":[{\"res_id\":1,\"val\":1}],}", "{\"data\":[]} {}", "{\"data\":[]} // c",
                "{\"data\":" + "[".repeat(200) + "}", "{\"data\":[{\"res_id\":1,\"val\":\"a\u0001\"}]}"};
        for (String body : notJson) {
            rejectedWith(ErrNo.INVALID_PARAMETER, 400, "not JSON", "POST", "/nbiot", q, body);
        }
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "res_id must be an integer", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":5850.0,\"val\":1}]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "res_id must be an integer", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":99999999999999999999,\"val\":1}]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "type", "POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":1,\"val\":1,\"type\":\"1\"}]}");
        rejectedWith(ErrNo.INVALID_PARAMETER, 400, "args", "POST", "/nbiot/execute",
                "imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5605", "{\"args\":[\"x\"]}");
        ApiRequest.Write w = (ApiRequest.Write) ok("POST", "/nbiot", q,
                "{\"data\":[{\"res_id\":1,\"val\":18446744073709551615},{\"res_id\":2,\"val\":\"\\u00e9<&>\"}]}");
        assertThat(w.items().get(0).val().bigIntegerValue()).hasToString("18446744073709551615");
        assertThat(w.items().get(1).val().textValue()).isEqualTo("é<&>");
    }

    @Test
    void randomWriteBodiesAreAcceptedWellFormedOrRejectedWithTheirErrno() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String q = "imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&mode=2";
        String[] pieces = {"{", "}", "[", "]", ",", ":", "\"data\"", "\"res_id\"", "\"val\"", "\"type\"", "1", "2",
                "65536", "-1", "1.5", "1e999", "99999999999999999999", "true", "null", "\"x\"", "\"\\u00e9\"", " ",
                "\"args\"", "\"\\x\"", "NaN", "\u00e9", "\"data\":[{\"res_id\":", "{\"data\":[", "]}"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(24);
            for (int k = 0; k < n; k++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            String body = b.toString();
            String path = r.nextInt(4) == 0 ? "/nbiot/execute" : "/nbiot";
            String query = path.equals("/nbiot") ? q : "imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5605";
            try {
                ApiRequest.Parsed p = ApiRequest.parse("POST", path, query, body);
                if (p instanceof ApiRequest.Parsed.Rejected rej) {
                    assertThat(rej.httpStatus()).isEqualTo(400);
                    assertThat(rej.errno()).isIn(ErrNo.PARAMETER_REQUIRED, ErrNo.INVALID_PARAMETER);
                    assertThat(rej.message()).isNotBlank();
                } else if (((ApiRequest.Parsed.Ok) p).request() instanceof ApiRequest.Write w) {
                    assertThat(w.items()).isNotEmpty().allSatisfy(item -> {
                        assertThat(item.resId()).isBetween(0, 65535);
                        assertThat(item.val()).isNotNull();
                        assertThat(item.val().isNull()).isFalse();
                        assertThat(item.type()).isBetween(0, 2);
                    });
                }
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ": POST " + path + " " + body, t);
            }
        }
    }

    @Test
    void randomRequestsNeverThrow() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String[] methods = {"GET", "POST", "PUT", "", null};
        String[] paths = {"/nbiot", "/nbiot/execute", "/nbiot/observe", "/nbiot/discover", "/nbiot/resources", "/",
                "", null, "/nbiot//"};
        String[] keys = {"imei", "obj_id", "obj_inst_id", "res_id", "mode", "timeout", "cancel", "pmin", "pmax", "gt",
                "lt", "st", "x"};
        String[] values = {"", "0", "1", "-1", "3311", "65536", "99999999999", "true", "1.5", "abc", "%zz", "%41",
                "1e5", "NaN", "=", IMEI};
        String[] bodies = {"", "{}", "{\"data\":[{\"res_id\":1,\"val\":1}]}", "{\"args\":\"x\"}", "[", "{\"data\":[",
                "null", "{\"data\":[{\"res_id\":99999999999999999999,\"val\":{}}]}"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder q = new StringBuilder();
            int n = r.nextInt(7);
            for (int k = 0; k < n; k++) {
                if (k > 0) q.append(r.nextInt(8) == 0 ? "&&" : "&");
                q.append(keys[r.nextInt(keys.length)]);
                if (r.nextInt(6) > 0) q.append('=').append(values[r.nextInt(values.length)]);
            }
            String method = methods[r.nextInt(methods.length)];
            String path = paths[r.nextInt(paths.length)];
            String body = bodies[r.nextInt(bodies.length)];
            try {
                ApiRequest.Parsed p = ApiRequest.parse(method, path, q.toString(), body);
                assertThat(p).isNotNull();
                if (p instanceof ApiRequest.Parsed.Rejected rej) {
                    assertThat(rej.httpStatus()).isIn(400, 404, 405);
                    assertThat(rej.errno()).isIn(ErrNo.PARAMETER_REQUIRED, ErrNo.INVALID_PARAMETER);
                }
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ": " + method + " " + path + "?" + q + " " + body, t);
            }
        }
    }
}
