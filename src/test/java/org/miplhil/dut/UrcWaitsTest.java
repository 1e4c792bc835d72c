package org.miplhil.dut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.miplhil.dut.UrcMatcher.event;
import static org.miplhil.dut.UrcMatcher.text;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.at.EventId;
import org.miplhil.link.PipeLink;

/** The session's any-order waits, and what a failed wait for several URCs tells, on a scripted module. */
class UrcWaitsTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private final long seed = System.nanoTime();
    private PipeLink.Pair pipe;
    private ScriptedModule module;
    private ModuleSession session;

    @BeforeEach
    void connect() {
        pipe = PipeLink.pair("pipe:harness", "pipe:module");
        module = new ScriptedModule(pipe.b(), seed);
        session = ModuleSession.open(pipe.a());
    }

    @AfterEach
    void disconnect() {
        session.close();
        pipe.close();
    }

    @Test
    void anyOrderTakesEachUrcOnceAndGivesTheArrivalsInTheMatchersOrder() {
        Cursor from = session.now();
        List.of("+MIPLEVENT: 0,6", "+MIPLEVENT: 0,11", "+MIPLEVENT: 0,4").forEach(module::urc);
        List<UrcArrival<?>> seen = session.expectAnyOrder(from,
                List.of(event(EventId.CONNECT_SUCCESS), event(EventId.REG_SUCCESS)), GENEROUS);
        assertThat(seen).as("seed %d", seed).extracting(UrcArrival::text)
                .containsExactly("+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6");
        assertThat(seen.get(0).entry().index()).isGreaterThan(seen.get(1).entry().index());
    }

    @Test
    void anyOrderGivesAUrcToTheFirstMatcherStillOpenSoTwoEqualMatchersNeedTwoUrcs() {
        Cursor from = session.now();
        module.urc("+MIPLEVENT: 0,26");
        module.urc("+MIPLEVENT: 0,26");
        List<UrcArrival<?>> seen = session.expectAnyOrder(from,
                List.of(text("+MIPLEVENT: 0,26"), text("+MIPLEVENT: 0,26")), GENEROUS);
        assertThat(seen.get(0).entry().index()).isLessThan(seen.get(1).entry().index());
    }

    @Test
    void aFailedAnyOrderWaitTellsWhatMatchedInTimeAndWhatIsMissing() {
        Cursor from = session.now();
        module.urc("+MIPLEVENT: 0,6");
        module.urc("+MIPLEVENT: 0,15");
        DeadlineExceeded e = catchThrowableOfType(() -> session.expectAnyOrder(from,
                List.of(event(EventId.CONNECT_SUCCESS), event(EventId.REG_SUCCESS)), SHORT), DeadlineExceeded.class);
        assertThat(e).isNotNull();
        assertThat(e.matched()).extracting(UrcArrival::text).containsExactly("+MIPLEVENT: 0,6");
        assertThat(e.missing()).containsExactly("+MIPLEVENT 4 (CONNECT_SUCCESS)");
        assertThat(e.getMessage()).contains("in any order", "within 300 ms", "missing +MIPLEVENT 4 (CONNECT_SUCCESS)",
                "matched so far", "RX +MIPLEVENT: 0,15 (URC)");
    }

    @Test
    void aFailedInOrderWaitTellsWhatMatchedAndEveryMatcherStillMissing() {
        Cursor from = session.now();
        module.urc("+MIPLEVENT: 0,1");
        DeadlineExceeded e = catchThrowableOfType(() -> session.expectInOrder(from, List.of(
                event(EventId.BOOTSTRAP_START), event(EventId.BOOTSTRAP_SUCCESS), event(EventId.CONNECT_SUCCESS)),
                SHORT), DeadlineExceeded.class);
        assertThat(e).isNotNull();
        assertThat(e.matched()).extracting(UrcArrival::text).containsExactly("+MIPLEVENT: 0,1");
        assertThat(e.missing()).containsExactly("+MIPLEVENT 2 (BOOTSTRAP_SUCCESS)", "+MIPLEVENT 4 (CONNECT_SUCCESS)");
    }

    @Test
    void aUrcAfterTheDeadlineIsLateInAnyOrderToo() {
        module.urc("+MIPLEVENT: 0,4");
        module.urc("+MIPLEVENT: 0,6");
        org.awaitility.Awaitility.await().atMost(GENEROUS).until(() -> session.journal().urcs().size() == 2);
        long first = session.journal().urcs().get(0).nanoTime();
        // the clock started one second before the first URC, 10 ms allowed: both arrived, too late
        Cursor early = new Cursor(0, first - Duration.ofSeconds(1).toNanos());
        DeadlineExceeded e = catchThrowableOfType(() -> session.expectAnyOrder(early,
                List.of(event(EventId.REG_SUCCESS), event(EventId.CONNECT_SUCCESS)), Duration.ofMillis(10)),
                DeadlineExceeded.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("too late");
        assertThat(e.matched()).isEmpty();
        assertThat(e.missing()).hasSize(2);
    }
}
