package org.miplhil.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.client.OneNetSettings;
import org.miplhil.suite.run.RunOptions;

/** {@code --platform} and OneNET's options: defaults, checks, credentials from the environment, options over a rack. */
class PlatformChoiceTest {

    private static PlatformChoice onenet(String api, String url, String coap, String bootstrap, String push,
                                         String product) {
        return new PlatformChoice("onenet", api, url, coap, bootstrap, push, null, product, Map.of());
    }

    @Test
    void withoutAChoiceThePlatformIsTheEmbeddedOne() {
        List<String> problems = new ArrayList<>();
        assertThat(PlatformChoice.none().resolve(Map.of(), problems)).isEmpty();
        assertThat(problems).isEmpty();
        RunOptions o = new LaunchSettings(null, null, null, null, null, null, null).applyTo(RunOptions.builder(),
                Map.of()).options().build();
        assertThat(o.onenet()).isEmpty();
        assertThat(o.platformName()).isEqualTo("the embedded platform");
    }

    @Test
    void oneNetDefaultsToTheLegacyApiAtItsOwnAddressAndTheNotesServers() {
        List<String> problems = new ArrayList<>();
        OneNetSettings s = onenet(null, null, null, null, null, null).resolve(Map.of(), problems).orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(s.api()).isEqualTo(OneNetApi.LEGACY);
        assertThat(s.baseUrl()).isEqualTo(OneNetApi.LEGACY.defaultBase());
        assertThat(s.coap().getHostString() + ":" + s.coap().getPort()).isEqualTo(OneNetSettings.DEFAULT_COAP);
        assertThat(s.bootstrap()).map(b -> b.getHostString() + ":" + b.getPort())
                .contains(OneNetSettings.DEFAULT_BOOTSTRAP);
        assertThat(s.pushUrl()).isEmpty();
        assertThat(s.productId()).isEmpty();
        assertThat(onenet("current", null, null, null, null, null).resolve(Map.of(), problems).orElseThrow().baseUrl())
                .isEqualTo(OneNetApi.CURRENT.defaultBase());
    }

