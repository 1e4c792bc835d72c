package org.miplhil.dut.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.miplhil.dut.state.ModuleState.ATTACHED;
import static org.miplhil.dut.state.ModuleState.CONFIGURED;
import static org.miplhil.dut.state.ModuleState.CREATED;
import static org.miplhil.dut.state.ModuleState.OFF;
import static org.miplhil.dut.state.ModuleState.POWERED;
import static org.miplhil.dut.state.ModuleState.REGISTERED;
import static org.miplhil.dut.state.ModuleState.UNKNOWN;
import static org.miplhil.dut.state.Move.ATTACH;
import static org.miplhil.dut.state.Move.CLOSE;
import static org.miplhil.dut.state.Move.CONFIGURE;
import static org.miplhil.dut.state.Move.CREATE;
import static org.miplhil.dut.state.Move.OPEN;
import static org.miplhil.dut.state.Move.POWER_OFF;
import static org.miplhil.dut.state.Move.POWER_ON;
import static org.miplhil.dut.state.Move.READY;
import static org.miplhil.dut.state.Move.REMOVE;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.PipeLink;

/** The way between states, planned without a module. */
class RouteTest {

    @Test
    void upFromUnknownAsksForReadinessFirst() {
        assertThat(Route.plan(UNKNOWN, REGISTERED, false).moves())
                .containsExactly(READY, ATTACH, CONFIGURE, CREATE, OPEN);
        assertThat(Route.plan(UNKNOWN, POWERED, false).moves()).containsExactly(READY);
    }

    @Test
    void upFromOffSwitchesOnAndWaitsForTheModule() {
        assertThat(Route.plan(OFF, REGISTERED, true).moves())
                .containsExactly(POWER_ON, READY, ATTACH, CONFIGURE, CREATE, OPEN);
        assertThat(Route.plan(OFF, ATTACHED, true).moves()).containsExactly(POWER_ON, READY, ATTACH);
    }

    @Test
    void upFromAStateOnTheWayGoesOnFromThere() {
        assertThat(Route.plan(POWERED, REGISTERED, false).moves()).containsExactly(ATTACH, CONFIGURE, CREATE, OPEN);
        assertThat(Route.plan(ATTACHED, REGISTERED, false).moves()).containsExactly(CONFIGURE, CREATE, OPEN);
        assertThat(Route.plan(CREATED, REGISTERED, false).moves()).containsExactly(OPEN);
        assertThat(Route.plan(ATTACHED, CREATED, false).moves()).containsExactly(CONFIGURE, CREATE);
    }

    @Test
    void downCloses() {
        assertThat(Route.plan(REGISTERED, CREATED, false).moves()).containsExactly(CLOSE);
    }

    @Test
    void downToTheNetworkRemovesWhatWasCreated() {
        assertThat(Route.plan(REGISTERED, ATTACHED, false).moves()).containsExactly(REMOVE);
        assertThat(Route.plan(CREATED, ATTACHED, false).moves()).containsExactly(REMOVE);
        assertThat(Route.plan(REGISTERED, CONFIGURED, false).moves()).containsExactly(REMOVE, CONFIGURE);
        // a configuration stays in the module: nothing to send
        Route configured = Route.plan(CONFIGURED, ATTACHED, false);
        assertThat(configured.possible()).isTrue();
        assertThat(configured.moves()).isEmpty();
    }

    @Test
    void offAndLeavingTheNetworkTakeAPowerControl() {
        assertThat(Route.plan(REGISTERED, OFF, true).moves()).containsExactly(POWER_OFF);
        assertThat(Route.plan(REGISTERED, POWERED, true).moves()).containsExactly(POWER_OFF, POWER_ON, READY);
        Route noPower = Route.plan(REGISTERED, OFF, false);
        assertThat(noPower.possible()).isFalse();
        assertThat(noPower.impossible()).hasValueSatisfying(why -> assertThat(why).contains("power control"));
        assertThat(Route.plan(OFF, REGISTERED, false).impossible()).isPresent();
        assertThat(Route.plan(ATTACHED, POWERED, false).impossible()).isPresent();
    }

    @ParameterizedTest
    @EnumSource(ModuleState.class)
    void stayingPutIsNothing(ModuleState s) {
        if (s == UNKNOWN) {
            assertThat(Route.plan(s, s, true).possible()).isFalse(); // not a state to go to
        } else {
            assertThat(Route.plan(s, s, true).moves()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ModuleState.class)
    void everyKnownStateIsReachableFromEveryStateWithPower(ModuleState from) {
        for (ModuleState to : ModuleState.values()) {
            if (to.isKnown()) {
                Route r = Route.plan(from, to, true);
                assertThat(r.possible()).as(r.toString()).isTrue();
                // the moves end where asked, but for configured -> attached (nothing to undo)
                if (!r.moves().isEmpty() && !(to == ATTACHED && r.moves().get(r.moves().size() - 1) == REMOVE)) {
                    assertThat(r.moves().get(r.moves().size() - 1).reaches()).as(r.toString()).isEqualTo(to);
                }
            }
        }
    }

    @Test
    void aStrategyWithoutPowerReportsAnImpossibleRouteWithoutTouchingTheModule() {
        try (PipeLink.Pair pipe = PipeLink.pair("pipe:harness", "pipe:module");
             ModuleSession session = ModuleSession.open(pipe.a())) {
            ModuleStrategy s = new ModuleStrategy(session, RegistrationTarget.of(List.of()), Optional.empty(), REGISTERED);
            TransitionResult r = s.transition(OFF);
            assertThat(r.arrived()).isFalse();
            assertThat(r.failure().orElseThrow().kind()).isEqualTo(TransitionFailure.Kind.IMPOSSIBLE);
            assertThat(r.describe()).contains("registered -> off").contains("power control");
            assertThat(s.state()).isEqualTo(REGISTERED);
            assertThat(session.journal().size()).as("nothing sent").isZero();
        }
    }
}
