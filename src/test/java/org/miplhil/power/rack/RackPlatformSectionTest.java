package org.miplhil.power.rack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.yaml.LoadResult;

/** A rack file's {@code platform:} section: the embedded platform's address, or how OneNET is reached. */
class RackPlatformSectionTest {

    @TempDir
    Path dir;

    @BeforeEach
    void profile() throws IOException {
        Files.writeString(dir.resolve("profile.yaml"), "identity: {}\n");
    }

    private static final String MODULE = """
            module:
              port: /dev/ttyUSB0
              imei: "866971050123456"
              profile: profile.yaml
            power:
              driver: command
              on: "true"
              off: "true"
            """;

    private LoadResult<Rack> parse(String platform) {
        return RackLoader.parse("r.yaml", MODULE + platform, dir);
    }

    @Test
    void anEmbeddedRackIsTheAddressAlone() {
        Rack r = parse("platform:\n  address: 10.0.0.2:5683\n").orElseThrow();
        assertThat(r.platformSection().isOneNet()).isFalse();
        assertThat(r.platform()).hasToString("10.0.0.2:5683");
    }

    @Test
    void aOneNetRackNamesTheApiTheAddressesThePushUrlAndTheCredentialsVariables() {
        Rack r = parse("""
                platform:
                  kind: onenet
                  api: current
                  url: http://127.0.0.1:18080
                  coap: 127.0.0.1:15683
                  bootstrap: 127.0.0.1:15684
                  push-url: https://lab.example.org/onenet/push
                  push-bind: 0.0.0.0:8443
                  product: "123456"
                  credentials:
                    access-key: LAB_ONENET_ACCESS_KEY
                    user-id: LAB_ONENET_USER
                """).orElseThrow();
        PlatformSection p = r.platformSection();
        assertThat(p.isOneNet()).isTrue();
        assertThat(p.api()).contains("current");
        assertThat(p.url()).contains("http://127.0.0.1:18080");
        assertThat(p.coap()).contains("127.0.0.1:15683");
        assertThat(p.bootstrap()).contains("127.0.0.1:15684");
        assertThat(p.pushUrl()).contains("https://lab.example.org/onenet/push");
        assertThat(p.pushBind()).contains("0.0.0.0:8443");
        assertThat(p.product()).contains("123456");
        assertThat(p.credentialVariables()).isEqualTo(Map.of("access-key", "LAB_ONENET_ACCESS_KEY",
                "user-id", "LAB_ONENET_USER"));
        // the module's server is OneNET's LwM2M server
        assertThat(r.platform()).hasToString("127.0.0.1:15683");
    }

    @Test
    void aOneNetRackWithoutAddressesIsTheNotes() {
        Rack r = parse("platform:\n  kind: onenet\n").orElseThrow();
        assertThat(r.platform()).hasToString("183.230.40.40:5683");
        assertThat(r.platformSection().coap()).isEqualTo(Optional.empty());
    }

    @Test
    void problemsAreReportedWithFileAndLine() {
        assertThat(parse("""
                platform:
                  kind: onenet
                  api: v3
                  url: api.heclouds.com
                  coap: 183.230.40.40
                  bootstrap: 183.230.40.39:70000
                  push-url: ftp://lab/push
                  push-bind: 0.0.0.0
                  product: "12 34"
                  credentials:
                    api-key: 0123456789abcdef=
                    token: X
                  colour: blue
                """).errors()).containsExactly(
                "r.yaml:11:8: platform.api must be one of legacy, current, found 'v3'",
                "r.yaml:12:8: platform.url must be an http:// or https:// URL with a host, found 'api.heclouds.com'",
                "r.yaml:13:9: platform.coap must be HOST:PORT as the module reaches the server (e.g. 192.168.10.2:5683,"
                        + " [fd00::2]:5683), found '183.230.40.40'",
                "r.yaml:14:14: platform.bootstrap must be HOST:PORT as the module reaches the server (e.g."
                        + " 192.168.10.2:5683, [fd00::2]:5683), found '183.230.40.39:70000'",
                "r.yaml:15:13: platform.push-url must be an http:// or https:// URL with a host, found 'ftp://lab/push'",
                "r.yaml:16:14: platform.push-bind must be HOST:PORT the push receiver listens on (e.g. 0.0.0.0:8443,"
                        + " 127.0.0.1:8443), found '0.0.0.0'",
                "r.yaml:17:12: platform.product must be OneNET's product id (letters, digits, _ or -), found '12 34'",
                "r.yaml:19:14: platform.credentials.api-key names the environment variable holding it (letters,"
                        + " digits, _; e.g. ONENET_API_KEY), never the credential; found a value that is not a variable"
                        + " name",
                "r.yaml:20:5: unknown key 'token' in platform.credentials (known: api-key, access-key, user-id,"
                        + " push-token, push-aes-key)",
                "r.yaml:21:3: unknown key 'colour' in platform (known: address, kind, api, url, coap, bootstrap,"
                        + " push-url, push-bind, product, credentials)");
    }

    @Test
    void oneNetKeysInAnEmbeddedRackAndAnUnknownKind() {
        assertThat(parse("""
                platform:
                  address: 10.0.0.2:5683
                  push-url: http://lab/push
                  push-bind: 0.0.0.0:8443
                """).errors()).containsExactly(
                "r.yaml:11:3: platform.push-url is OneNET's; add 'kind: onenet' to the platform section, or remove it",
                "r.yaml:12:3: platform.push-bind is OneNET's; add 'kind: onenet' to the platform section, or remove"
                        + " it");
        assertThat(parse("""
                platform:
                  kind: container
                  address: 10.0.0.2:5683
                """).errors()).containsExactly(
                "r.yaml:10:9: platform.kind must be one of embedded, onenet, found 'container'");
    }

    @Test
    void aPushBindIsHostAndPortPortZeroMeaningAnyFreeOne() {
        for (String ok : List.of("127.0.0.1:8443", "0.0.0.0:0", "localhost:8443", "[::1]:8443", "[::]:65535")) {
            LoadResult<Rack> r = parse("platform:\n  kind: onenet\n  push-bind: \"" + ok + "\"\n");
            assertThat(r.errors()).as(ok).isEmpty();
            assertThat(r.orElseThrow().platformSection().pushBind()).as(ok).contains(ok);
        }
        for (String bad : List.of("127.0.0.1", ":8443", "127.0.0.1:65536", "127.0.0.1:x", "[::1:8443", "a b:1")) {
            assertThat(parse("platform:\n  kind: onenet\n  push-bind: \"" + bad + "\"\n").errors()).as(bad)
                    .containsExactly("r.yaml:11:14: platform.push-bind must be HOST:PORT the push receiver listens on"
                            + " (e.g. 0.0.0.0:8443, 127.0.0.1:8443), found '" + bad + "'");
        }
    }
}
