package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.Chunk;
import org.miplhil.link.LinkListener;
import org.miplhil.link.PipeLink;
import org.miplhil.suite.Since;

/** The case's journal positions: where each kind of wait starts, on a session fed URCs through a pipe. */
class CaseCursorTest {

    private PipeLink.Pair pipe;
    private ModuleSession session;

    @BeforeEach
    void connect() {
        pipe = PipeLink.pair("pipe:harness", "pipe:module");
        pipe.b().start(new LinkListener() {
            @Override
            public void onChunk(Chunk chunk) {
                // the module side reads nothing in these tests
            }

            @Override
            public void onClosed(Throwable causeOrNull) {
            }
        });
        session = ModuleSession.open(pipe.a());
    }

    @AfterEach
    void disconnect() {
        session.close();
        pipe.close();
    }

    private JournalEntry.Received urc(String text) throws Exception {
        int before = session.journal().urcs().size();
        pipe.b().write(("\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> session.journal().urcs().size() > before);
        return session.journal().urcs().get(before);
    }

    @Test
    void aMatchedUrcIsNotLookedAtAgainAndLastActionWaitsLookBeforeTheAction() throws Exception {
        CaseCursor cursor = new CaseCursor(0, System.nanoTime(), 0, 0);
        JournalEntry.Received first = urc("+MIPLEVENT: 0,4");
        JournalEntry.Received second = urc("+MIPLEVENT: 0,6");
        cursor.matched(first);
        long acted = System.nanoTime();
        cursor.acted(second.index() + 1, acted, "AT+MIPLNOTIFY");

        Cursor from = cursor.from(Since.LAST_ACTION);
        assertThat(from.index()).as("any line after the previous match counts").isEqualTo(second.index());
        assertThat(from.nanoTime()).as("the clock starts at the latest action").isEqualTo(acted);
        assertThat(cursor.label(Since.LAST_ACTION)).isEqualTo("AT+MIPLNOTIFY");
        assertThat(cursor.window(Since.LAST_ACTION).index()).as("expect-no-urc looks from the action on")
                .isEqualTo(second.index() + 1);
        assertThat(cursor.trigger().index()).isEqualTo(second.index() + 1);

        cursor.matched(first); // an earlier match never moves the floor back
        cursor.matched(second);
        assertThat(cursor.from(Since.LAST_ACTION).index()).isEqualTo(second.index() + 1);
    }

    @Test
    void stepStartLooksAfterWhatThePreviousStepLookedAt() throws Exception {
        CaseCursor cursor = new CaseCursor(0, System.nanoTime(), 0, 0);
        JournalEntry.Received urc = urc("+MIPLEVENT: 0,11");
        cursor.stepStarted();
        cursor.stepEnded(session.journal().size());
        assertThat(cursor.from(Since.STEP_START).index()).isEqualTo(urc.index() + 1);
        assertThat(cursor.label(Since.STEP_START)).isEqualTo("step start");
    }

    @Test
    void aRecoveryPutsTheFloorsBack() throws Exception {
        CaseCursor cursor = new CaseCursor(0, System.nanoTime(), 3, 5);
        CaseCursor.Floors saved = cursor.floors();
        cursor.matched(urc("RDY"));
        cursor.notificationMatched(7);
        cursor.eventMatched(9);
        assertThat(cursor.notificationFloor()).isEqualTo(8);
        assertThat(cursor.eventFloor()).isEqualTo(10);
        cursor.restore(saved);
        assertThat(cursor.from(Since.LAST_ACTION).index()).isZero();
        assertThat(cursor.notificationFloor()).isEqualTo(3);
        assertThat(cursor.eventFloor()).isEqualTo(5);
    }
}
