package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class JsonTest {

    private static Object ok(String text) {
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
        Object v = ok(" {\"data\":[{\"res_id\":5850,\"val\":true},{\"res_id\":5706,\"val\":\"h\\u00e9\\n\"},"
                + "{\"res_id\":5805,\"val\":-1.5e2},{\"res_id\":1,\"val\":null}]} ");
        assertThat(v).isEqualTo(Map.of("data", List.of(Map.of("res_id", 5850L, "val", true),
                Map.of("res_id", 5706L, "val", "hé\n"), Map.of("res_id", 5805L, "val", -150.0),
                Map.of("res_id", 1L, "val", Json.NULL))));
        assertThat(ok("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(ok("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(ok("0")).isEqualTo(0L);
        assertThat(ok("[]")).isEqualTo(List.of());
        assertThat(ok("{}")).isEqualTo(Map.of());
    }

    @Test
    void reportsWhereTheDocumentIsBroken() {
        assertThat(error("").offset()).isZero();
        assertThat(error("{\"a\":1,}").offset()).isEqualTo(7);
        assertThat(error("{\"a\" 1}").message()).contains("':'");
        assertThat(error("[1 2]").offset()).isEqualTo(3);
        assertThat(error("01").message()).contains("after the document");
        assertThat(error("\"abc").message()).contains("unterminated");
        assertThat(error("\"\\x\"").message()).contains("escape");
        assertThat(error("{\"a\":1,\"a\":2}").message()).contains("duplicate");
        assertThat(error("1e999").message()).contains("range");
        assertThat(error("[".repeat(Json.MAX_DEPTH + 2)).message()).contains("nested");
        assertThat(error("tru").message()).contains("true");
        assertThat(error("\"a\u0001\"").message()).contains("control");
        assertThat(error("-").message()).contains("digit");
        assertThat(error("1.").message()).contains("digit");
    }

    @Test
    void writesWhatItReadsBack() {
        Map<String, Object> doc = Json.object("errno", 0, "error", "succ \"quoted\" \\ \u0001",
                "data", List.of(Json.object("obj_inst_id", 0, "res", List.of(Json.object("res_id", 5805,
                        "val", 1.88), Json.object("res_id", 5850, "val", true)))), "none", null);
        String text = Json.write(doc);
        assertThat(text).startsWith("{\"errno\":0,\"error\":\"succ \\\"quoted\\\" \\\\ \\u0001\",\"data\":");
        Object back = ok(text);
        assertThat(Json.write(back)).isEqualTo(text);
        assertThat(Json.write(Double.NaN)).isEqualTo("null");
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
                    assertThat(Json.parse(Json.write(ok.value()))).isInstanceOf(Json.Parsed.Ok.class);
                } else {
                    Json.Parsed.Error e = (Json.Parsed.Error) p;
                    assertThat(e.offset()).isBetween(0, text.length());
                }
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", input " + text, t);
            }
        }
    }
}
