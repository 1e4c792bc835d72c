package org.miplhil.platform.onenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The current API's token (iot_platform/book/api/auth.md). The vectors use the documentation's example access key
 * and user id (its Python example: key {@code mjgvkTCY…}, {@code userid/37715}) with a fixed {@code et}, computed
 * independently with Python's hmac/base64/urllib.parse.quote(safe='') — the documentation's own example header
 * names no key, so its sign cannot be recomputed; its format is parsed below.
 */
class TokenAuthTest {

    private static final String KEY = "mjgvkTCYTBF6DguxMmm+aV9EkDp2CYfL5jzRTph5Th6KhU8gqZz/cBivPTA7tfY5";
    private static final String RES = "userid/37715";
    private static final long ET = 1623982416L;

    @Test
    void signsAsTheDocumentationsAlgorithmDoesForEveryMethod() {
        assertThat(TokenAuth.sign(TokenAuth.VERSION, RES, ET, "sha1", KEY)).isEqualTo("EsqSg03GkeGrOcMv4pfIeUOh9GA=");
        assertThat(TokenAuth.sign(TokenAuth.VERSION, RES, ET, "md5", KEY)).isEqualTo("WS332qk/BOodkqgyD6lOqg==");
        assertThat(TokenAuth.sign(TokenAuth.VERSION, RES, ET, "sha256", KEY))
                .isEqualTo("gtnFTEDIWgU7oVEkV5qIib5Vs9OI0Jc/nHZvbIsg4PQ=");
    }

    @Test
    void theHeaderUrlEncodesResAndSign() {
        assertThat(TokenAuth.header(TokenAuth.VERSION, RES, ET, "sha256", KEY)).isEqualTo(
                "version=2022-05-01&res=userid%2F37715&et=1623982416&method=sha256"
                        + "&sign=gtnFTEDIWgU7oVEkV5qIib5Vs9OI0Jc%2FnHZvbIsg4PQ%3D");
    }

    @Test
    void parsesTheDocumentationsExampleHeader() {
        TokenAuth.Check c = TokenAuth.parse(
                "version=2020-05-29&res=userid%2F38055&et=1623982416&method=sha1&sign=S04GcvafYIjtAMHJthkGPevbNwE%3D");
        assertThat(c).isEqualTo(new TokenAuth.Check.Valid(new TokenAuth.Token("2020-05-29", "userid/38055",
                1623982416L, "sha1", "S04GcvafYIjtAMHJthkGPevbNwE=")));
    }

    @Test
    void verifiesItsOwnHeaderAndRefusesEveryWrongPart() {
        String header = TokenAuth.header(TokenAuth.VERSION, RES, ET, "sha1", KEY);
        assertThat(TokenAuth.verify(header, KEY, Optional.of(RES), ET - 1)).isInstanceOf(TokenAuth.Check.Valid.class);
        assertThat(TokenAuth.verify(header, KEY, Optional.of(RES), ET)).isInstanceOf(TokenAuth.Check.Expired.class);
        assertThat(TokenAuth.verify(header, KEY, Optional.of("userid/1"), ET - 1))
                .isInstanceOf(TokenAuth.Check.WrongResource.class);
        String otherKey = "AAAA" + KEY.substring(4);
        assertThat(TokenAuth.verify(header, otherKey, Optional.of(RES), ET - 1))
                .isInstanceOf(TokenAuth.Check.BadSignature.class);
        assertThat(TokenAuth.verify(header.replace("et=1623982416", "et=1623982417"), KEY, Optional.empty(), 0))
                .as("et is signed").isInstanceOf(TokenAuth.Check.BadSignature.class);
        assertThat(TokenAuth.verify(header, "not base64 !", Optional.empty(), 0))
                .isInstanceOf(TokenAuth.Check.Malformed.class);
    }

    @Test
    void malformedHeadersAreReportedWithTheReason() {
        assertThat(TokenAuth.parse(null)).isEqualTo(new TokenAuth.Check.Malformed("no authorization header"));
        assertThat(TokenAuth.parse("version=1&res=a&et=x&method=sha1&sign=s"))
                .isEqualTo(new TokenAuth.Check.Malformed("et is not a number: x"));
        assertThat(TokenAuth.parse("version=1&res=a&et=1&method=sha512&sign=s"))
                .isEqualTo(new TokenAuth.Check.Malformed("method must be md5, sha1 or sha256: sha512"));
        assertThat(TokenAuth.parse("version=1&res=a&et=1&method=sha1"))
                .isEqualTo(new TokenAuth.Check.Malformed("sign missing"));
        assertThat(TokenAuth.parse("version=1&version=2&res=a&et=1&method=sha1&sign=s"))
                .isEqualTo(new TokenAuth.Check.Malformed("version given twice"));
        assertThat(TokenAuth.parse("version=1&res=%zz&et=1&method=sha1&sign=s"))
                .isEqualTo(new TokenAuth.Check.Malformed("the value of res is not URL-encoded"));
    }

    @Test
    void neverThrowsOnArbitraryHeaders() {
        Random random = new Random(11);
        String alphabet = "=&%/+ abcdefghijklmnopqrstuvwxyz0123456789ABCDEF\n\u00e9";
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(80);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String header = random.nextBoolean() ? b.toString()
                    : "version=" + b + "&res=" + b + "&et=1&method=sha1&sign=" + b;
            assertThat(TokenAuth.verify(header, KEY, Optional.empty(), 0)).isNotNull();
        }
    }
}
