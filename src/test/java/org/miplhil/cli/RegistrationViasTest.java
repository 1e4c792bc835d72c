package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.miplhil.container.ContainerException;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.PlatformLab;
import org.miplhil.json.Json;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.RelayStats;
import org.miplhil.sim.profile.FirmwareProfile;
import picocli.CommandLine;

/**
 * {@code bench registration --via}: the list of ways, its usage errors, a lab way without Docker, and the direct
 * way end to end (virtual module on a pseudo-terminal, embedded platform on loopback). Timing is never asserted.
 */
class RegistrationViasTest {

    static final Path PROFILES = Path.of("fixtures", "network");

    @Test
    void theListKeepsItsOrderDropsRepeatsAndReadsEachProfile() {
        RegistrationVias.Parsed p = RegistrationVias.parse(
                List.of("nbiot-lossy", "direct", " Container ", "direct", "nbiot-good"), PROFILES);

        assertThat(p).isInstanceOf(RegistrationVias.Parsed.Ok.class);
        List<RegistrationVias.Via> vias = ((RegistrationVias.Parsed.Ok) p).vias();
        assertThat(vias).extracting(RegistrationVias.Via::name)
                .containsExactly("nbiot-lossy", "direct", "container", "nbiot-good");
        assertThat(vias).extracting(RegistrationVias.Via::inLab).containsExactly(true, false, true, true);
        RegistrationVias.Via.Profile lossy = (RegistrationVias.Via.Profile) vias.get(0);
        assertThat(lossy.conditions().name()).isEqualTo("nbiot-lossy");
        assertThat(lossy.conditions().uplink().loss()).isEqualTo(0.15);
    }

    @Test
    void anUnknownWayIsAUsageErrorNamingEveryChoice() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Lwm2mBench.Registration cmd = new Lwm2mBench.Registration(print(out), print(err));
        cmd.labs = labs(DockerStatus.up("test"), new AtomicInteger());

        int exit = new CommandLine(cmd).execute("--via", "direct,nbiot-awful", "--count", "1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "--via takes direct, container, nbiot-edge, nbiot-good, nbiot-lossy: 'nbiot-awful'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anEmptyListIsAUsageError() {
        assertThat(RegistrationVias.parse(List.of(" "), PROFILES))
                .isInstanceOf(RegistrationVias.Parsed.Bad.class);
        assertThat(RegistrationVias.parse(List.of(), PROFILES)).isEqualTo(
                new RegistrationVias.Parsed.Bad("--via needs at least one of direct, container, nbiot-edge, "
                        + "nbiot-good, nbiot-lossy"));
    }

    @Test
    void aLabWayWithoutDockerExitsTwoWithTheReasonBeforeMeasuring() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger started = new AtomicInteger();
        Lwm2mBench.Registration cmd = new Lwm2mBench.Registration(print(out), print(err));
        cmd.labs = labs(DockerStatus.down("no Docker engine at unix:///var/run/docker.sock"), started);

        int exit = new CommandLine(cmd).execute("--via", "direct,nbiot-edge", "--count", "1", "--warmup", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--via nbiot-edge needs the platform in a container")
                .contains("no Docker engine at unix:///var/run/docker.sock");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing measured, not even direct").isEmpty();
        assertThat(started).hasValue(0);
    }

    @Test
    void directAloneRunsWithoutDockerAndPrintsItsLineWithTheWayAndNoRelay() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger started = new AtomicInteger();
        Lwm2mBench.Registration cmd = new Lwm2mBench.Registration(print(out), print(err));
        cmd.labs = labs(DockerStatus.down("not asked"), started);

        int exit = new CommandLine(cmd).execute("--via", "direct", "--count", "2", "--warmup", "0");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\{\"tool\":\"mipl-hil\",\"bench\":\"registration\",\"count\":2,"
                + "\"warmup\":0,\"median_ms\":[\\d.]+,\"p99_ms\":[\\d.]+,\"max_ms\":[\\d.]+,\"goal_ms\":1000,"
                + "\"via\":\"direct\",\"failures\":0,\"open_timeout_s\":30}");
        assertThat(started).as("no lab for the direct way").hasValue(0);
    }

