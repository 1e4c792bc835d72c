package org.miplhil.dut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.miplhil.link.PipeLink;

/** The journal keeps its last lines only: a session that serves a platform for days holds bounded memory. */
class JournalCapacityTest {

    @Test
    void beyondItsCapacityTheOldestLinesGoAndIndicesStayAbsolute() {
        Journal j = new Journal(0, null, 8);
        for (int i = 0; i < 100; i++) {
            JournalEntry.Sent s = j.appendSent("AT+CMD=" + i, i, Instant.EPOCH);
            assertThat(s.index()).isEqualTo(i);
        }
        assertThat(j.size()).as("every line counted").isEqualTo(100);
        assertThat(j.firstIndex()).isBetween(100 - 8 - 1, 100 - 8);
        assertThat(j.entries()).hasSizeBetween(8, 9);
        assertThat(j.entries().get(j.entries().size() - 1).index()).isEqualTo(99);
        assertThat(j.entries(0, 95)).as("a range reaching back starts at the oldest line kept")
                .extracting(JournalEntry::index).first().isEqualTo(j.firstIndex());
        assertThat(j.entries(95, 200)).extracting(JournalEntry::index).containsExactly(95, 96, 97, 98, 99);
        assertThat(j.get(99)).isInstanceOf(JournalEntry.Sent.class);
        IndexOutOfBoundsException gone = catchThrowableOfType(() -> j.get(3), IndexOutOfBoundsException.class);
        assertThat(gone).hasMessageContaining("line 3 is no longer kept").hasMessageContaining("last 8 lines");
        assertThat(j.evidenceLocked(0, 0, false)).contains("no longer kept").contains("AT+CMD=99")
                .doesNotContain("AT+CMD=3 ");
    }

    @Test
    void aSessionReceivingMoreLinesThanTheJournalKeepsStaysBoundedAndItsWaitsWork() throws Exception {
        PipeLink.Pair pipe = PipeLink.pair("pipe:harness", "pipe:module");
        ScriptedModule module = new ScriptedModule(pipe.b(), 1);
        ModuleSession session = ModuleSession.open(pipe.a());
        try {
            Cursor start = session.now();
            int lines = (Journal.CAPACITY + Journal.CAPACITY / 4) / 100 * 100;
            byte[] hundred = "\r\n+MIPLEVENT: 0,26\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < lines / 100; i++) {
                pipe.b().write(hundred);
            }
            module.urc("+MIPLEVENT: 0,6");
            // a wait from the session's start, long dropped, still finds the new line
            UrcArrival<?> last = session.expectUrc(start, UrcMatcher.text("+MIPLEVENT: 0,6"), Duration.ofSeconds(60));
            assertThat(last.entry().index()).isEqualTo(lines);
            Journal j = session.journal();
            assertThat(j.size()).isEqualTo(lines + 1);
            assertThat(j.firstIndex()).isPositive();
            assertThat(j.entries()).as("kept: at most the capacity and the eighth dropped at a time")
                    .hasSizeLessThanOrEqualTo(Journal.CAPACITY + Journal.CAPACITY / 8 + 1);
            assertThat(j.urcs(0)).last().extracting(JournalEntry.Received::text).isEqualTo("+MIPLEVENT: 0,6");
        } finally {
            session.close();
            pipe.close();
        }
    }
}
