package org.miplhil.platform.onenet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneNetCredentialsTest {

    @Test
    void readsTheStandardVariablesAndTreatsBlankAsUnset() {
        OneNetCredentials c = OneNetCredentials.fromEnvironment(Map.of("ONENET_API_KEY", " key-1234 ",
                "ONENET_ACCESS_KEY", "", "ONENET_USER_ID", "37715", "ONENET_PUSH_TOKEN", "push-token-5678"));
        assertThat(c.apiKey()).contains("key-1234");
        assertThat(c.accessKey()).isEmpty();
        assertThat(c.userId()).contains("37715");
        assertThat(c.pushToken()).contains("push-token-5678");
        assertThat(c.pushAesKey()).isEmpty();
        assertThat(c.secrets()).containsExactly("key-1234", "push-token-5678");
    }

    @Test
    void itsTextNamesWhichAreSetButNoSecret() {
        OneNetCredentials c = new OneNetCredentials(Optional.of("key-1234"), Optional.of("YWNjZXNz"),
                Optional.of("37715"), Optional.of("push-token-5678"), Optional.of("aes-key-0000"));
        assertThat(c.toString()).contains("apiKey set", "userId 37715", "pushAesKey set")
                .doesNotContain("key-1234", "YWNjZXNz", "push-token-5678", "aes-key-0000");
        assertThat(OneNetCredentials.none().toString()).contains("apiKey unset");
    }
}
