package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.network.Impairment;
import org.miplhil.network.NetworkConditions;

/** The {@code network:} key of suites and cases: both forms, the case over the suite, the tag, every error. */
class NetworkKeyTest {

    @TempDir
    Path tmp;

    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
        fx.write("fixtures/network/lab-slow.yaml", """
                description: a slow lab network
                source: assumed for this test
                delay: 2s
                jitter: 500ms
                loss: 15%
                uplink:
                  duplicate: 5%
                """);
    }

    @Test
    void aProfileNameOnTheSuiteAndAMapOnACaseThatReplacesIt() {
        Suite s = fx.parse("""
                suite: S
                tags: [network]
                network: lab-slow
                cases:
                  - name: under the suite's
                    steps:
                      - send: AT
                  - name: its own
                    network: {delay: 300ms, loss: 2.5%, rate: 20kbit, downlink: {delay: 1s}}
                    steps:
                      - send: AT
                """).orElseThrow();
        NetworkConditions suite = s.network().orElseThrow();
        assertThat(suite.name()).isEqualTo("lab-slow");
        assertThat(suite.uplink()).isEqualTo(new Impairment(Duration.ofSeconds(2), Duration.ofMillis(500), 0.15, 0.05,
                0, 0));
        assertThat(suite.downlink().duplicate()).isZero();
        assertThat(s.cases().get(0).network()).isEmpty();
        assertThat(s.cases().get(0).networkIn(s)).contains(suite);
        NetworkConditions own = s.cases().get(1).networkIn(s).orElseThrow();
        assertThat(own.name()).isEqualTo(NetworkConditions.INLINE);
        assertThat(own.uplink()).isEqualTo(new Impairment(Duration.ofMillis(300), Duration.ZERO, 0.025, 0, 0, 20_000));
        assertThat(own.downlink().delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(own.downlink().loss()).isEqualTo(0.025);
    }

    @Test
    void aSuiteWithoutNetworkHasNone() {
        Suite s = fx.parse("""
                suite: S
                cases:
                  - name: N
                    steps:
                      - send: AT
                """).orElseThrow();
        assertThat(s.network()).isEmpty();
        assertThat(s.cases().get(0).networkIn(s)).isEmpty();
    }

    @Test
    void aSuiteOrCaseWithNetworkCarriesTheTag() {
        assertThat(fx.parse("""
                suite: S
                network: lab-slow
                cases:
                  - name: N
                    network: {loss: 1%}
                    steps:
                      - send: AT
                """).errors()).containsExactly(
                "s.yaml:2:1: the suite has 'network:' but not the tag 'network': add it to the suite's 'tags:'"
                        + " (tags: [network]) so runs can select or leave out the cases that need the platform in a"
                        + " container",
                "s.yaml:5:5: the case has 'network:' but not the tag 'network': add it to the case's 'tags:'"
                        + " (tags: [network]) so runs can select or leave out the cases that need the platform in a"
                        + " container");
        // the case's own tag, or the suite's, is enough
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: N
                    tags: [network]
                    network: {loss: 1%}
                    steps:
                      - send: AT
                """).errors()).isEmpty();
    }

    @Test
    void anUnknownProfileNamesTheKnownOnesAndTheExpectedForm() {
        assertThat(fx.parse("""
                suite: S
                tags: [network]
                network: nbiot-nowhere
                cases:
                  - name: N
                    steps:
                      - send: AT
                """).errors()).singleElement().asString()
                .startsWith("s.yaml:3:10: network names no profile")
                .contains("lab-slow").contains("expected a profile name (fixtures/network/<name>.yaml");
    }

    @Test
    void badUnitsAndUnknownKeysAreErrorsAtTheirLines() {
        assertThat(fx.parse("""
                suite: S
                tags: [network]
                cases:
                  - name: N
                    network:
                      delay: 2 seconds
                      loss: 150%
                      rate: 20kbps
                      uplink:
                        jitter: 5x
                      sideways: {loss: 1%}
                    steps:
                      - send: AT
                """).errors()).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).startsWith("s.yaml:6:14: network.delay "),
                e -> assertThat(e).startsWith("s.yaml:7:13: network.loss "),
                e -> assertThat(e).startsWith("s.yaml:8:13: network.rate "),
                e -> assertThat(e).startsWith("s.yaml:10:17: network.uplink.jitter "),
                e -> assertThat(e).startsWith("s.yaml:11:17: network.sideways "));
    }

    @Test
    void aListOrANullIsNeitherForm() {
        assertThat(fx.parse("""
                suite: S
                tags: [network]
                network: [lab-slow]
                cases:
                  - name: N
                    steps:
                      - send: AT
                """).errors()).singleElement().asString().startsWith("s.yaml:3:10: network ")
                .contains("expected a profile name");
    }

    @Test
    void theKeysOfTheMapFormAreTheNetworkPackagesOwn() {
        assertThat(SuiteKeys.NETWORK).containsExactly("delay", "jitter", "loss", "duplicate", "reorder", "rate",
                "uplink", "downlink");
        assertThat(SuiteKeys.SUITE).contains("network");
        assertThat(SuiteKeys.CASE).contains("network");
    }
}
