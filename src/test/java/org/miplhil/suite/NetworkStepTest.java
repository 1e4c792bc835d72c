package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.network.NetworkConditions;

/** The {@code network} step: conditions from that step on, only in a case that has conditions already. */
class NetworkStepTest {

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
                """);
    }

    @Test
    void aStepTakesAMapOrAProfileInACaseWithConditions() {
        Suite s = fx.parse("""
                suite: S
                tags: [network]
                cases:
                  - name: C
                    network: none
                    steps:
                      - send: AT
                      - network: {uplink: {loss: 100%}}
                      - network: lab-slow
                """).orElseThrow();
        Step.Network first = (Step.Network) s.cases().get(0).steps().get(1);
        assertThat(first.conditions().name()).isEqualTo(NetworkConditions.INLINE);
        assertThat(first.conditions().uplink().loss()).isEqualTo(1.0);
        assertThat(first.conditions().downlink().loss()).isZero();
        assertThat(first.position().line()).isEqualTo(8);
        assertThat(first.word()).isEqualTo("network");
        assertThat(((Step.Network) s.cases().get(0).steps().get(2)).conditions().name()).isEqualTo("lab-slow");
    }

    @Test
    void theSuitesConditionsAreEnoughForAStepInACase() {
        assertThat(fx.parse("""
                suite: S
                tags: [network]
                network: lab-slow
                cases:
                  - name: C
                    steps:
                      - network: {loss: 100%}
                """).errors()).isEmpty();
    }

    @Test
    void aStepInACaseWithoutConditionsIsReportedAtTheStep() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: C
                    steps:
                      - send: AT
                      - network: {loss: 100%}
                """).errors()).singleElement().asString()
                .startsWith("s.yaml:6:9: a 'network' step in the case 'C' steps changes the conditions")
                .contains("give the case (or the suite) its own 'network:'");
    }

    @Test
    void aStepInTheSetupNeedsConditionsForEveryCase() {
        assertThat(fx.parse("""
                suite: S
                tags: [network]
                setup:
                  - network: {loss: 100%}
                cases:
                  - name: C
                    network: none
                    steps:
                      - send: AT
                  - name: D
                    steps:
                      - send: AT
                """).errors()).singleElement().asString()
                .startsWith("s.yaml:4:5: a 'network' step in the suite's steps");
    }

    @Test
    void badFiguresAndUnknownProfilesAreReportedWithTheExpectedForm() {
        assertThat(fx.parse("""
                suite: S
                tags: [network]
                network: none
                cases:
                  - name: C
                    steps:
                      - network: {loss: 15}
                      - network: nowhere
                """).errors()).satisfiesExactly(
                e -> assertThat(e).asString().startsWith("s.yaml:7:")
                        .contains("network.loss must be a percentage"),
                e -> assertThat(e).asString().startsWith("s.yaml:8:").contains("nowhere")
                        .contains("expected a profile name"));
    }

    @Test
    void aNotificationExpectationTakesACount() {
        Suite s = fx.parse("""
                suite: S
                cases:
                  - name: C
                    steps:
                      - expect-platform: notification
                        path: /3303/0/5700
                        count: 1
                        within: 5s
                """).orElseThrow();
        Step.ExpectPlatform e = (Step.ExpectPlatform) s.cases().get(0).steps().get(0);
        assertThat(((PlatformExpectation.Notification) e.expectation()).count()).hasValue(1);
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: C
                    steps:
                      - expect-platform: registered
                        count: 1
                        within: 5s
                      - expect-platform: notification
                        path: /3303/0/5700
                        count: 0
                        within: 5s
                """).errors()).hasSize(2);
    }
}
