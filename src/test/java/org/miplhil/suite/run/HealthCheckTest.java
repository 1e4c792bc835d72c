package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.state.TransitionFailure;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;

class HealthCheckTest {

    @Test
    void theVerdictNamesTheCheckWhatWasAwaitedTheDeadlineAndWhatArrived() {
        HealthCheck.Verdict v = new HealthCheck.Verdict(HealthCheck.Check.REGISTRATION, "+MIPLEVENT: 0,6",
                Duration.ofSeconds(30), "AT+MIPLOPEN", List.of("+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2"),
                TransitionFailure.Kind.TIMED_OUT, "detail");
        assertThat(v.message()).isEqualTo("health check failed: registration: awaited +MIPLEVENT: 0,6 within 30 s after"
                + " AT+MIPLOPEN; arrived: +MIPLEVENT: 0,1, +MIPLEVENT: 0,2");
        HealthCheck.Verdict many = new HealthCheck.Verdict(HealthCheck.Check.ATTACH, "+CEREG: 0,1 or 0,5",
                Duration.ofMillis(2500), "AT+CEREG?", java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> "+CEREG: 0,2").toList(), TransitionFailure.Kind.TIMED_OUT, "");
        assertThat(many.message()).startsWith("health check failed: attach: awaited +CEREG: 0,1 or 0,5 within 2.5 s"
                + " after AT+CEREG?; arrived: +CEREG: 0,2").endsWith("+CEREG: 0,2 (and 2 more)");
    }

    /** On its own, as the mutation runner would call it: a port where no module answers. */
    @Test
    void aModuleThatDoesNotAnswerFailsTheAtCheckWithinTheCommandDeadline() throws Exception {
        try (PtyPair pty = PtyPair.open();
             ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()))) {
            HealthCheck.Settings s = new HealthCheck.Settings(Duration.ofMillis(600), Duration.ofSeconds(5),
                    Optional.empty(), "not asked", Optional.empty());

            HealthCheck.Result r = HealthCheck.run(session, s);

            assertThat(r.passed()).isFalse();
            assertThat(r.failure()).hasValueSatisfying(v -> {
                assertThat(v.check()).isEqualTo(HealthCheck.Check.AT);
                assertThat(v.message()).isEqualTo("health check failed: AT: awaited OK to AT within 0.6 s; arrived:"
                        + " nothing");
            });
            assertThat(r.checks()).extracting(HealthCheck.Outcome::check).containsExactly(HealthCheck.Check.AT);
            assertThat(r.summary()).isEqualTo(r.failure().get().message());
            assertThat(r.transcript()).contains("TX AT");
        }
    }
}
