package org.miplhil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;
import org.miplhil.platform.onenet.OneNetApi;

/** The engine's platform parameters are the command line's options under their own names. */
class EngineSettingsTest {

    private static ConfigurationParameters params(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            @SuppressWarnings("deprecation")
            public int size() {
                return values.size();
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }

    @Test
    void oneNetAsThePlatformWithTheDoublesAddresses() {
        EngineSettings s = EngineSettings.from(params(Map.of("mipl-hil.platform", "onenet",
                "mipl-hil.onenet.api", "current", "mipl-hil.onenet.url", "http://127.0.0.1:18080",
                "mipl-hil.onenet.coap", "127.0.0.1:15683", "mipl-hil.onenet.bootstrap", "127.0.0.1:15684")),
                Map.of("ONENET_ACCESS_KEY", "c2VjcmV0LWtleQ=="));
        var o = s.options().onenet().orElseThrow();
        assertThat(o.api()).isEqualTo(OneNetApi.CURRENT);
        assertThat(o.baseUrl()).hasToString("http://127.0.0.1:18080");
        assertThat(o.coap().getPort()).isEqualTo(15683);
        assertThat(s.options().secrets()).containsExactly("c2VjcmV0LWtleQ==");
    }

    @Test
    void aBadParameterIsNamedAsAParameter() {
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.platform", "onenet",
                "mipl-hil.onenet.url", "nowhere")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mipl-hil.onenet.url must be an http:// or https:// URL");
        assertThat(EngineSettings.from(params(Map.of()), Map.of()).options().onenet()).isEmpty();
    }

    @Test
    void thePushReceiversAddressIsAParameter() {
        EngineSettings s = EngineSettings.from(params(Map.of("mipl-hil.platform", "onenet",
                "mipl-hil.onenet.push-url", "https://lab.example.org/onenet/push",
                "mipl-hil.onenet.push-bind", "127.0.0.1:8443")), Map.of());
        var o = s.options().onenet().orElseThrow();
        assertThat(o.pushBind()).hasValueSatisfying(b -> {
            assertThat(b.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(b.getPort()).isEqualTo(8443);
        });
        assertThat(o.pushReceiverBind()).isEqualTo(o.pushBind());
        // without a push URL nothing listens: the message names the parameters, and no rack (the engine reads none)
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.platform", "onenet",
                "mipl-hil.onenet.push-bind", "127.0.0.1:8443")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mipl-hil.onenet.push-bind is for the push receiver: give mipl-hil.onenet.push-url too");
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.platform", "onenet",
                "mipl-hil.onenet.push-url", "http://127.0.0.1:9/p", "mipl-hil.onenet.push-bind", "8443")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mipl-hil.onenet.push-bind must be HOST:PORT (e.g. 0.0.0.0:8443, 127.0.0.1:8443), found"
                        + " '8443'");
    }

    @Test
    void thePlatformInAContainerIsAParameter() {
        EngineSettings s = EngineSettings.from(params(Map.of("mipl-hil.platform", "container")), Map.of());
        assertThat(s.options().container()).isTrue();
        assertThat(s.options().onenet()).as("the adapter's settings come from the lab when it starts").isEmpty();
        assertThat(s.options().platformName()).isEqualTo("the platform in a container");
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.platform", "container",
                "mipl-hil.onenet.url", "http://127.0.0.1:8080")), Map.of()))
                .hasMessageContaining("mipl-hil.onenet.url is for mipl-hil.platform onenet; the platform is in a"
                        + " container");
        assertThat(EngineSettings.from(params(Map.of()), Map.of()).options().container()).isFalse();
    }

    @Test
    void theParallelParameterCountsVirtualModules() {
        assertThat(EngineSettings.from(params(Map.of()), Map.of()).parallel()).as("absent: serial").isZero();
        assertThat(EngineSettings.from(params(Map.of("mipl-hil.parallel", "0")), Map.of()).parallel()).isZero();
        assertThat(EngineSettings.from(params(Map.of("mipl-hil.parallel", " 3 ")), Map.of()).parallel()).isEqualTo(3);
        assertThat(EngineSettings.from(params(Map.of("mipl-hil.parallel", "auto")), Map.of()).parallel())
                .isEqualTo(org.miplhil.fleet.VirtualFleet.defaultSize());
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.parallel", "-2")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mipl-hil.parallel: expected a number of virtual modules (0: one case at a time) or auto,"
                        + " found '-2'");
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.parallel", "many")), Map.of()))
                .hasMessageEndingWith("found 'many'");
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.parallel", "2",
                "mipl-hil.target", "serial:/dev/ttyUSB0")), Map.of()))
                .hasMessageStartingWith("mipl-hil.parallel starts virtual modules: it takes no real module"
                        + " (mipl-hil.target = ");
        assertThatThrownBy(() -> EngineSettings.from(params(Map.of("mipl-hil.parallel", "2",
                "mipl-hil.platform", "container")), Map.of()))
                .hasMessage("mipl-hil.parallel runs with the embedded platform only, not the platform in a container");
        assertThat(EngineSettings.from(params(Map.of("mipl-hil.parallel", "0", "mipl-hil.target",
                "serial:/dev/ttyUSB0")), Map.of()).parallel()).as("serial on a real module as before").isZero();
    }
}
