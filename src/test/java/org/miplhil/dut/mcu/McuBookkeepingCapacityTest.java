package org.miplhil.dut.mcu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.objects.ObjectPath;
import org.junit.jupiter.api.Test;

/** What the MCU records is bounded: the oldest entries go first, so an MCU serving a platform for days stays small. */
class McuBookkeepingCapacityTest {

    private static final ObjectPath PATH = ObjectPath.resource(3311, 0, 5851);

    @Test
    void theLogAndTheCallsKeepTheirLastEntries() {
        McuBookkeeping book = new McuBookkeeping(Map.of(), 3);
        for (int i = 0; i < 10; i++) {
            book.recordNotify(i, PATH, McuLogEntry.Outcome.ANSWERED, List.of("AT+MIPLNOTIFY=0," + i), List.of("OK"), "");
            book.executed(new ExecuteCall(i, PATH, Optional.empty(), Instant.EPOCH));
        }
        assertThat(book.log()).extracting(McuLogEntry::msgId).containsExactly(7L, 8L, 9L);
        assertThat(book.executions()).extracting(ExecuteCall::msgId).containsExactly(7L, 8L, 9L);
    }

    @Test
    void theDefaultCapacityIsFarAboveWhatACaseRecords() {
        McuBookkeeping book = new McuBookkeeping(Map.of());
        for (int i = 0; i < McuBookkeeping.CAPACITY + 10; i++) {
            book.recordNotify(i, PATH, McuLogEntry.Outcome.ANSWERED, List.of(), List.of(), "");
        }
        assertThat(book.log()).hasSize(McuBookkeeping.CAPACITY);
        assertThat(book.log().get(0).msgId()).isEqualTo(10L);
    }
}
