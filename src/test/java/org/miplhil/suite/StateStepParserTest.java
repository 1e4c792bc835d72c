package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.dut.state.ModuleState;

/** The {@code state} step: its keys, its defaults, the shorthand setup and its problems with their positions. */
class StateStepParserTest {

    @TempDir
    Path tmp;
    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
    }

    @Test
    void aStateStepLoadsWithItsKeysAndDefaults() {
        Suite s = fx.parse("""
                suite: s
                fixtures:
                  objects: [fixtures/objects/light.yaml]
                setup:
                  - state: registered
                    objects: [3311]
                    bootstrap: true
                    cmee: 1
                    delete-first: true
                  - state: created
                cases:
                  - name: c
                    steps:
                      - send: AT
                """).orElseThrow();
        Step.State full = (Step.State) s.setup().get(0);
        assertThat(full.state()).isEqualTo(ModuleState.REGISTERED);
        assertThat(full.objects()).containsExactly(3311);
        assertThat(full.allObjects()).isFalse();
        assertThat(full.bootstrap()).isTrue();
        assertThat(full.cmee()).isEqualTo(OptionalInt.of(1));
        assertThat(full.deleteFirst()).isTrue();
        Step.State defaults = (Step.State) s.setup().get(1);
        assertThat(defaults.allObjects()).isTrue();
        assertThat(defaults.config()).isTrue();
        assertThat(defaults.bootstrap()).isFalse();
        assertThat(defaults.dataFormat()).isEqualTo(1);
        assertThat(defaults.openTimeout()).isEqualTo(30);
        assertThat(defaults.lifetime().source()).isEqualTo("86400");
        assertThat(defaults.cmee()).isEmpty();
        assertThat(defaults.deleteFirst()).isFalse();
    }

    @Test
    void aMappingIsAOneStepSetup() {
        Suite s = fx.parse("""
                suite: s
                fixtures:
                  objects: [fixtures/objects/light.yaml]
                setup: {state: registered, cmee: 1}
                cases:
                  - name: c
                    steps:
                      - send: AT
                """).orElseThrow();
        assertThat(s.setup()).hasSize(1);
        assertThat(((Step.State) s.setup().get(0)).state()).isEqualTo(ModuleState.REGISTERED);
    }

    @Test
    void aBadStateWordAndAnUnknownObjectAreReportedWhereTheyAre() {
        assertThat(fx.parse("""
                suite: s
                fixtures:
                  objects: [fixtures/objects/light.yaml]
                setup:
                  - state: registred
                  - state: created
                    objects: [3311, 3303]
                cases:
                  - name: c
                    steps:
                      - send: AT
                """).errors()).satisfiesExactly(
                e -> assertThat(e).startsWith("s.yaml:5:12: ").contains("registred").contains("registered"),
                e -> assertThat(e).startsWith("s.yaml:7:21: ").contains("object 3303").contains("[3311]"));
    }
}
