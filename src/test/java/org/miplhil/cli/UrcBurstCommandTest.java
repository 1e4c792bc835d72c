package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import org.junit.jupiter.api.Test;
import org.miplhil.at.AtLine;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.sim.StandInRegistrar;
import org.miplhil.sim.UrcEmission;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * AT+HILBENCH, the bench's own command that measures URC delivery (docs/benchmarks.md): installed on a virtual module
 * by the bench, unknown to a module without it.
 */
class UrcBurstCommandTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private static FirmwareProfile profile() throws Exception {
        return ProfileLoader.load(Path.of("fixtures/firmware/bc260y-cn.yaml")).orElseThrow();
    }

    @Test
    void aModuleWithoutTheBenchAidAnswersError() throws Exception {
        try (PtyPair pty = PtyPair.open();
             ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
             VirtualModule module = VirtualModule.builder().link(pty.master()).profile(profile())
                     .registrar(StandInRegistrar.builder().build()).build().start()) {
            session.expectUrc("RDY", WITHIN);
            assertThat(session.send("AT+HILBENCH=5").kind()).isEqualTo(AtLine.FinalResult.Kind.ERROR);
            assertThat(session.send("AT+HILBENCH?").kind()).isEqualTo(AtLine.FinalResult.Kind.ERROR);
        }
    }

    @Test
    void aBurstOfUrcsAndTheTimesTheyWereWritten() throws Exception {
        try (PtyPair pty = PtyPair.open();
             ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
             VirtualModule module = VirtualModule.builder().link(pty.master()).profile(profile())
                     .registrar(StandInRegistrar.builder().build()).harnessCommand(new UrcBurstCommand()).build()
                     .start()) {
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
