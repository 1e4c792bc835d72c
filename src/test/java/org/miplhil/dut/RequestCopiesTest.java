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
