package org.miplhil.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/** The CoAP timing probes against the virtual module, the embedded platform and the relay on 127.0.0.1. */
class Lwm2mProbesTest {

    private static final Path SHIPPED = Path.of("fixtures/firmware/bc260y-cn.yaml");
    private static final Path VARIANT = Path.of("src/test/resources/learn/bc260y-cn-coap-fota.yaml");

    private static Map<String, String> learn(FirmwareProfile runs, FirmwareProfile current) throws IOException {
        try (LeshanPlatform platform = LeshanPlatform.builder().address(InetAddress.getLoopbackAddress())
                .bootstrap(false).start();
             ProbedModule m = ProbedModule.virtual(runs, FaultPlan.none(), Duration.ofSeconds(30))) {
            List<Observation> seen = new Lwm2mProbes(m.session(), platform, "127.0.0.1", current).run(false);
            Map<String, String> out = new TreeMap<>();
            seen.forEach(o -> out.put(o.key(), o.value().isEmpty() ? "(" + o.answer() + ")" : o.value()));
            System.out.println(seen);
            return out;
        }
    }

    @Test
    void the_shipped_timing_is_confirmed() throws IOException {
        FirmwareProfile shipped = ProfileLoader.load(SHIPPED).orElseThrow();
        assertThat(learn(shipped, shipped)).containsExactly(Map.entry("lwm2m.ack-randomised", "false"),
                Map.entry("lwm2m.ack-timeout", "2s"), Map.entry("lwm2m.deregistration-timeout", "3s"));
    }

    @Test
    void another_ack_timeout_is_learnt() throws IOException {
        FirmwareProfile shipped = ProfileLoader.load(SHIPPED).orElseThrow();
        assertThat(learn(ProfileLoader.load(VARIANT).orElseThrow(), shipped)).containsExactly(
                Map.entry("lwm2m.ack-randomised", "false"), Map.entry("lwm2m.ack-timeout", "1s"),
                Map.entry("lwm2m.deregistration-timeout", "3s"));
    }
}
