package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;

class CircuitBreakerTest {

    private static Optional<Failure> module(String message) {
        return Optional.of(Failure.module(message));
    }

    @Test
    void opensAfterKSetupFailuresWithTheSameCauseThoughTheirNumbersDiffer() {
        CircuitBreaker b = new CircuitBreaker(3);
        assertThat(b.record("a", Status.FAILED, module("state registered (suites/x.yaml:17:5): no registration outcome"
                + " after AT+MIPLOPEN=0,86400,30 within 30000 ms\n  first detail"), true)).isEmpty();
        assertThat(b.record("b", Status.FAILED, module("state registered (suites/x.yaml:18:5): no registration outcome"
                + " after AT+MIPLOPEN=0,86400,30 within 30012 ms\n  other detail"), true)).isEmpty();
        Optional<CircuitBreaker.Opened> opened = b.record("c", Status.FAILED, module("state registered"
                + " (suites/x.yaml:19:5): no registration outcome after AT+MIPLOPEN=0,86400,30 within 29998 ms"), true);
        assertThat(opened).isPresent();
        assertThat(opened.get().afterCase()).isEqualTo("c");
        assertThat(opened.get().count()).isEqualTo(3);
        assertThat(opened.get().describe()).contains("after case 'c'", "3 cases in a row", "[MODULE]",
                "no registration outcome");
        assertThat(b.opened()).isPresent();
        // opened once: later cases do not open it again
        assertThat(b.record("d", Status.FAILED, module("whatever"), true)).isEmpty();
    }

    @Test
    void aDifferentCauseRestartsTheCount() {
        CircuitBreaker b = new CircuitBreaker(2);
        assertThat(b.record("a", Status.FAILED, module("no registration outcome within 30000 ms"), true)).isEmpty();
        assertThat(b.record("b", Status.FAILED, module("AT+MIPLCREATE answered ERROR"), true)).isEmpty();
        assertThat(b.record("c", Status.BROKEN, Optional.of(Failure.infrastructure("AT+MIPLCREATE answered ERROR")),
                true)).as("the same line in another category is another cause").isEmpty();
        assertThat(b.record("d", Status.BROKEN, Optional.of(Failure.infrastructure("AT+MIPLCREATE answered ERROR")),
                true)).isPresent();
    }

    @Test
    void aPassOrAFailureInTheCasesOwnStepsResetsTheCountAndASkipLeavesIt() {
        CircuitBreaker b = new CircuitBreaker(2);
        assertThat(b.record("a", Status.FAILED, module("no answer within 5000 ms"), true)).isEmpty();
        assertThat(b.record("b", Status.PASSED, Optional.empty(), false)).isEmpty();
        assertThat(b.record("c", Status.FAILED, module("no answer within 5000 ms"), true)).isEmpty();
        assertThat(b.record("d", Status.FAILED, module("no answer within 5000 ms"), false))
                .as("a failure in the case's own steps").isEmpty();
        assertThat(b.record("e", Status.FAILED, module("no answer within 5000 ms"), true)).isEmpty();
        assertThat(b.record("f", Status.SKIPPED, Optional.of(Failure.harness("needs the virtual module")), true))
                .isEmpty();
        assertThat(b.record("g", Status.FAILED, module("no answer within 4999 ms"), true)).isPresent();
    }

    @Test
    void zeroIsOff() {
        CircuitBreaker b = new CircuitBreaker(0);
        for (int i = 0; i < 10; i++) {
            assertThat(b.record("c" + i, Status.FAILED, module("the same"), true)).isEmpty();
        }
    }

    @Test
    void masksEveryNumber() {
        assertThat(CircuitBreaker.mask("at 14:22:19.123, port 51249, x.yaml:17:5, 30 s"))
                .isEqualTo("at #, port #, x.yaml:#, # s");
        assertThat(CircuitBreaker.Cause.of(new Failure(FailureCategory.MODULE, "late by 12 ms\nsecond 1", "")))
                .isEqualTo(new CircuitBreaker.Cause(FailureCategory.MODULE, "late by # ms"));
    }
}
