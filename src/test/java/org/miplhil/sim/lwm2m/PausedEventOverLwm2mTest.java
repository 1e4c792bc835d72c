package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.MatchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.UrcEmission;
import org.miplhil.sim.fault.FaultPlanLoader;

/**
 * A pause on event 14 keeps it before the 11 of the update it starts (the control the generated space uses for a
 * URC "within its deadline"): real LwM2M client, embedded platform, real pseudo-terminal. A {@code delay} would let
 * 11 overtake 14.
 */
class PausedEventOverLwm2mTest {

    private LeshanPlatform platform;
    private ModuleOverPty m;

    @AfterEach
    void tearDown() {
        if (m != null) {
            m.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void pausedLifetimeWarningStaysBeforeTheUpdateItStarts() throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start();
        // a short own lifetime (15 s x 0.2 = 3 s): 14 at half of it, then the automatic update's 11
        m = ModuleOverPty.start(ModuleOverPty.profile(t -> t.replace("lifetime-factor: {value: 0.9,",
                "lifetime-factor: {value: 0.2,")));
        m.module.replaceFaultPlan(FaultPlanLoader.parse("pause.yaml", """
                faults:
                  - {on: urc, match: '^\\+MIPLEVENT: 0,14,', action: pause, value: 500ms, times: 1}
                """).orElseThrow());
        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort() + ",1");
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        m.ok("AT+MIPLOPEN=0,15");
        m.urc("\\+MIPLEVENT: 0,6");

        UrcArrival<MatchResult> warned = m.session.expectUrc(UrcMatcher.regex("\\+MIPLEVENT: 0,14,\\d+"),
                Duration.ofSeconds(10));
        UrcArrival<MatchResult> updated = m.session.expectUrc(UrcMatcher.regex("\\+MIPLEVENT: 0,11"),
                Duration.ofSeconds(10));
        // after the pause both may come in one read: the session's journal keeps the order of the bytes
        assertThat(warned.entry().index()).as("14 before 11 on the wire").isLessThan(updated.entry().index());
        assertThat(m.module.recentUrcs()).extracting(UrcEmission::line)
                .filteredOn(l -> l.startsWith("+MIPLEVENT: 0,14,") || l.equals("+MIPLEVENT: 0,11"))
                .isNotEmpty().first().asString().startsWith("+MIPLEVENT: 0,14,");
    }
}