    @Test
    void aProfileLineCarriesItsConditionsTheFailuresAndTheRelaysStats() {
        RegistrationVias.Via.Profile lossy = (RegistrationVias.Via.Profile) ((RegistrationVias.Parsed.Ok)
                RegistrationVias.parse(List.of("nbiot-lossy"), PROFILES)).vias().get(0);
        RegistrationVias.Outcome o = new RegistrationVias.Outcome(lossy,
                Lwm2mBench.Stats.of("registration", 3, List.of(4_000_000_000L, 6_000_000_000L), 1000), 1,
                List.of("+MIPLEVENT: 0,8 after 30012 ms"),
                Optional.of(new RelayStats(new RelayStats.Direction(20, 18, 3, 1, 0),
                        new RelayStats.Direction(17, 16, 2, 1, 0))), Duration.ofSeconds(30));

        Json.Parsed parsed = Json.parse(o.toJson());
        assertThat(parsed).isInstanceOf(Json.Parsed.Ok.class);
        String json = o.toJson();
        assertThat(json).contains("\"bench\":\"registration\",\"count\":2,\"warmup\":3,\"median_ms\":4000.00")
                .contains("\"via\":\"nbiot-lossy\",\"failures\":1,\"open_timeout_s\":30")
                .contains("\"failed\":[\"+MIPLEVENT: 0,8 after 30012 ms\"]")
                .contains("\"conditions\":\"nbiot-lossy (both ways: delay 2s ±500ms, loss 15%, duplicate 5%, "
                        + "rate 1kbit)\"")
                .contains("\"source\":\"fixtures/network/nbiot-lossy.yaml\"")
                .contains("\"relay\":{\"uplink\":{\"received\":20,\"delivered\":18,\"dropped\":3,\"duplicated\":1,"
                        + "\"reordered\":0},\"downlink\":{\"received\":17,\"delivered\":16,\"dropped\":2,"
                        + "\"duplicated\":1,\"reordered\":0}}");
    }

    @Test
    void aRegistrationThatNeverCompletesIsCountedAsAFailureAndDescribed() throws Exception {
        // a "lab" whose relay port is a socket that never answers: the module gives up at the OPEN timeout
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            List<NetworkConditions> applied = new ArrayList<>();
            PlatformLab lab = new SilentLab(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), applied);
            RegistrationVias.LabStarter starter = new RegistrationVias.LabStarter() {
                @Override
                public DockerStatus docker() {
                    return DockerStatus.up("fake");
                }

                @Override
                public PlatformLab start(boolean bootstrap, FirmwareProfile.Identity module) {
                    return lab;
                }
            };
            List<RegistrationVias.Via> vias = ((RegistrationVias.Parsed.Ok)
                    RegistrationVias.parse(List.of("nbiot-good"), PROFILES)).vias();
            List<RegistrationVias.Outcome> seen = new ArrayList<>();

            List<RegistrationVias.Outcome> out = RegistrationVias.run(vias, 2, 0, false, starter, seen::add,
                    Optional.of(Duration.ofSeconds(2)));

            assertThat(out).hasSize(1).isEqualTo(seen);
            RegistrationVias.Outcome o = out.get(0);
            assertThat(o.failures()).isEqualTo(2);
            assertThat(o.stats().count()).as("no time from a failed registration").isZero();
            assertThat(o.failureNotes()).hasSize(2).allMatch(n -> n.startsWith("+MIPLEVENT: 0,8 after "), "event 8");
            assertThat(applied).extracting(NetworkConditions::name).containsExactly("nbiot-good");
            assertThat(o.toJson()).contains("\"count\":0,")
                    .contains("\"median_ms\":null,\"p99_ms\":null,\"max_ms\":null")
                    .contains("\"failures\":2,\"open_timeout_s\":2,")
                    .contains("\"failed\":[\"+MIPLEVENT: 0,8 after ");
        }
    }

    /** A lab that is only a UDP port nobody answers on. */
    private record SilentLab(InetSocketAddress coap, List<NetworkConditions> applied) implements PlatformLab {
        @Override
        public URI apiBase() {
            return URI.create("http://127.0.0.1:9/");
        }

        @Override
        public InetSocketAddress bootstrap() {
            return coap;
        }

        @Override
        public void apply(NetworkConditions conditions) {
            applied.add(conditions);
        }

        @Override
        public RelayStats stats() {
            return RelayStats.NONE;
        }

        @Override
        public String platformLogs() {
            return "";
        }

        @Override
        public void close() {
        }
    }

    private static RegistrationVias.LabStarter labs(DockerStatus status, AtomicInteger started) {
        return new RegistrationVias.LabStarter() {
            @Override
            public DockerStatus docker() {
                return status;
            }

            @Override
            public PlatformLab start(boolean bootstrap, FirmwareProfile.Identity module) throws ContainerException {
                started.incrementAndGet();
                throw new ContainerException("this test starts no lab");
            }
        };
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
