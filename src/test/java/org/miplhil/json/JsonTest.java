package org.miplhil.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static JsonNode ok(String text) {
        Json.Parsed p = Json.parse(text);
        assertThat(p).as("parse of %s", text).isInstanceOf(Json.Parsed.Ok.class);
        return ((Json.Parsed.Ok) p).value();
    }

    private static Json.Parsed.Error error(String text) {
        Json.Parsed p = Json.parse(text);
        assertThat(p).as("parse of %s", text).isInstanceOf(Json.Parsed.Error.class);
        return (Json.Parsed.Error) p;
    }

    @Test
    void parsesTheShapesTheApiUses() {
        JsonNode v = ok(" {\"data\":[{\"res_id\":5850,\"val\":true},{\"res_id\":5706,\"val\":\"h\\u00e9\\n\"},"
                + "{\"res_id\":5805,\"val\":-1.5e2},{\"res_id\":1,\"val\":null}]} ");
        Map<String, Object> nullVal = new LinkedHashMap<>();
        nullVal.put("res_id", 1L);
        nullVal.put("val", null);
        assertThat(Json.plain(v)).isEqualTo(Map.of("data", List.of(Map.of("res_id", 5850L, "val", true),
                Map.of("res_id", 5706L, "val", "hé\n"), Map.of("res_id", 5805L, "val", -150.0), nullVal)));
        assertThat(ok("18446744073709551615").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(Json.plain(ok("18446744073709551615"))).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(Json.plain(ok("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.plain(ok("0"))).isEqualTo(0L);
        assertThat(ok("[]").isArray()).isTrue();
        assertThat(ok("{}").isObject()).isTrue();
        assertThat(ok("null").isNull()).isTrue();
    }

    @Test
    void reportsWhereTheDocumentIsBroken() {
        assertThat(error("").offset()).isZero();
        assertThat(error("   ").message()).contains("no document");
        assertThat(error(null).message()).contains("no document");
        // the offset is that of the unexpected character or just past it
        assertThat(error("{\"a\":1,}").offset()).isBetween(7, 8);
        assertThat(error("[1 2]").offset()).isBetween(3, 4);
        assertThat(error("{\"a\" 1}").message()).contains("colon");
        assertThat(error("{} 1").message()).contains("Trailing token");
        assertThat(error("{} x").message()).contains("x");
        assertThat(error("01").message()).contains("eading zero");
        assertThat(error("\"abc").message()).contains("end-of-input");
        assertThat(error("\"\\x\"").message()).contains("escape");
        assertThat(error("{\"a\":1,\"a\":2}").message()).contains("Duplicate field 'a'");
        assertThat(error("[".repeat(Json.MAX_DEPTH + 2)).message()).contains("depth");
        assertThat(error("tru").message()).contains("tru");
        assertThat(error("\"a\u0001\"").message()).contains("CTRL-CHAR");
        assertThat(error("NaN").message()).contains("NaN");
        assertThat(error("[1, 1e999]").message()).contains("out of range");
        assertThat(error("{'a':1}").message()).contains("'");
        assertThat(error("[1,]").offset()).isBetween(3, 4);
        assertThat(error("{\"a\":1} // c").message()).isNotBlank();
    }

    record Item(@JsonProperty("res_id") int resId, Object val) {
    }

    record Body(int errno, String error, List<Item> data, Object none) {
    }

    record Step(String at, String name, @JsonProperty("elapsed_ms") long elapsedMs, boolean ok) {
    }

    @Test
    void writesCompactInTheGivenOrderWithOnlyTheEscapesJsonNeeds() {
        Body body = new Body(0, "succ \"quoted\" \\ \u0001 <b>&'é/\u4e2d",
                List.of(new Item(5805, 1.88), new Item(5850, true), new Item(1, 20.0), new Item(2, Double.NaN)), null);
        String text = Json.write(body);
        assertThat(text).isEqualTo("{\"errno\":0,\"error\":\"succ \\\"quoted\\\" \\\\ \\u0001 <b>&'é/\u4e2d\","
                + "\"data\":[{\"res_id\":5805,\"val\":1.88},{\"res_id\":5850,\"val\":true},{\"res_id\":1,\"val\":20.0},"
                + "{\"res_id\":2,\"val\":null}],\"none\":null}");
        assertThat(Json.write(ok(text))).isEqualTo(text);

        assertThat(Json.write(new Step("t", "n", 5, true))).isEqualTo("{\"at\":\"t\",\"name\":\"n\",\"elapsed_ms\":5,\"ok\":true}");
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1);
        ordered.put("a", List.of());
        assertThat(Json.write(ordered)).isEqualTo("{\"z\":1,\"a\":[]}");
        assertThat(Json.write(Json.object().put("b", 1).put("a", Json.fixed(1.5, 2)).put("c", Json.fixed(2.0, 0))))
                .isEqualTo("{\"b\":1,\"a\":1.50,\"c\":2}");
        assertThat(Json.write(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(Json.write(Json.fixed(Double.NaN, 1))).isEqualTo("null");
        assertThat(Json.write(Json.fixed(1234567.0, 3))).isEqualTo("1234567.000");
    }

    @Test
    void prettyIsForPeople() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "x");
        doc.put("list", List.of("failed", "broken"));
        doc.put("n", 2);
        assertThat(Json.writePretty(List.of(doc))).isEqualTo("""
                [
                  {
                    "name": "x",
                    "list": [
                      "failed",
                      "broken"
                    ],
                    "n": 2
                  }
                ]
                """);
    }

    @Test
    void randomInputNeverThrows() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String alphabet = "{}[]\":,.-+eE0123456789 truefalsnl\\u\n\t\"abc";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                b.append(r.nextInt(10) == 0 ? (char) r.nextInt(0x3000) : alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = b.toString();
            try {
                Json.Parsed p = Json.parse(text);
                if (p instanceof Json.Parsed.Ok ok) {
                    // whatever parses writes back to a document that parses to the same value
                    Json.Parsed back = Json.parse(Json.write(ok.value()));
                    assertThat(back).isInstanceOf(Json.Parsed.Ok.class);
                    assertThat(((Json.Parsed.Ok) back).value()).isEqualTo(ok.value());
                } else {
                    Json.Parsed.Error e = (Json.Parsed.Error) p;
                    assertThat(e.offset()).isBetween(0, text.length());
                    assertThat(e.message()).isNotBlank();
                }
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", input " + text, t);
            }
        }
    }

    @Test
    void deepAndLongInputsAreErrorsNotCrashes() {
        char[] deep = new char[100_000];
        Arrays.fill(deep, '[');
        assertThat(error(new String(deep)).message()).contains("depth");
        assertThat(error("{\"a\":" + "1".repeat(5000) + "}").message()).isNotBlank();
    }
}
