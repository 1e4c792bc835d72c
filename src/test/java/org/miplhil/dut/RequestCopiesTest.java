package org.miplhil.dut;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.miplhil.at.LineClassifier;
import org.miplhil.at.RawLine;
import org.miplhil.at.RequestType;

class RequestCopiesTest {

    private static final long S = 1_000_000_000L;
    private final RequestCopies copies = new RequestCopies();

    private static RequestCopies.Key read(long msgId, String path) {
        return new RequestCopies.Key(msgId, RequestType.READ, path);
    }

    @Test
    void theSameMsgIdKindAndPathWithinMaxTransmitWaitIsACopy() {
        assertThat(copies.isCopy(read(7, "/3303/0/5700"), 0)).isFalse();
        assertThat(copies.isCopy(read(7, "/3303/0/5700"), 45 * S)).isTrue();
        assertThat(copies.isCopy(read(7, "/3303/0/5700"), 93 * S)).isTrue();
    }

    @Test
    void anotherKindPathOrMsgIdIsARequestOfItsOwn() {
        copies.isCopy(read(7, "/3303/0/5700"), 0);
        assertThat(copies.isCopy(read(7, "/3303/0/5701"), S)).isFalse();
        assertThat(copies.isCopy(new RequestCopies.Key(7, RequestType.OBSERVE, "/3303/0/5700"), S)).isFalse();
        assertThat(copies.isCopy(read(8, "/3303/0/5700"), S)).isFalse();
    }

    @Test
    void afterMaxTransmitWaitTheMsgIdIsANewRequest() {
        copies.isCopy(read(7, "/3303/0/5700"), 0);
        assertThat(copies.isCopy(read(7, "/3303/0/5700"), 94 * S)).isFalse();
        assertThat(copies.isCopy(read(7, "/3303/0/5700"), 95 * S)).isTrue();
    }

    @Test
    void atARealRateOnlyTheWindowsRequestsAreRememberedAndCopiesAreStillRecognised() {
        // a read every 2 s for an hour: each msgId new, each retransmitted 1 s later; at most 93 s of them kept
        for (long k = 0; k < 1800; k++) {
            long t = 2 * k * S;
            assertThat(copies.isCopy(read(k, "/3311/0/5851"), t)).as("read %d first seen", k).isFalse();
            assertThat(copies.isCopy(read(k, "/3311/0/5851"), t + S)).as("read %d retransmitted", k).isTrue();
            assertThat(copies.remembered()).isLessThanOrEqualTo(47);
        }
        long last = 2 * 1799 * S;
        assertThat(copies.isCopy(read(1799 - 46, "/3311/0/5851"), last + S)).as("93 s old: still a copy").isTrue();
        assertThat(copies.isCopy(read(1799 - 47, "/3311/0/5851"), last + S)).as("94 s old: new").isFalse();
    }

    @Test
    void anEntryOutOfArrivalOrderStillExpires() {
        copies.isCopy(read(1, "/3/0/0"), 10 * S);
        copies.isCopy(read(2, "/3/0/0"), 0); // older than the head
        assertThat(copies.isCopy(read(2, "/3/0/0"), 100 * S)).isFalse();
        assertThat(copies.isCopy(read(1, "/3/0/0"), 100 * S)).isTrue();
    }

    @Test
    void aRegistrationStartsTheRequestsAfreshAndJournalLinesAreJudgedInOrder() {
        assertThat(copies.observe(urc(0, "+MIPLREAD: 0,7,3303,0,5700", 0))).isFalse();
        assertThat(copies.observe(urc(1, "+MIPLREAD: 0,7,3303,0,5700", S))).isTrue();
        assertThat(copies.observe(urc(2, "+MIPLEVENT: 0,6", 2 * S))).isFalse();
        assertThat(copies.observe(urc(3, "+MIPLREAD: 0,7,3303,0,5700", 3 * S))).isFalse();
        assertThat(copies.observe(urc(4, "OK", 4 * S))).isFalse();
    }

    private static JournalEntry.Received urc(int index, String text, long nanoTime) {
        return new JournalEntry.Received(index,
                LineClassifier.classify(new RawLine(text, nanoTime, nanoTime, Instant.EPOCH, false, ""), null));
    }
}
