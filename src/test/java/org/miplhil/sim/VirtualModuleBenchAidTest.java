package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;

/** AT+HILBENCH, the bench aid that measures URC delivery (docs/benchmarks.md). */
class VirtualModuleBenchAidTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void aBurstOfUrcsAndTheTimesTheyWereWritten() throws Exception {
        try (PtyPair pty = PtyPair.open();
             ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
             VirtualModule module = VirtualModule.builder().link(pty.master()).profile(SimTerminal.profile())
                     .registrar(StandInRegistrar.builder().build()).build().start()) {
            session.expectUrc("RDY", WITHIN);

            Reply burst = session.send("AT+HILBENCH=5");
            assertThat(burst.isOk()).isTrue();
            List<UrcArrival<MatchResult>> arrivals = new ArrayList<>();
            for (int k = 1; k <= 5; k++) {
                arrivals.add(session.expectUrc("\\+HILBENCH: " + k, WITHIN));
            }
            // the URCs follow the OK, as URCs do
            assertThat(arrivals.get(0).entry().index()).isGreaterThan(burst.lastIndex());

            Reply times = session.send("AT+HILBENCH?");
            assertThat(times.lines()).hasSize(5);
            for (int k = 1; k <= 5; k++) {
                String[] fields = times.lines().get(k - 1).substring("+HILBENCH: ".length()).split(",");
                assertThat(Integer.parseInt(fields[0])).isEqualTo(k);
                long written = Long.parseLong(fields[1]);
                // after the command that asked for it (the writer's clock read can trail the arrival when it is
                // preempted after its write, so arrival is no bound)
                assertThat(written).isGreaterThan(burst.sentNanos());
            }
            assertThat(module.recentUrcs()).extracting(UrcEmission::line).contains("+HILBENCH: 5");

            // a second burst: the query lists only it
            assertThat(session.send("AT+HILBENCH=2").isOk()).isTrue();
            session.expectUrc("\\+HILBENCH: 2", WITHIN);
            assertThat(session.send("AT+HILBENCH?").lines()).hasSize(2).allMatch(l -> l.matches("\\+HILBENCH: [12],\\d+"));

            assertThat(session.send("AT+HILBENCH=0").isOk()).isFalse();
            assertThat(session.send("AT+HILBENCH=1001").isOk()).isFalse();
        }
    }
}