    @Test
    void theDoublesAddressesAndTheCredentialsFromTheEnvironment() {
        List<String> problems = new ArrayList<>();
        OneNetSettings s = onenet("current", "http://127.0.0.1:18080", "127.0.0.1:15683", "localhost:15684",
                "http://127.0.0.1:18081/push", "A1b2_C3").resolve(Map.of("ONENET_ACCESS_KEY", "a2V5LWtleS1rZXk=",
                "ONENET_USER_ID", "42", "ONENET_PUSH_TOKEN", "pushtoken"), problems).orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(s.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:18080"));
        assertThat(s.coap().getAddress()).isNotNull(); // an IP literal, resolved without a lookup
        assertThat(s.bootstrap().orElseThrow().isUnresolved()).isTrue(); // a name: the module resolves it
        assertThat(s.bootstrap().orElseThrow().getHostString()).isEqualTo("localhost");
        assertThat(s.pushUrl()).contains(URI.create("http://127.0.0.1:18081/push"));
        assertThat(s.productId()).contains("A1b2_C3");
        assertThat(s.credentials().accessKey()).contains("a2V5LWtleS1rZXk=");
        assertThat(s.credentials().userId()).contains("42");
        assertThat(s.credentials().secrets()).containsExactlyInAnyOrder("a2V5LWtleS1rZXk=", "pushtoken");
    }

    @Test
    void aRackMayNameOtherVariablesForTheCredentials() {
        PlatformChoice rack = new PlatformChoice("onenet", null, null, null, null, null, null, null,
                Map.of("ONENET_API_KEY", "LAB_KEY"));
        assertThat(rack.credentials(Map.of("LAB_KEY", "secret-1", "ONENET_API_KEY", "not-this")).apiKey())
                .contains("secret-1");
    }

    @Test
    void badValuesNameTheOptionAndWhatWasExpected() {
        List<String> problems = new ArrayList<>();
        assertThat(onenet("v3", "api.heclouds.com", "183.230.40.40", "host:0", "ftp://x", "12 34")
                .resolve(Map.of(), problems)).isEmpty();
        assertThat(problems).containsExactly(
                "--onenet-api must be legacy or current, found 'v3'",
                "--onenet-url must be an http:// or https:// URL with a host (e.g. http://127.0.0.1:8080), found"
                        + " 'api.heclouds.com'",
                "--onenet-coap must be HOST:PORT (e.g. 183.230.40.40:5683, [fd00::2]:5683), found '183.230.40.40'",
                "--onenet-bootstrap must be HOST:PORT (e.g. 183.230.40.40:5683, [fd00::2]:5683), found 'host:0'",
                "--push-url must be an http:// or https:// URL with a host (e.g. http://127.0.0.1:8080), found 'ftp://x'",
                "--onenet-product must be OneNET's product id (letters, digits, _ or -), found '12 34'");

        problems.clear();
        new PlatformChoice("cloud", null, null, null, null, null, null, null, Map.of()).resolve(Map.of(), problems);
        assertThat(problems).containsExactly("--platform must be one of embedded, onenet, container, found 'cloud'");

        problems.clear();
        PlatformChoice container = new PlatformChoice("container", null, null, null, null, null, null, null, Map.of());
        assertThat(container.resolve(Map.of(), problems)).as("the adapter's settings come from the lab").isEmpty();
        assertThat(problems).isEmpty();
        assertThat(container.isContainer()).isTrue();
        assertThat(container.isOneNet()).isFalse();

        problems.clear();
        new PlatformChoice(null, null, "http://127.0.0.1:1", null, null, null, null, null, Map.of()).resolve(Map.of(),
                problems);
        assertThat(problems).containsExactly("--onenet-url is for --platform onenet; the platform is embedded");

        LaunchSettings.Applied a = new LaunchSettings(null, null, null, null, 5683, null, null,
                onenet(null, null, null, null, null, null)).applyTo(RunOptions.builder(), Map.of());
        assertThat(a.settings()).containsExactly("--coap-port is the embedded platform's; with --platform onenet give"
                + " --onenet-coap and --onenet-bootstrap");
    }

    @Test
    void optionsOverTheRack() {
        PlatformChoice rack = new PlatformChoice("onenet", "current", "http://rack", "10.0.0.1:5683", null, null,
                "0.0.0.0:8443", "P1", Map.of("ONENET_API_KEY", "LAB_KEY"));
        PlatformChoice options = new PlatformChoice(null, null, "http://options", null, null, "http://push", null,
                null, Map.of());
        PlatformChoice merged = options.over(rack);
        assertThat(merged).isEqualTo(new PlatformChoice("onenet", "current", "http://options", "10.0.0.1:5683",
                null, "http://push", "0.0.0.0:8443", "P1", Map.of("ONENET_API_KEY", "LAB_KEY")));
        PlatformChoice bind = new PlatformChoice(null, null, null, null, null, null, "127.0.0.1:9443", null,
                Map.of());
        assertThat(bind.over(rack).pushBind()).isEqualTo("127.0.0.1:9443");
        // --platform embedded over a OneNET rack leaves the rack's OneNET settings aside
        PlatformChoice embedded = new PlatformChoice("embedded", null, null, null, null, null, null, null,
                Map.of());
        assertThat(embedded.over(rack).isOneNet()).isFalse();
        assertThat(embedded.over(rack).resolve(Map.of(), new ArrayList<>())).isEqualTo(Optional.empty());
    }

    @Test
    void theModuleIsPointedAtOneNetsServer() {
        RunOptions o = new LaunchSettings(null, null, null, null, null, null, null,
                onenet(null, null, "127.0.0.1:15683", null, null, null)).applyTo(RunOptions.builder(), Map.of())
                .options().build();
        assertThat(o.onenet()).isPresent();
        assertThat(o.advertisedHost()).isEqualTo("127.0.0.1");
        assertThat(o.platformName()).isEqualTo("OneNET");
    }

    private static PlatformChoice pushed(String pushUrl, String pushBind) {
        return new PlatformChoice("onenet", null, null, null, null, pushUrl, pushBind, null, Map.of());
    }

    @Test
    void thePushReceiverListensWhereTheChoiceSays() {
        List<String> problems = new ArrayList<>();
        OneNetSettings s = pushed("https://lab.example.org/onenet/push", "127.0.0.1:8443").resolve(Map.of(), problems)
                .orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(s.pushBind()).hasValueSatisfying(b -> {
            assertThat(b.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(b.getPort()).isEqualTo(8443);
        });
        assertThat(s.pushReceiverBind()).isEqualTo(s.pushBind());
        assertThat(pushed("http://127.0.0.1:9/p", "[::1]:0").resolve(Map.of(), problems).orElseThrow().pushBind()
                .orElseThrow().getPort()).isZero();
        assertThat(problems).isEmpty();
        // without one: loopback and the push URL's port
        OneNetSettings unbound = pushed("https://lab.example.org/onenet/push", null).resolve(Map.of(), problems)
                .orElseThrow();
        assertThat(unbound.pushBind()).isEmpty();
        assertThat(unbound.pushReceiverBind().orElseThrow().getPort()).isEqualTo(443);
    }

    @Test
    void aPushBindMakesSenseOnlyAsAnAddressOfThisHostAndWithAPushUrl() {
        List<String> problems = new ArrayList<>();
        assertThat(pushed(null, "127.0.0.1:8443").resolve(Map.of(), problems)).isEmpty();
        assertThat(problems).containsExactly(
                "--push-bind is for the push receiver: give --push-url too (or the rack's push-url)");
        for (String bad : List.of("nowhere", "127.0.0.1", ":8443", "127.0.0.1:65536", "127.0.0.1:x")) {
            problems.clear();
            assertThat(pushed("http://127.0.0.1:9/p", bad).resolve(Map.of(), problems)).as(bad).isEmpty();
            assertThat(problems).as(bad).containsExactly(
                    "--push-bind must be HOST:PORT (e.g. 0.0.0.0:8443, 127.0.0.1:8443), found '" + bad + "'");
        }
        problems.clear();
        new PlatformChoice(null, null, null, null, null, null, "127.0.0.1:8443", null, Map.of()).resolve(Map.of(),
                problems);
        assertThat(problems).containsExactly("--push-bind is for --platform onenet; the platform is embedded");
    }

    @Test
    void theSettingsNameTheVariablesTheRackRenamed() {
        List<String> problems = new ArrayList<>();
        OneNetSettings s = new PlatformChoice("onenet", null, null, null, null, null, null, null,
                Map.of("ONENET_API_KEY", "LAB1_KEY")).resolve(Map.of("LAB1_KEY", "secret-value-1"), problems)
                .orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(s.credentialVariable("ONENET_API_KEY")).isEqualTo("LAB1_KEY");
        assertThat(s.credentialVariable("ONENET_PUSH_TOKEN")).isEqualTo("ONENET_PUSH_TOKEN");
        assertThat(s.toString()).contains("LAB1_KEY").doesNotContain("secret-value-1"); // names, never values
    }
}
